import { AdmissionRequestError } from './admission-request-error.js';
import { ADMISSION_API_VERSIONS, type AdmissionApiVersion, type AdmissionReviewRequest } from './admission-review.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Checks that `body` is an AdmissionReview request for a pod and returns it typed; throws an
 * {@link AdmissionRequestError} naming the field that is wrong and what is accepted.
 */
export function parseAdmissionReview(body: unknown): AdmissionReviewRequest {
  if (!isObject(body)) throw new AdmissionRequestError(`the body must be a JSON object (an AdmissionReview), got ${show(body)}`);
  if (body['kind'] !== 'AdmissionReview') {
    throw new AdmissionRequestError(`kind: expected "AdmissionReview", got ${show(body['kind'])}`);
  }
  const apiVersion = body['apiVersion'];
  if (!ADMISSION_API_VERSIONS.includes(apiVersion as AdmissionApiVersion)) {
    throw new AdmissionRequestError(`apiVersion: expected one of ${ADMISSION_API_VERSIONS.join(', ')}, got ${show(apiVersion)}`);
  }
  const request = body['request'];
  if (!isObject(request)) throw new AdmissionRequestError(`request: expected an object, got ${show(request)}`);
  if (typeof request['uid'] !== 'string' || request['uid'] === '') {
    throw new AdmissionRequestError(`request.uid: expected a non-empty string, got ${show(request['uid'])}`);
  }
  const kind = request['kind'];
  if (kind !== undefined && (!isObject(kind) || kind['kind'] !== 'Pod' || (kind['group'] ?? '') !== '')) {
    throw new AdmissionRequestError(`request.kind: podsecrets mutates core/v1 Pods only, got ${show(kind)}`);
  }
  if (!isObject(request['object'])) {
    throw new AdmissionRequestError(`request.object: expected the pod as an object, got ${show(request['object'])}`);
  }
  const objectKind = request['object']['kind'];
  if (objectKind !== undefined && objectKind !== 'Pod') {
    throw new AdmissionRequestError(`request.object.kind: expected "Pod", got ${show(objectKind)}`);
  }
  if (request['dryRun'] !== undefined && typeof request['dryRun'] !== 'boolean') {
    throw new AdmissionRequestError(`request.dryRun: expected true or false, got ${show(request['dryRun'])}`);
  }
  return body as unknown as AdmissionReviewRequest;
}

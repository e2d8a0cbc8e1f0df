import { isJsonObject } from '../json/is-json-object.js';
import { AdmissionRequestError } from './admission-request-error.js';
import { ADMISSION_API_VERSIONS, type AdmissionApiVersion, type AdmissionReviewRequest } from './admission-review.js';

// A pod is at most some twenty levels deep; far deeper JSON is an attack on the recursive code that diffs
// and copies the object (a stack overflow), so it is refused before any of that runs.
const MAX_OBJECT_DEPTH = 100;

// Recursive, and bounded by `limit` itself: it never goes more than limit + 1 levels down, so it cannot
// overflow the stack, and it walks the pod without the list of pending values an iterative walk allocates.
// Leaves (most of a pod's values) are skipped without a call.
function depthExceeds(value: object, limit: number, depth = 1): boolean {
  if (depth > limit) return true;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      if (typeof item === 'object' && item !== null && depthExceeds(item, limit, depth + 1)) return true;
    }
    return false;
  }
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === 'object' && item !== null && Object.hasOwn(value, key) && depthExceeds(item, limit, depth + 1)) return true;
  }
  return false;
}

function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // JSON.stringify recurses: a value nested deeply enough overflows the stack.
    text = Array.isArray(value) ? 'a deeply nested list' : 'a deeply nested object';
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Checks that `body` is an AdmissionReview request for a pod and returns it typed; throws an
 * {@link AdmissionRequestError} naming the field that is wrong and what is accepted.
 */
export function parseAdmissionReview(body: unknown): AdmissionReviewRequest {
  if (!isJsonObject(body)) throw new AdmissionRequestError(`the body must be a JSON object (an AdmissionReview), got ${show(body)}`);
  if (body['kind'] !== 'AdmissionReview') {
    throw new AdmissionRequestError(`kind: expected "AdmissionReview", got ${show(body['kind'])}`);
  }
  const apiVersion = body['apiVersion'];
  if (!ADMISSION_API_VERSIONS.includes(apiVersion as AdmissionApiVersion)) {
    throw new AdmissionRequestError(`apiVersion: expected one of ${ADMISSION_API_VERSIONS.join(', ')}, got ${show(apiVersion)}`);
  }
  const request = body['request'];
  if (!isJsonObject(request)) throw new AdmissionRequestError(`request: expected an object, got ${show(request)}`);
  if (typeof request['uid'] !== 'string' || request['uid'] === '') {
    throw new AdmissionRequestError(`request.uid: expected a non-empty string, got ${show(request['uid'])}`);
  }
  const kind = request['kind'];
  if (kind !== undefined && (!isJsonObject(kind) || kind['kind'] !== 'Pod' || (kind['group'] ?? '') !== '')) {
    throw new AdmissionRequestError(`request.kind: podsecrets mutates core/v1 Pods only, got ${show(kind)}`);
  }
  for (const field of ['namespace', 'operation'] as const) {
    if (request[field] !== undefined && typeof request[field] !== 'string') {
      throw new AdmissionRequestError(`request.${field}: expected a string, got ${show(request[field])}`);
    }
  }
  // A DELETE or CONNECT carries no object (null); podsecrets acts on CREATE only, so it answers those untouched.
  if (request['operation'] !== undefined && request['operation'] !== 'CREATE' && (request['object'] === null || request['object'] === undefined)) {
    return body as unknown as AdmissionReviewRequest;
  }
  if (!isJsonObject(request['object'])) {
    throw new AdmissionRequestError(`request.object: expected the pod as an object, got ${show(request['object'])}`);
  }
  if (depthExceeds(request['object'], MAX_OBJECT_DEPTH)) {
    throw new AdmissionRequestError(`request.object: nested deeper than ${MAX_OBJECT_DEPTH} levels; no pod is`);
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

import { inject, injectable } from 'inversify';
import { PodMutator } from '../mutation/pod-mutator.js';
import type { MutationResult } from '../mutation/mutation-result.js';
import { PodShapeError } from '../pod/pod-shape-error.js';
import { SecretAnnotationError } from '../wire/secret-annotation-error.js';
import type { AdmissionResponse, AdmissionReviewRequest, AdmissionReviewResponse } from './admission-review.js';
import { diffJson } from './json-patch-diff.js';
import { parseAdmissionReview } from './parse-admission-review.js';

/**
 * What happened to one admission, for the caller's metrics and logs: `invalid` is a denial because the
 * object is not a pod podsecrets can edit, `skipped` an operation other than CREATE.
 */
export type AdmissionOutcome = 'mutated' | 'unchanged' | 'denied' | 'invalid' | 'skipped';

export interface AdmissionResult {
  readonly review: AdmissionReviewResponse;
  readonly outcome: AdmissionOutcome;
  /** The mutator's result, when the pod reached it. */
  readonly mutation?: MutationResult;
}

export interface AdmissionOptions {
  /**
   * Aborted when the API server stops waiting; backends that call out stop too. Read only when a
   * backend needs it, so it may be a getter that makes the signal then.
   */
  readonly signal?: AbortSignal;
}

// The API server shows warnings to kubectl users and may cut long ones; it asks for 120 characters.
const MAX_WARNING_LENGTH = 256;
const NEVER_ABORTED = new AbortController().signal;

/**
 * Answers an AdmissionReview: the same apiVersion back, the request's uid, and either a JSON Patch
 * (the difference between the request's own object and the mutated copy, so no field is dropped)
 * or a denial that says why. Throws AdmissionRequestError for a body that is not a pod review.
 */
@injectable()
export class AdmissionHandler {
  readonly #mutator: PodMutator;

  constructor(@inject(PodMutator) mutator: PodMutator) {
    this.#mutator = mutator;
  }

  async handle(body: unknown, options: AdmissionOptions = {}): Promise<AdmissionResult> {
    const review = parseAdmissionReview(body);
    const { request } = review;
    if (request.operation !== undefined && request.operation !== 'CREATE') {
      const skipped = { skipped: `operation ${request.operation}: podsecrets only acts on CREATE` };
      return { review: respond(review, { uid: request.uid, allowed: true, auditAnnotations: skipped }), outcome: 'skipped' };
    }
    let mutation: MutationResult;
    try {
      mutation = await this.#mutator.mutate(request.object, {
        namespace: request.namespace ?? readNamespace(request.object),
        uid: request.uid,
        dryRun: request.dryRun === true,
        // Read when a backend asks, not now: the HTTP layer makes its deadline's signal only on demand.
        get signal() {
          return options.signal ?? NEVER_ABORTED;
        },
      });
    } catch (error) {
      if (error instanceof PodShapeError || error instanceof SecretAnnotationError) {
        return { review: respond(review, deny(request.uid, error.message)), outcome: error instanceof PodShapeError ? 'invalid' : 'denied' };
      }
      throw error;
    }
    const response = toResponse(request.uid, request.object, mutation);
    // A reinvocation on a pod that already has its secrets re-applies them and changes nothing: for
    // metrics and logs that is `unchanged`, not `mutated`.
    const outcome = mutation.outcome === 'mutated' && response.patch === undefined ? 'unchanged' : mutation.outcome;
    return { review: respond(review, response), outcome, mutation };
  }
}

function toResponse(uid: string, original: unknown, mutation: MutationResult): AdmissionResponse {
  switch (mutation.outcome) {
    case 'denied':
      return deny(uid, mutation.message);
    case 'unchanged':
      return { uid, allowed: true, ...warningsOf(mutation.warnings) };
    case 'mutated': {
      const operations = diffJson(original, mutation.pod);
      const types = [...new Set(mutation.injections.map((injection) => injection.type))];
      return {
        uid,
        allowed: true,
        ...(operations.length > 0 ? { patchType: 'JSONPatch', patch: base64OfJson(operations) } : {}),
        ...warningsOf(mutation.warnings),
        auditAnnotations: {
          'injected-secrets': String(mutation.injections.length),
          backends: types.join(','),
          ...(mutation.failures !== undefined ? { 'degraded-injections': mutation.failures.map((failure) => `${failure.type}:${failure.code}`).join(',') } : {}),
        },
      };
    }
  }
}

/** Base64 of the UTF-8 of `value`'s JSON. */
function base64OfJson(value: unknown): string {
  const json = JSON.stringify(value);
  // A patch is nearly always ASCII, whose UTF-8 is its own characters: btoa encodes those without the
  // intermediate Buffer, in about a third of the time. Anything else (a byte count that differs) goes
  // through UTF-8, as btoa would encode U+0080..U+00FF as single bytes.
  return Buffer.byteLength(json) === json.length ? btoa(json) : Buffer.from(json).toString('base64');
}

// Audit annotation values are kept short: the audit log is not the place for a whole denial.
const MAX_AUDIT_LENGTH = 512;

function deny(uid: string, message: string): AdmissionResponse {
  const audit = message.length > MAX_AUDIT_LENGTH ? `${message.slice(0, MAX_AUDIT_LENGTH - 3)}...` : message;
  return { uid, allowed: false, status: { status: 'Failure', code: 400, reason: 'BadRequest', message }, auditAnnotations: { denied: audit } };
}

function warningsOf(warnings: readonly string[]): { warnings?: string[] } {
  if (warnings.length === 0) return {};
  return { warnings: warnings.map((warning) => (warning.length > MAX_WARNING_LENGTH ? `${warning.slice(0, MAX_WARNING_LENGTH - 3)}...` : warning)) };
}

function respond(review: AdmissionReviewRequest, response: AdmissionResponse): AdmissionReviewResponse {
  return { apiVersion: review.apiVersion, kind: 'AdmissionReview', response };
}

function readNamespace(object: unknown): string {
  const metadata = (object as { metadata?: { namespace?: unknown } }).metadata;
  return typeof metadata?.namespace === 'string' ? metadata.namespace : 'default';
}

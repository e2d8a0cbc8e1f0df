import { expect } from 'chai';
import { applyPatch, type Operation } from 'rfc6902';
import type { AdmissionHandler } from '../../core/admission/admission-handler.js';
import type { AdmissionResponse } from '../../core/admission/admission-review.js';
import { expectAcceptablePod } from './acceptable-pod.js';
import { type ReviewOptions, reviewFor } from './pod-builders.js';

export interface Admitted {
  readonly response: AdmissionResponse;
  readonly patch: Operation[];
  /** The request's pod with the patch applied: what the API server would store. */
  readonly pod: Record<string, unknown>;
}

/** Sends `pod` through the handler in an AdmissionReview and applies the returned patch to a copy. */
export async function admit(handler: AdmissionHandler, pod: unknown, options: ReviewOptions = {}): Promise<Admitted> {
  const { review } = await handler.handle(reviewFor(pod, options));
  const response = review.response;
  const patch = response.patch === undefined ? [] : (JSON.parse(Buffer.from(response.patch, 'base64').toString('utf8')) as Operation[]);
  const patched = structuredClone(pod) as Record<string, unknown>;
  const failures = applyPatch(patched, patch).filter((failure) => failure !== null);
  expect(failures, 'JSON Patch operations that failed to apply').to.deep.equal([]);
  return { response, patch, pod: patched };
}

/**
 * Admits `pod`, checks that it is allowed, that the API server would accept the result, and that a
 * second admission of the result changes nothing (reinvocation); returns the mutated pod.
 */
export async function admitAndCheck(handler: AdmissionHandler, pod: unknown, options: ReviewOptions = {}): Promise<Record<string, unknown>> {
  const first = await admit(handler, pod, options);
  expect(first.response.allowed, first.response.status?.message).to.equal(true);
  expectAcceptablePod(first.pod);
  const second = await admit(handler, first.pod, options);
  expect(second.response.allowed, second.response.status?.message).to.equal(true);
  expect(second.patch, 'the second pass must change nothing').to.deep.equal([]);
  return first.pod;
}

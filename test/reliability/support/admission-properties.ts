import { expect } from 'chai';
import { applyPatch, createPatch, type Operation } from 'rfc6902';
import type { AdmissionHandler, AdmissionResult } from '../../../core/admission/admission-handler.js';
import { podProblems } from '../../support/acceptable-pod.js';
import { reviewFor } from '../../support/pod-builders.js';
import { KNOWN_SECRETS } from './installed-backends.js';

// The invariants every admission must keep, whatever the backend and whatever the pod.

/** An admission's deadline in the property runs: long enough for any loopback backend, short enough to notice a hang. */
const PROPERTY_DEADLINE_MS = 5000;

function decodePatch(patch: string | undefined): Operation[] {
  return patch === undefined ? [] : (JSON.parse(Buffer.from(patch, 'base64').toString('utf8')) as Operation[]);
}

function expectNoKnownValue(text: string, where: string): void {
  for (const secret of KNOWN_SECRETS) expect(text.includes(secret.value), `${where} quotes the value of ${secret.group}/${secret.key}`).to.equal(false);
}

async function handle(handler: AdmissionHandler, pod: unknown, uid: string): Promise<AdmissionResult> {
  return handler.handle(reviewFor(structuredClone(pod), { uid }), { signal: AbortSignal.timeout(PROPERTY_DEADLINE_MS) });
}

/** What one admission did, for the figures. */
export type Verdict = 'mutated' | 'unchanged' | 'denied';

/**
 * Admits `pod` and checks: the handler does not throw; the same pod gives the same answer; an allowed
 * pod's patch applies to the request's object and gives exactly the mutated pod, which the API server
 * accepts and which a second admission leaves unchanged; a denial is a 400 with a message, each backend's
 * reason typed (never an untyped InternalError) and no secret value quoted.
 */
export async function checkAdmission(handler: AdmissionHandler, generated: unknown): Promise<Verdict> {
  // As the API server sends it: JSON, so no object shared between two places, no null prototypes.
  const pod = JSON.parse(JSON.stringify(generated)) as unknown;
  const inputProblems = podProblems(pod);
  expect(inputProblems, 'the generated pod itself must be acceptable (a generator bug otherwise)').to.deep.equal([]);
  const before = JSON.stringify(pod);
  const first = await handle(handler, pod, 'uid-first');
  const repeat = await handle(handler, pod, 'uid-first');
  expect(JSON.stringify(pod), 'the request object must not be changed in place').to.equal(before);
  expect(repeat.review, 'same input, same output').to.deep.equal(first.review);
  const response = first.review.response;
  expect(response.uid).to.equal('uid-first');
  if (!response.allowed) {
    expect(response.status?.code).to.equal(400);
    expect(response.status?.message ?? '')
      .to.be.a('string')
      .and.not.equal('');
    expectNoKnownValue(response.status?.message ?? '', 'the denial message');
    if (first.mutation?.outcome === 'denied') {
      expect(first.mutation.failures.length, 'a denial names at least one backend').to.be.greaterThan(0);
      for (const failure of first.mutation.failures) {
        expect(failure.code, `${failure.type} failed with an untyped exception: ${failure.message}`).to.not.equal('InternalError');
        expect(failure.message).to.not.equal('');
      }
    } else {
      expect(first.outcome, 'a denial without a mutation comes from the annotations or the pod shape').to.be.oneOf(['denied', 'invalid']);
    }
    return 'denied';
  }
  const patch = decodePatch(response.patch);
  const patched = structuredClone(pod) as Record<string, unknown>;
  expect(
    applyPatch(patched, patch).filter((failure) => failure !== null),
    'patch operations that failed',
  ).to.deep.equal([]);
  if (first.mutation?.outcome === 'mutated') {
    const mutated = JSON.parse(JSON.stringify(first.mutation.pod)) as unknown;
    const missing = createPatch(patched, mutated);
    expect(missing, `the patch applied to the input differs from the mutated pod: ${JSON.stringify(missing)}`).to.deep.equal([]);
  } else {
    expect(patch, 'an unchanged pod gets no patch').to.deep.equal([]);
  }
  expect(podProblems(patched), 'problems the API server would find in the admitted pod').to.deep.equal([]);
  const second = await handle(handler, patched, 'uid-second');
  expect(second.review.response.allowed, second.review.response.status?.message).to.equal(true);
  expect(decodePatch(second.review.response.patch), 'a second pass must change nothing').to.deep.equal([]);
  return patch.length > 0 ? 'mutated' : 'unchanged';
}

/** Sends any body to the handler: it must answer, or refuse with an AdmissionRequestError; nothing else. */
export async function checkAnyBody(handler: AdmissionHandler, body: unknown): Promise<'answered' | 'refused'> {
  try {
    const result = await handler.handle(body, { signal: AbortSignal.timeout(PROPERTY_DEADLINE_MS) });
    expect(result.review.kind).to.equal('AdmissionReview');
    if (!result.review.response.allowed) expect(result.review.response.status?.message ?? '').to.not.equal('');
    return 'answered';
  } catch (error) {
    expect((error as Error).name, String((error as Error).stack)).to.equal('AdmissionRequestError');
    expect((error as Error).message).to.not.equal('');
    return 'refused';
  }
}

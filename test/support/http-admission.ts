import { expect } from 'chai';
import { applyPatch, type Operation } from 'rfc6902';
import type { AdmissionReviewResponse } from '../../core/admission/admission-review.js';
import type { HttpAnswer, TestWebhook } from './test-webhook.js';

export interface HttpAdmitted {
  readonly answer: HttpAnswer;
  readonly review: AdmissionReviewResponse;
  readonly patch: Operation[];
  /** The request's pod with the returned patch applied: what the API server would store. */
  readonly pod: Record<string, unknown>;
}

/**
 * POSTs `review` to the webhook over HTTPS, checks the HTTP status is 200, and applies the returned
 * JSON Patch to a copy of the review's pod.
 */
export async function admitOverHttp(webhook: TestWebhook, review: Record<string, unknown>, path = '/mutate--v1-pod'): Promise<HttpAdmitted> {
  const answer = await webhook.request(path, review);
  expect(answer.status, answer.text).to.equal(200);
  expect(answer.headers['content-type']).to.match(/^application\/json/);
  const reviewAnswer = answer.json as AdmissionReviewResponse;
  const encoded = reviewAnswer.response.patch;
  const patch = encoded === undefined ? [] : (JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as Operation[]);
  const pod = structuredClone((review['request'] as { object: Record<string, unknown> }).object);
  const failures = applyPatch(pod, patch).filter((failure) => failure !== null);
  expect(failures, 'JSON Patch operations that failed to apply').to.deep.equal([]);
  return { answer, review: reviewAnswer, patch, pod };
}

/** The value of one sample in Prometheus text, e.g. `podsecrets_admission_requests_total{outcome="mutated"}`; 0 when absent. */
export function metricValue(text: string, sample: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${sample} `));
  return line === undefined ? 0 : Number(line.slice(sample.length + 1));
}

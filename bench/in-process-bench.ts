import type { AdmissionHandler } from '../core/admission/admission-handler.js';
import { admissionReviewJson } from '../core/admission/admission-review-json.js';
import { median } from './stats.js';

export interface InProcessOptions {
  /** Batches of each kind, interleaved; the medians are reported. */
  readonly rounds: number;
  /** Admissions (and parse-plus-stringify passes) per batch. */
  readonly iterations: number;
}

/** The cost of one admission against the work every webhook does on the same AdmissionReview. */
export interface AdmissionCost {
  /** JSON.parse of the request body plus JSON.stringify of the parsed review, in nanoseconds. */
  readonly floorNs: number;
  /** handle() on the parsed review plus the answer's JSON text as the server writes it, in nanoseconds. */
  readonly admissionNs: number;
  /** admissionNs / floorNs. */
  readonly ratio: number;
  /** The review's size in bytes. */
  readonly bytes: number;
}

function nowNs(): bigint {
  return process.hrtime.bigint();
}

async function admissionBatch(handler: AdmissionHandler, body: string, iterations: number): Promise<number> {
  // Each admission gets its own parsed review, as it does from the HTTP layer; parsing is outside the timing.
  const reviews = Array.from({ length: iterations }, () => JSON.parse(body) as unknown);
  let answered = 0;
  const started = nowNs();
  for (const review of reviews) {
    const result = await handler.handle(review);
    answered += admissionReviewJson(result.review).length > 0 ? 1 : 0;
  }
  const elapsed = Number(nowNs() - started);
  if (answered !== iterations) throw new Error(`only ${answered} of ${iterations} admissions answered`);
  return elapsed / iterations;
}

function floorBatch(body: string, iterations: number): number {
  let length = 0;
  const started = nowNs();
  for (let i = 0; i < iterations; i++) length += JSON.stringify(JSON.parse(body)).length;
  const elapsed = Number(nowNs() - started);
  if (length === 0) throw new Error('nothing was serialized');
  return elapsed / iterations;
}

/**
 * Measures one admission of `review` (decode the secret annotations, inject, diff to a JSON Patch,
 * encode the answer) against JSON.parse plus JSON.stringify of the same review: the work no webhook
 * can avoid. Batches of the two alternate, after a warm-up batch of each, so that the machine's load
 * at any moment weighs on both alike.
 */
export async function measureAdmissionCost(handler: AdmissionHandler, review: unknown, options: InProcessOptions): Promise<AdmissionCost> {
  const body = JSON.stringify(review);
  const first = await handler.handle(JSON.parse(body));
  if (first.outcome !== 'mutated') throw new Error(`the benchmark review was ${first.outcome}, not mutated: ${JSON.stringify(first.review.response)}`);
  await admissionBatch(handler, body, options.iterations);
  floorBatch(body, options.iterations);
  const floor: number[] = [];
  const admission: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    floor.push(floorBatch(body, options.iterations));
    admission.push(await admissionBatch(handler, body, options.iterations));
  }
  const floorNs = median(floor);
  const admissionNs = median(admission);
  return { floorNs, admissionNs, ratio: admissionNs / floorNs, bytes: Buffer.byteLength(body) };
}

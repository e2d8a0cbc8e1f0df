import type { AdmissionHandler } from '../core/admission/admission-handler.js';
import { logAnswer } from '../server/runtime/admission-answer.js';
import { createLogger, unredacted } from '../server/runtime/create-logger.js';
import { AdmissionMetrics } from '../server/runtime/admission-metrics.js';
import { median } from './stats.js';

/** What the HTTP layer adds to each admission for operators, in nanoseconds per admission. */
export interface ObservabilityCost {
  /** startRequest, observe and the in-flight gauge's decrement, as answerAdmission calls them. */
  readonly metricsNs: number;
  /** The admission's log line at `info`, written by pino as `serve` writes it (unredacted; here to /dev/null). */
  readonly logNs: number;
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function batch(iterations: number, work: () => void): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) work();
  const elapsed = Number(process.hrtime.bigint() - started);
  // pino writes in the background: the loop turn lets it, so that lines do not pile up between batches.
  await yieldToLoop();
  return elapsed / iterations;
}

/** The metrics and the log line of one answered admission of `review`, batches alternating; medians. */
export async function measureObservability(handler: AdmissionHandler, review: unknown, options: { readonly rounds: number; readonly iterations: number }): Promise<ObservabilityCost> {
  const result = await handler.handle(structuredClone(review));
  const metrics = new AdmissionMetrics();
  const root = createLogger('info', '/dev/null');
  const logger = unredacted(root);
  const observe = (): void => {
    const done = metrics.startRequest();
    metrics.observe(result, 'team-a', 0.0004);
    done();
  };
  const log = (): void => logAnswer(logger, result, 'team-a', 0.0004);
  await batch(options.iterations, observe);
  await batch(options.iterations, log);
  const metricsNs: number[] = [];
  const logNs: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    metricsNs.push(await batch(options.iterations, observe));
    logNs.push(await batch(options.iterations, log));
  }
  root.flush();
  return { metricsNs: median(metricsNs), logNs: median(logNs) };
}

import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AdmissionResult } from '../../core/index.js';

/**
 * The webhook's Prometheus metrics, in a registry of their own so that several servers (tests) can
 * live in one process. Labels carry backend types, outcomes, codes and namespaces: never a secret.
 */
export class AdmissionMetrics {
  readonly registry = new Registry();
  readonly #duration: Histogram<'outcome'>;
  readonly #requests: Counter<'outcome'>;
  readonly #injections: Counter<'backend' | 'namespace'>;
  readonly #failures: Counter<'backend' | 'code' | 'namespace'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'podsecrets_' });
    this.#duration = new Histogram({
      name: 'podsecrets_admission_duration_seconds',
      help: 'Time to answer an admission request, by outcome.',
      labelNames: ['outcome'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.#requests = new Counter({
      name: 'podsecrets_admission_requests_total',
      help: 'Admission requests, by outcome: mutated, unchanged, skipped, denied, invalid (HTTP 4xx) or error.',
      labelNames: ['outcome'],
      registers: [this.registry],
    });
    this.#injections = new Counter({
      name: 'podsecrets_injections_total',
      help: 'Secrets injected, by backend and namespace.',
      labelNames: ['backend', 'namespace'],
      registers: [this.registry],
    });
    this.#failures = new Counter({
      name: 'podsecrets_injection_failures_total',
      help: "A backend's failures to inject a secret (another backend may have succeeded), by backend, code and namespace.",
      labelNames: ['backend', 'code', 'namespace'],
      registers: [this.registry],
    });
  }

  /** Records one answered admission. */
  observe(result: AdmissionResult, namespace: string, seconds: number): void {
    this.#duration.observe({ outcome: result.outcome }, seconds);
    this.#requests.inc({ outcome: result.outcome });
    const mutation = result.mutation;
    // A reinvocation that finds every secret in place (outcome `unchanged`) injected nothing new.
    if (result.outcome === 'mutated' && mutation?.outcome === 'mutated') {
      for (const injection of mutation.injections) this.#injections.inc({ backend: injection.type, namespace });
    }
    if (mutation?.outcome === 'denied') {
      for (const failure of mutation.failures) this.#failures.inc({ backend: failure.type, code: failure.code, namespace });
    }
  }

  /**
   * Records a request refused before it reached the mutator (HTTP 4xx) or failed inside it; without
   * `seconds` (a refusal before the body was read) it is counted but not timed.
   */
  observeRejected(outcome: 'invalid' | 'error', seconds?: number): void {
    if (seconds !== undefined) this.#duration.observe({ outcome }, seconds);
    this.#requests.inc({ outcome });
  }
}

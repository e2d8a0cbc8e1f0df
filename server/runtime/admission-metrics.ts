import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BackendCall, BackendTelemetry } from '../../core/index.js';
import type { AdmissionResult } from '../../core/admission/admission-handler.js';
import { BoundedNamespaceLabels } from './bounded-label-values.js';

/** How many namespaces keep a label value of their own when the server's settings do not say. */
export const DEFAULT_METRICS_MAX_NAMESPACES = 200;

/**
 * The webhook's Prometheus metrics, in a registry of their own so that several servers (tests) can
 * live in one process. Labels carry backend types, outcomes, codes and namespaces: never a secret.
 * Namespaces come from the request, so they are bounded ({@link BoundedNamespaceLabels}).
 */
export class AdmissionMetrics implements BackendTelemetry {
  readonly registry = new Registry();
  readonly #namespaces: BoundedNamespaceLabels;
  readonly #duration: Histogram<'outcome'>;
  readonly #requests: Counter<'outcome'>;
  readonly #injections: Counter<'backend' | 'namespace'>;
  readonly #failures: Counter<'backend' | 'code' | 'namespace'>;
  readonly #inFlight: Gauge;
  readonly #warnings: Counter<'outcome'>;
  readonly #backendCalls: Histogram<'backend' | 'operation' | 'outcome'>;
  readonly #cacheLookups: Counter<'backend' | 'result'>;
  readonly #certificateExpiry: Gauge;
  readonly #certificateReloads: Counter<'outcome'>;
  readonly #certificateChecks: Counter<'outcome'>;
  readonly #unhandledRejections: Counter;

  constructor(maxNamespaces = DEFAULT_METRICS_MAX_NAMESPACES) {
    this.#namespaces = new BoundedNamespaceLabels(maxNamespaces);
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
      help: 'Secrets injected, by backend and namespace (_other: namespaces beyond server.metricsMaxNamespaces, or not a namespace name).',
      labelNames: ['backend', 'namespace'],
      registers: [this.registry],
    });
    this.#failures = new Counter({
      name: 'podsecrets_injection_failures_total',
      help: "A backend's failures to inject a secret (another backend may have succeeded), by backend, code and namespace.",
      labelNames: ['backend', 'code', 'namespace'],
      registers: [this.registry],
    });
    this.#inFlight = new Gauge({ name: 'podsecrets_admission_in_flight', help: 'Admission requests being answered now.', registers: [this.registry] });
    this.#warnings = new Counter({
      name: 'podsecrets_admission_warnings_total',
      help: 'Warnings returned to the user (a skipped or degraded injection), by admission outcome.',
      labelNames: ['outcome'],
      registers: [this.registry],
    });
    this.#backendCalls = new Histogram({
      name: 'podsecrets_backend_call_duration_seconds',
      help: 'Calls backends made to their secret stores, by backend, operation and outcome (the _count is the number of calls).',
      labelNames: ['backend', 'operation', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.#cacheLookups = new Counter({
      name: 'podsecrets_backend_cache_lookups_total',
      help: "Backends' cache lookups, by backend and result (hit or miss).",
      labelNames: ['backend', 'result'],
      registers: [this.registry],
    });
    this.#certificateExpiry = new Gauge({
      name: 'podsecrets_certificate_expiry_timestamp_seconds',
      help: 'When the serving certificate in use expires (Unix seconds): alert when it comes close.',
      registers: [this.registry],
    });
    this.#certificateReloads = new Counter({
      name: 'podsecrets_certificate_reloads_total',
      help: 'Looks at certDir that found a change, by outcome: reloaded, mismatched (key and certificate disagree) or unreadable.',
      labelNames: ['outcome'],
      registers: [this.registry],
    });
    this.#certificateChecks = new Counter({
      name: 'podsecrets_certificate_checks_total',
      help: 'Renewal checks by serve (source self), by outcome: unchanged, changed or failed.',
      labelNames: ['outcome'],
      registers: [this.registry],
    });
    this.#unhandledRejections = new Counter({
      name: 'podsecrets_unhandled_rejections_total',
      help: 'Promise rejections nobody handled (logged; the server keeps serving).',
      registers: [this.registry],
    });
  }

  /** Counts an admission in flight until the returned function is called. */
  startRequest(): () => void {
    this.#inFlight.inc();
    return () => this.#inFlight.dec();
  }

  backendCall(call: BackendCall): void {
    this.#backendCalls.observe({ backend: call.backend, operation: call.operation, outcome: call.outcome }, call.seconds);
  }

  cacheLookup(backend: string, hit: boolean): void {
    this.#cacheLookups.inc({ backend, result: hit ? 'hit' : 'miss' });
  }

  certificateLoaded(notAfter: Date): void {
    this.#certificateExpiry.set(Math.floor(notAfter.getTime() / 1000));
  }

  certificateReload(outcome: 'reloaded' | 'mismatched' | 'unreadable'): void {
    this.#certificateReloads.inc({ outcome });
  }

  certificateCheck(outcome: 'unchanged' | 'changed' | 'failed'): void {
    this.#certificateChecks.inc({ outcome });
  }

  unhandledRejection(): void {
    this.#unhandledRejections.inc();
  }

  /** Records one answered admission. */
  observe(result: AdmissionResult, requestNamespace: string, seconds: number): void {
    const namespace = this.#namespaces.of(requestNamespace);
    this.#duration.observe({ outcome: result.outcome }, seconds);
    this.#requests.inc({ outcome: result.outcome });
    const mutation = result.mutation;
    // A reinvocation that finds every secret in place (outcome `unchanged`) injected nothing new.
    if (result.outcome === 'mutated' && mutation?.outcome === 'mutated') {
      // One increment per backend, not per secret: hashing the labels is most of what an increment costs.
      const perBackend = new Map<string, number>();
      for (const injection of mutation.injections) perBackend.set(injection.type, (perBackend.get(injection.type) ?? 0) + 1);
      for (const [backend, count] of perBackend) this.#injections.inc({ backend, namespace }, count);
    }
    if (mutation?.outcome === 'denied' || mutation?.outcome === 'mutated') {
      for (const failure of mutation.failures ?? []) this.#failures.inc({ backend: failure.type, code: failure.code, namespace });
    }
    const warnings = result.review.response.warnings?.length ?? 0;
    if (warnings > 0) this.#warnings.inc({ outcome: result.outcome }, warnings);
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

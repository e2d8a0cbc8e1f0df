/** One call a backend made to its secret store (or to anything remote), for metrics: never a value. */
export interface BackendCall {
  /** The injector's type, e.g. `Vault`. */
  readonly backend: string;
  /** What was called, e.g. `read-secret`: a fixed word, never a secret's name or value. */
  readonly operation: string;
  readonly outcome: 'ok' | 'not-found' | 'denied' | 'error' | 'timeout';
  readonly seconds: number;
}

/**
 * Where backends report their remote calls and cache lookups; the server turns them into Prometheus
 * metrics. Inject it with `@inject(BackendTelemetry)`; the server's module binds it to its metrics.
 */
export const BackendTelemetry = Symbol.for('podsecrets.BackendTelemetry');

export interface BackendTelemetry {
  backendCall(call: BackendCall): void;
  cacheLookup(backend: string, hit: boolean): void;
}

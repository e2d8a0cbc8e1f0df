import { injectable } from 'inversify';

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
 * metrics. Inject it with `@inject(BackendTelemetry)`; outside a server the reports go nowhere.
 */
export const BackendTelemetry = Symbol.for('podsecrets.BackendTelemetry');

export interface BackendTelemetry {
  backendCall(call: BackendCall): void;
  cacheLookup(backend: string, hit: boolean): void;
}

/** The bound {@link BackendTelemetry}: drops reports until the server attaches its metrics. */
@injectable()
export class BackendTelemetryRelay implements BackendTelemetry {
  #sink: BackendTelemetry | undefined;

  attach(sink: BackendTelemetry): void {
    this.#sink = sink;
  }

  backendCall(call: BackendCall): void {
    this.#sink?.backendCall(call);
  }

  cacheLookup(backend: string, hit: boolean): void {
    this.#sink?.cacheLookup(backend, hit);
  }
}

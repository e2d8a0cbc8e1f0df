/** podsecrets' own `server:` section (Flyte has none). */
export interface ServerConfig {
  readonly host: string;
  readonly maxRequestBytes: number;
  readonly selfSignedCert: boolean;
  readonly cacheInvalidationHost: string;
  readonly cacheInvalidationTokenFile: string;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly maxConnections: number;
  readonly clientCAFile: string;
  /** Serve even when answers can carry values and clientCAFile is empty (with a warning). */
  readonly allowUnauthenticatedValues: boolean;
  /** Distinct namespaces that get a metrics label value of their own. */
  readonly metricsMaxNamespaces: number;
  readonly logLevel: string;
  /** Go duration: readiness fails this long before the listener closes. */
  readonly shutdownDelay: string;
  /** Go duration: the bound on requests in flight once the listener is closed. */
  readonly shutdownTimeout: string;
}

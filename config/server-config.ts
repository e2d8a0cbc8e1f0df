/** podsecrets' own `server:` section (Flyte has none). */
export interface ServerConfig {
  readonly host: string;
  readonly maxRequestBytes: number;
  readonly selfSignedCert: boolean;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly maxConnections: number;
  readonly logLevel: string;
}

/** podsecrets' own `server:` section (Flyte has none). */
export interface ServerConfig {
  readonly host: string;
  readonly maxRequestBytes: number;
  readonly selfSignedCert: boolean;
  readonly cacheInvalidationHost: string;
  readonly cacheInvalidationTokenFile: string;
  readonly logLevel: string;
}

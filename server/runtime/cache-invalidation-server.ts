import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import type { Logger, SecretCacheInvalidation } from '../../core/index.js';
import { cacheInvalidationApp } from './cache-invalidation-app.js';

export interface CacheInvalidationServerOptions {
  readonly host: string;
  readonly port: number;
  /** A file holding the bearer token; required unless `host` is a loopback address. */
  readonly tokenFile: string;
  readonly caches: readonly SecretCacheInvalidation[];
  readonly logger: Logger;
}

/** A listener that cannot be reached from the network: 127.0.0.0/8, ::1 or localhost. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/** The running listener. */
export interface CacheInvalidationServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Starts the cache invalidation listener (plain HTTP, as Flyte's). Flyte's listens on every interface
 * without authentication, so anyone who can reach the pod can empty the cache at will; podsecrets
 * listens on loopback unless a token file is configured, and then demands that token.
 */
export async function startCacheInvalidationServer(options: CacheInvalidationServerOptions): Promise<CacheInvalidationServer> {
  let token: string | undefined;
  if (options.tokenFile !== '') {
    token = readFileSync(options.tokenFile, 'utf8').trim();
    if (token.length < 16) throw new Error(`server.cacheInvalidationTokenFile ${options.tokenFile}: the token must be at least 16 characters`);
  } else if (!isLoopbackHost(options.host)) {
    throw new Error(
      `server.cacheInvalidationHost "${options.host}" is reachable from the network, but server.cacheInvalidationTokenFile is empty; set a token file, listen on 127.0.0.1, or set webhook.cacheInvalidationPort to 0`,
    );
  }
  const server: Server = createServer(cacheInvalidationApp({ caches: options.caches, logger: options.logger, ...(token !== undefined ? { token } : {}) }));
  server.headersTimeout = 5_000;
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

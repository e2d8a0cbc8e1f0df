import type { Logger as PinoLogger } from 'pino';
import type { ServerConfig } from '../../config/server-config.js';
import type { Podsecrets } from '../bootstrap/create-podsecrets.js';
import { createApp } from '../http/create-app.js';
import { WebhookServer } from '../http/webhook-server.js';
import { AdmissionMetrics } from '../metrics/admission-metrics.js';
import { loadTlsCredentials } from '../tls/tls-credentials.js';
import { Logger, SecretCacheInvalidation } from '../../core/index.js';
import { type CacheInvalidationServer, startCacheInvalidationServer } from '../cache-invalidation/cache-invalidation-server.js';

/** A running webhook, for `serve` and for tests that start one in process. */
export interface RunningWebhook {
  readonly port: number;
  readonly metrics: AdmissionMetrics;
  /** Fails readiness, lets requests in flight finish, then closes. */
  stop(graceMs?: number): Promise<void>;
}

const DEFAULT_GRACE_MS = 20_000;

/** Loads TLS, starts HTTPS, and reports ready once both are done. */
export async function startWebhook(podsecrets: Podsecrets, logger: PinoLogger, portOverride?: number): Promise<RunningWebhook> {
  const webhook = podsecrets.config.webhook;
  const server = podsecrets.config['server'] as ServerConfig;
  let ready = false;
  const credentials = await loadTlsCredentials({
    certDir: webhook['certDir'] as string,
    selfSigned: server.selfSignedCert,
    dnsNames: [webhook['serviceName'] as string],
  });
  if (credentials.generated) logger.warn({ certDir: webhook['certDir'] }, 'made a self-signed certificate: for local use only');
  const metrics = new AdmissionMetrics();
  const app = createApp({ handler: podsecrets.handler, metrics, logger, maxRequestBytes: server.maxRequestBytes, isReady: () => ready });
  const https = new WebhookServer({ app, credentials, host: server.host, port: portOverride ?? (webhook['listenPort'] as number) });
  const port = await https.listen();
  let invalidation: CacheInvalidationServer | undefined;
  try {
    invalidation = await startInvalidation(podsecrets, server, logger);
  } catch (error) {
    await https.close(0);
    throw error;
  }
  ready = true;
  logger.info({ host: server.host, port, backends: podsecrets.mutator.chain }, 'podsecrets webhook serving HTTPS');
  return {
    port,
    metrics,
    async stop(graceMs = DEFAULT_GRACE_MS) {
      ready = false;
      await https.close(graceMs);
      await invalidation?.close();
    },
  };
}

/** Flyte's cache invalidation listener, when a plugin caches values and the port is not 0. */
async function startInvalidation(podsecrets: Podsecrets, server: ServerConfig, logger: PinoLogger): Promise<CacheInvalidationServer | undefined> {
  const port = podsecrets.config.webhook['cacheInvalidationPort'] as number;
  if (port === 0 || !podsecrets.container.isBound(SecretCacheInvalidation)) return undefined;
  const caches = podsecrets.container.getAll<SecretCacheInvalidation>(SecretCacheInvalidation);
  const listener = await startCacheInvalidationServer({
    host: server.cacheInvalidationHost,
    port,
    tokenFile: server.cacheInvalidationTokenFile,
    caches,
    logger: podsecrets.container.get(Logger),
  });
  logger.info({ host: server.cacheInvalidationHost, port: listener.port, token: server.cacheInvalidationTokenFile !== '' }, 'cache invalidation listening (plain HTTP)');
  return listener;
}

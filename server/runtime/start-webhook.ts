import type { Logger as PinoLogger } from 'pino';
import { ServerSettings } from '../../config/server-settings.js';
import { WebhookServerSettings } from '../../config/webhook-server-settings.js';
import { Logger, SecretCacheInvalidation } from '../../core/index.js';
import { enabledContributions } from './enabled-contributions.js';
import type { ServedPodsecrets } from './served-podsecrets.js';
import { type CacheInvalidationServer, startCacheInvalidationServer } from './cache-invalidation-server.js';
import { WebhookServer } from './webhook-server.js';
import { AdmissionMetrics } from './admission-metrics.js';
import { CertificateReloader, type ReloadOutcome } from './certificate-reloader.js';
import type { PemCredentials } from '../certificates/self-signed-certificate.js';
import { servingCertDir } from './webhook-module.js';
import { WebhookReadiness } from './webhook-readiness.js';
import { WebhookRun } from './webhook-run.js';

/** A running webhook, for `serve` and for tests that start one in process. */
export interface RunningWebhook {
  readonly port: number;
  readonly metrics: AdmissionMetrics;
  /** Serves `credentials` to new connections from now on (certificate rotation, without the files). */
  setCredentials(credentials: PemCredentials): void;
  /** Looks at certDir now instead of waiting for the next poll. */
  reloadCertificates(): Promise<ReloadOutcome>;
  /**
   * Fails readiness at once, keeps serving for `delayMs` (so endpoints stop sending traffic), then
   * closes the listener and lets requests in flight finish for at most `graceMs`.
   */
  stop(graceMs?: number, delayMs?: number): Promise<void>;
}

/**
 * Serves the webhook that the webhook module (webhook-module.ts) wires: loads TLS, starts HTTPS, watches the certificate
 * files, and reports ready once all is done. `logger` is the HTTP layer's; `portOverride` replaces
 * webhook.listenPort (tests use 0).
 */
export async function startWebhook(podsecrets: ServedPodsecrets, logger: PinoLogger, portOverride?: number): Promise<RunningWebhook> {
  const { container } = podsecrets;
  container.bind<WebhookRun>(WebhookRun).toConstantValue({ logger, ...(portOverride !== undefined ? { port: portOverride } : {}) });
  const webhook = container.get<WebhookServerSettings>(WebhookServerSettings);
  const server = container.get<ServerSettings>(ServerSettings);
  const https = await container.getAsync(WebhookServer);
  const reloader = await container.getAsync(CertificateReloader);
  const readiness = container.get(WebhookReadiness);
  const port = await https.listen();
  let invalidation: CacheInvalidationServer | undefined;
  try {
    invalidation = await startInvalidation(podsecrets, server, webhook.cacheInvalidationPort, logger);
  } catch (error) {
    await https.close(0);
    throw error;
  }
  reloader.start();
  readiness.start();
  logger.info({ host: server.host, port, backends: podsecrets.mutator.chain, certDir: servingCertDir(container) }, 'podsecrets webhook serving HTTPS');
  return {
    port,
    metrics: container.get(AdmissionMetrics),
    setCredentials: (next) => https.setCredentials(next),
    reloadCertificates: () => reloader.check(),
    async stop(graceMs = server.shutdownTimeout, delayMs = 0) {
      readiness.drain();
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      reloader.stop();
      await https.close(graceMs);
      await invalidation?.close();
    },
  };
}

/** Flyte's cache invalidation listener, when a plugin caches values and the port is not 0. */
async function startInvalidation(podsecrets: ServedPodsecrets, server: ServerSettings, port: number, logger: PinoLogger): Promise<CacheInvalidationServer | undefined> {
  if (port === 0) return undefined;
  const caches = enabledContributions<SecretCacheInvalidation>(podsecrets, SecretCacheInvalidation);
  if (caches.length === 0) return undefined;
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

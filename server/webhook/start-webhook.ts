import { readFileSync } from 'node:fs';
import type { Logger as PinoLogger } from 'pino';

import { CertificatesSettings } from '../../config/certificates-settings.js';
import { ServerSettings } from '../../config/server-settings.js';
import { WebhookServerSettings } from '../../config/webhook-server-settings.js';
import { BackendTelemetryRelay, expandGoEnv } from '../../core/index.js';
import type { Podsecrets } from '../bootstrap/create-podsecrets.js';
import { certificateInfo } from '../certs/certificate-authority.js';
import { createApp } from '../http/create-app.js';
import { WebhookServer } from '../http/webhook-server.js';
import { AdmissionMetrics } from '../metrics/admission-metrics.js';
import { CertificateReloader, type ReloadOutcome } from '../tls/certificate-reloader.js';
import type { PemCredentials } from '../tls/self-signed-certificate.js';
import { loadTlsCredentials } from '../tls/tls-credentials.js';
import { Logger, SecretCacheInvalidation } from '../../core/index.js';
import { type CacheInvalidationServer, startCacheInvalidationServer } from '../cache-invalidation/cache-invalidation-server.js';

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

/** Loads TLS, starts HTTPS, watches the certificate files, and reports ready once all is done. */
export async function startWebhook(podsecrets: Podsecrets, logger: PinoLogger, portOverride?: number): Promise<RunningWebhook> {
  const webhook = podsecrets.container.get<WebhookServerSettings>(WebhookServerSettings);
  const server = podsecrets.container.get<ServerSettings>(ServerSettings);
  const certificates = podsecrets.container.get<CertificatesSettings>(CertificatesSettings);
  // Flyte's ExpandCertDir: its own local config uses $HOME/.flyte/webhook-certs.
  const certDir = expandGoEnv(webhook.certDir, process.env);
  let ready = false;
  let draining = false;
  const metrics = new AdmissionMetrics(server.metricsMaxNamespaces);
  podsecrets.container.get(BackendTelemetryRelay).attach(metrics);
  const credentials = await loadTlsCredentials({ certDir, selfSigned: server.selfSignedCert, dnsNames: [webhook.serviceName] });
  if (credentials.generated) logger.warn({ certDir }, 'made a self-signed certificate: for local use only');
  metrics.certificateLoaded(certificateInfo(credentials.cert).notAfter);
  const app = createApp({
    handler: podsecrets.handler,
    metrics,
    logger,
    maxRequestBytes: server.maxRequestBytes,
    isReady: () => ready && !draining,
    isDraining: () => draining,
    requireClientCertificate: server.clientCAFile !== '',
  });
  const https = new WebhookServer({
    app,
    credentials,
    host: server.host,
    port: portOverride ?? webhook.listenPort,
    timeouts: { headersTimeoutMs: server.headersTimeoutMs, requestTimeoutMs: server.requestTimeoutMs, keepAliveTimeoutMs: server.keepAliveTimeoutMs },
    maxConnections: server.maxConnections,
    ...(server.clientCAFile !== '' ? { clientCa: readFileSync(server.clientCAFile, 'utf8') } : {}),
  });
  const reloader = new CertificateReloader({
    certDir,
    intervalMs: certificates.reloadInterval,
    current: credentials,
    apply: (next) => https.setCredentials(next),
    logger,
    onOutcome: (outcome, notAfter) => {
      if (outcome !== 'unchanged') metrics.certificateReload(outcome);
      if (notAfter !== undefined) metrics.certificateLoaded(notAfter);
    },
  });
  const port = await https.listen();
  let invalidation: CacheInvalidationServer | undefined;
  try {
    invalidation = await startInvalidation(podsecrets, server, webhook.cacheInvalidationPort, logger);
  } catch (error) {
    await https.close(0);
    throw error;
  }
  reloader.start();
  ready = true;
  logger.info({ host: server.host, port, backends: podsecrets.mutator.chain, certDir }, 'podsecrets webhook serving HTTPS');
  return {
    port,
    metrics,
    setCredentials: (next) => https.setCredentials(next),
    reloadCertificates: () => reloader.check(),
    async stop(graceMs = server.shutdownTimeout, delayMs = 0) {
      draining = true;
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      reloader.stop();
      await https.close(graceMs);
      await invalidation?.close();
    },
  };
}

/** Flyte's cache invalidation listener, when a plugin caches values and the port is not 0. */
async function startInvalidation(podsecrets: Podsecrets, server: ServerSettings, port: number, logger: PinoLogger): Promise<CacheInvalidationServer | undefined> {
  if (port === 0 || !podsecrets.container.isBound(SecretCacheInvalidation)) return undefined;
  const enabled = new Set(podsecrets.mutator.chain.map((type) => type.toLowerCase()));
  const caches = podsecrets.container.getAll<SecretCacheInvalidation>(SecretCacheInvalidation).filter((cache) => enabled.has(cache.injectorType.toLowerCase()));
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

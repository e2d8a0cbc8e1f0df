import type { Logger as PinoLogger } from 'pino';
import type { ServerConfig } from '../../config/server-config.js';
import type { Podsecrets } from '../bootstrap/create-podsecrets.js';
import { createApp } from '../http/create-app.js';
import { WebhookServer } from '../http/webhook-server.js';
import { AdmissionMetrics } from '../metrics/admission-metrics.js';
import type { PemCredentials } from '../tls/self-signed-certificate.js';
import { loadTlsCredentials } from '../tls/tls-credentials.js';

/** A running webhook, for `serve` and for tests that start one in process. */
export interface RunningWebhook {
  readonly port: number;
  readonly metrics: AdmissionMetrics;
  /** Serves `credentials` to new connections from now on (certificate rotation). */
  setCredentials(credentials: PemCredentials): void;
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
  const https = new WebhookServer({
    app,
    credentials,
    host: server.host,
    port: portOverride ?? (webhook['listenPort'] as number),
    timeouts: { headersTimeoutMs: server.headersTimeoutMs, requestTimeoutMs: server.requestTimeoutMs, keepAliveTimeoutMs: server.keepAliveTimeoutMs },
    maxConnections: server.maxConnections,
  });
  const port = await https.listen();
  ready = true;
  logger.info({ host: server.host, port, backends: podsecrets.mutator.chain }, 'podsecrets webhook serving HTTPS');
  return {
    port,
    metrics,
    setCredentials: (next) => https.setCredentials(next),
    async stop(graceMs = DEFAULT_GRACE_MS) {
      ready = false;
      await https.close(graceMs);
    },
  };
}

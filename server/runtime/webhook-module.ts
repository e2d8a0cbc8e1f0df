import { readFileSync } from 'node:fs';
import { ContainerModule, type ResolutionContext } from 'inversify';
import { CertificatesSettings } from '../../config/certificates-settings.js';
import { ServerSettings } from '../../config/server-settings.js';
import { WebhookServerSettings } from '../../config/webhook-server-settings.js';
import { BackendTelemetry } from '../../core/index.js';
import { AdmissionHandler } from '../../core/admission/admission-handler.js';
import { expandGoEnv } from '../../core/config/go-expand-env.js';
import { certificateInfo } from '../certificates/certificate-authority.js';
import type { Router } from 'express';
import { dispatchAdmissions } from './admission-dispatch.js';
import { createAdmissionRouter } from './admission-router.js';
import { type AppOptions, createApp } from './create-app.js';
import { WebhookServer } from './webhook-server.js';
import { AdmissionMetrics } from './admission-metrics.js';
import { CertificateReloader } from './certificate-reloader.js';
import { unredacted } from './create-logger.js';
import type { PemCredentials } from '../certificates/self-signed-certificate.js';
import { loadTlsCredentials } from './tls-credentials.js';
import { WebhookReadiness } from './webhook-readiness.js';
import { WebhookRun } from './webhook-run.js';

/** The serving certificate found (or, with server.selfSignedCert, made) in certDir at start. */
export const ServingCredentials = Symbol.for('podsecrets.server.ServingCredentials');
export type ServingCredentials = PemCredentials & { readonly generated: boolean };

/** The Express app that answers admissions, probes and /metrics. */
export const WebhookApp = Symbol.for('podsecrets.server.WebhookApp');
export type WebhookApp = ReturnType<typeof createApp>;

/**
 * The admission endpoint, an Express router: mounted in {@link WebhookApp}, and called by the HTTPS
 * server directly for admissions, so that they do not pay for the Express application.
 */
export const WebhookAdmissions = Symbol.for('podsecrets.server.WebhookAdmissions');
export type WebhookAdmissions = Router;

function appOptions(context: Pick<ResolutionContext, 'get'>): AppOptions {
  const server = context.get<ServerSettings>(ServerSettings);
  const readiness = context.get(WebhookReadiness);
  const { logger } = context.get<WebhookRun>(WebhookRun);
  return {
    handler: context.get(AdmissionHandler),
    metrics: context.get(AdmissionMetrics),
    logger,
    answerLogger: unredacted(logger),
    maxRequestBytes: server.maxRequestBytes,
    isReady: () => readiness.ready,
    isDraining: () => readiness.draining,
    requireClientCertificate: server.clientCAFile !== '',
  };
}

/** webhook.certDir with the environment's variables expanded, as Flyte's ExpandCertDir does (its local config uses $HOME). */
export function servingCertDir(context: Pick<ResolutionContext, 'get'>): string {
  return expandGoEnv(context.get<WebhookServerSettings>(WebhookServerSettings).certDir, process.env);
}

/**
 * The webhook's runtime: its metrics (which are also where backends report, {@link BackendTelemetry}),
 * readiness, certificate, admission router, app, HTTPS server and certificate reloader. Loaded with core and the plugins;
 * what needs the network is made only when `startWebhook` asks for it, with its {@link WebhookRun}.
 */
export const webhookModule = new ContainerModule(({ bind }) => {
  bind(AdmissionMetrics)
    .toDynamicValue((context) => new AdmissionMetrics(context.get<ServerSettings>(ServerSettings).metricsMaxNamespaces))
    .inSingletonScope();
  bind(BackendTelemetry).toService(AdmissionMetrics);
  bind(WebhookReadiness).toSelf().inSingletonScope();
  bind(ServingCredentials)
    .toDynamicValue(async (context) => {
      const certDir = servingCertDir(context);
      const credentials = await loadTlsCredentials({
        certDir,
        selfSigned: context.get<ServerSettings>(ServerSettings).selfSignedCert,
        dnsNames: [context.get<WebhookServerSettings>(WebhookServerSettings).serviceName],
      });
      if (credentials.generated) context.get<WebhookRun>(WebhookRun).logger.warn({ certDir }, 'made a self-signed certificate: for local use only');
      context.get(AdmissionMetrics).certificateLoaded(certificateInfo(credentials.cert).notAfter);
      return credentials;
    })
    .inSingletonScope();
  bind(WebhookAdmissions)
    .toDynamicValue((context) => createAdmissionRouter(appOptions(context)))
    .inSingletonScope();
  bind(WebhookApp)
    .toDynamicValue((context) => createApp(appOptions(context), context.get<WebhookAdmissions>(WebhookAdmissions)))
    .inSingletonScope();
  bind(WebhookServer)
    .toDynamicValue(async (context) => {
      const server = context.get<ServerSettings>(ServerSettings);
      return new WebhookServer({
        app: dispatchAdmissions(context.get<WebhookAdmissions>(WebhookAdmissions), context.get<WebhookApp>(WebhookApp)),
        credentials: await context.getAsync<ServingCredentials>(ServingCredentials),
        host: server.host,
        port: context.get<WebhookRun>(WebhookRun).port ?? context.get<WebhookServerSettings>(WebhookServerSettings).listenPort,
        timeouts: { headersTimeoutMs: server.headersTimeoutMs, requestTimeoutMs: server.requestTimeoutMs, keepAliveTimeoutMs: server.keepAliveTimeoutMs },
        maxConnections: server.maxConnections,
        ...(server.clientCAFile !== '' ? { clientCa: readFileSync(server.clientCAFile, 'utf8') } : {}),
      });
    })
    .inSingletonScope();
  bind(CertificateReloader)
    .toDynamicValue(async (context) => {
      const https = await context.getAsync(WebhookServer);
      const metrics = context.get(AdmissionMetrics);
      return new CertificateReloader({
        certDir: servingCertDir(context),
        intervalMs: context.get<CertificatesSettings>(CertificatesSettings).reloadInterval,
        current: await context.getAsync<ServingCredentials>(ServingCredentials),
        apply: (next) => https.setCredentials(next),
        logger: context.get<WebhookRun>(WebhookRun).logger,
        onOutcome: (outcome, notAfter) => {
          if (outcome !== 'unchanged') metrics.certificateReload(outcome);
          if (notAfter !== undefined) metrics.certificateLoaded(notAfter);
        },
      });
    })
    .inSingletonScope();
});

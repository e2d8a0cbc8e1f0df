import { parseArgs } from 'node:util';
import { loadKubeConfig, WebhookKubeClientSettings } from '../../../core/index.js';
import { defaultBackendNotice } from '../../../core/config/config-keys-given.js';
import { CertificatesSettings } from '../../../config/certificates-settings.js';
import { ServerSettings } from '../../../config/server-settings.js';
import { WebhookServerSettings } from '../../../config/webhook-server-settings.js';
import { CertificateMaintainer } from '../../certificates/certificate-maintainer.js';
import { leaseHolder } from '../../certificates/lease-holder.js';
import { rotationPolicyOf } from '../../certificates/rotation-policy-of.js';
import { webhookIdentity } from '../../certificates/webhook-identity.js';
import { makeKubeClients } from '../../certificates/kube-clients.js';
import { installProcessHandlers } from '../../runtime/process-handlers.js';
import { createLogger } from '../../runtime/create-logger.js';
import { type RunningWebhook, startWebhook } from '../../runtime/start-webhook.js';
import { runStartupChecks } from '../../runtime/startup-checks.js';
import { guardUnauthenticatedValues } from '../../runtime/unauthenticated-values-guard.js';
import type { CliCommand } from '../cli-command.js';
import { ExitCode, UsageError } from '../cli-io.js';
import { loadPodsecrets } from '../load-podsecrets.js';

const EXIT_BOUND_MS = 2000;

/**
 * `podsecrets serve`: the HTTPS webhook, until SIGTERM or SIGINT. Then readiness fails at once, requests
 * keep being served for server.shutdownDelay (SIGTERM only), the listener closes, requests in flight
 * finish within server.shutdownTimeout, and the process exits 0.
 */
export const serveCommand: CliCommand = {
  name: 'serve',
  synopsis: '[--config FILE]',
  summary: 'run the HTTPS admission webhook',
  async run(args, _io, environment) {
    const { values } = parseArgs({ args: [...args], options: { config: { type: 'string' } }, strict: true });
    // One logger for core and HTTP; its level is the configured one as soon as the configuration is read.
    const logger = createLogger('info');
    const podsecrets = await loadPodsecrets(values.config, environment, logger);
    const server = podsecrets.container.get<ServerSettings>(ServerSettings);
    const webhookSettings = podsecrets.container.get<WebhookServerSettings>(WebhookServerSettings);
    logger.level = server.logLevel;
    const notice = defaultBackendNotice(podsecrets.config);
    if (notice !== undefined) logger.info(notice);
    guardUnauthenticatedValues(podsecrets, server, logger);
    runStartupChecks(podsecrets);
    const certificates = podsecrets.container.get<CertificatesSettings>(CertificatesSettings);
    // Renewal inside serve where serve's certificates are init-certs' (source self): in certDir itself with
    // localCert, else (Flyte's localCert false) in the Secret, which the kubelet copies into certDir when it
    // changes; that needs a cluster, so outside one (local use) there is nothing to renew.
    const renews = certificates.source === 'self' && (webhookSettings.localCert || (environment['KUBERNETES_SERVICE_HOST'] ?? '') !== '');
    const identity = renews ? webhookIdentity(podsecrets.config, environment) : undefined;
    const policy = identity === undefined ? undefined : rotationPolicyOf(identity);
    let running: RunningWebhook;
    try {
      running = await startWebhook(podsecrets, logger);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EADDRNOTAVAIL') throw error;
      const where = `${server.host}:${webhookSettings.listenPort}`;
      throw new UsageError(`cannot listen on ${where} (server.host, webhook.listenPort): ${code}`);
    }
    const webhook = running;
    const maintainer =
      identity === undefined || policy === undefined
        ? undefined
        : new CertificateMaintainer({
            clients: makeKubeClients(loadKubeConfig('', podsecrets.container.get<WebhookKubeClientSettings>(WebhookKubeClientSettings), environment)),
            identity,
            policy,
            holder: leaseHolder(environment),
            logger,
            intervalMs: certificates.checkInterval,
            onCheck: (outcome) => webhook.metrics.certificateCheck(outcome),
            onFilesChanged: () => void webhook.reloadCertificates(),
          });
    maintainer?.start();
    let exitCode: number = ExitCode.Ok;
    await new Promise<void>((resolve) => {
      let stopping = false;
      const shutdown = (signal: string): void => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down: readiness fails, requests in flight finish');
        // SIGTERM comes from the kubelet, with endpoints to update first; SIGINT is someone at a terminal.
        const delayMs = signal === 'SIGINT' ? 0 : server.shutdownDelay;
        void Promise.all([maintainer?.stop(), webhook.stop(server.shutdownTimeout, delayMs)]).then(() => resolve());
      };
      installProcessHandlers(process, {
        logger,
        onRejection: () => webhook.metrics.unhandledRejection(),
        onFatal: () => {
          exitCode = ExitCode.Internal;
          shutdown('uncaughtException');
        },
      });
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      process.once('SIGINT', () => shutdown('SIGINT'));
    });
    logger.info({ exitCode }, 'stopped');
    logger.flush();
    // Should a client library keep a socket open, the process still ends within the bound; unref'd, this
    // timer never delays a process that would end by itself.
    setTimeout(() => process.exit(exitCode), EXIT_BOUND_MS).unref();
    return exitCode;
  },
};

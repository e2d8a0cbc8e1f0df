import { parseArgs } from 'node:util';
import { loadKubeConfig, WebhookKubeClientSettings } from '../../../core/index.js';
import { ServerSettings } from '../../../config/server-settings.js';
import { certificateInfo } from '../../certificates/certificate-authority.js';
import { reconcileCertificates } from '../../certificates/certificate-reconciler.js';
import { leaseHolder } from '../../certificates/lease-holder.js';
import { rotationPolicyOf } from '../../certificates/rotation-policy-of.js';
import { webhookIdentity } from '../../certificates/webhook-identity.js';
import { makeKubeClients } from '../../certificates/kube-clients.js';
import { createLogger } from '../../runtime/create-logger.js';
import type { CliCommand } from '../cli-command.js';
import { ExitCode } from '../cli-io.js';
import { loadPodsecrets } from '../load-podsecrets.js';

/**
 * `podsecrets init-certs`: makes or adopts the webhook's certificates in webhook.secretName, renews what
 * is due, registers the webhook with its caBundle, and (webhook.localCert) writes the files to certDir.
 * Safe to run in every replica at once; prints one JSON line saying what it did.
 */
export const initCertsCommand: CliCommand = {
  name: 'init-certs',
  synopsis: '[--config FILE]',
  summary: 'create or adopt the webhook certificates and register the webhook (idempotent; renews what is due)',
  async run(args, io, environment) {
    const { values } = parseArgs({ args: [...args], options: { config: { type: 'string' } }, strict: true });
    const logger = createLogger('info');
    const podsecrets = await loadPodsecrets(values.config, environment, logger);
    logger.level = podsecrets.container.get<ServerSettings>(ServerSettings).logLevel;
    const identity = webhookIdentity(podsecrets.config, environment);
    const policy = rotationPolicyOf(identity);
    const result = await reconcileCertificates({
      clients: makeKubeClients(loadKubeConfig('', podsecrets.container.get<WebhookKubeClientSettings>(WebhookKubeClientSettings), environment)),
      identity,
      policy,
      holder: leaseHolder(environment),
      logger,
    });
    const expires = result.bundle === undefined ? undefined : certificateInfo(result.bundle.serving.cert).notAfter.toISOString();
    io.writeOut(
      `${JSON.stringify({
        source: identity.certificates.source,
        secret: `${identity.namespace}/${identity.secretName}`,
        changes: result.changes,
        registration: result.registration,
        wroteFiles: result.wroteFiles,
        ...(expires !== undefined ? { servingCertificateExpires: expires } : {}),
      })}\n`,
    );
    logger.flush();
    return ExitCode.Ok;
  },
};

import { ConfigError } from '../../config/config-error.js';
import { type CertificatesSettings, certificatesSettings } from '../../config/certificates-settings.js';
import { type DeploymentSettings, deploymentSettings } from '../../config/deployment-settings.js';
import { webhookServerSettings } from '../../config/webhook-server-settings.js';
import { expandGoEnv } from '../../core/config/go-expand-env.js';
import type { PodsecretsConfig } from '../../core/config/podsecrets-config.js';
import { readSettings } from '../../core/config/settings-section.js';

/** The names and settings the certificates, the registration and the manifests all derive from. */
export interface WebhookIdentity {
  readonly namespace: string;
  readonly serviceName: string;
  readonly servicePort: number;
  readonly listenPort: number;
  readonly secretName: string;
  readonly certDir: string;
  readonly localCert: boolean;
  readonly timeoutSeconds: number;
  readonly namespaceSelector: Readonly<Record<string, unknown>> | null;
  readonly registerWebhook: boolean;
  readonly certificates: CertificatesSettings;
  readonly deployment: DeploymentSettings;
}

/**
 * The identity in `config`; the namespace is $POD_NAMESPACE when given (as Flyte does), else
 * deployment.namespace, and certDir has the environment's variables expanded (Flyte's ExpandCertDir).
 * `manifests` passes no environment: what it renders depends on the file alone.
 */
export function webhookIdentity(config: PodsecretsConfig, environment?: NodeJS.ProcessEnv): WebhookIdentity {
  const webhook = readSettings(config, webhookServerSettings);
  const deployment = readSettings(config, deploymentSettings);
  const timeoutSeconds = webhook.webhookTimeout;
  if (timeoutSeconds < 1 || timeoutSeconds > 30) {
    throw new ConfigError(`webhook.webhookTimeout: ${timeoutSeconds} is not accepted: the API server takes timeoutSeconds from 1 to 30`);
  }
  return {
    namespace: environment?.['POD_NAMESPACE'] || deployment.namespace,
    serviceName: webhook.serviceName,
    servicePort: webhook.servicePort,
    listenPort: webhook.listenPort,
    secretName: webhook.secretName,
    certDir: environment === undefined ? webhook.certDir : expandGoEnv(webhook.certDir, environment),
    localCert: webhook.localCert,
    timeoutSeconds,
    namespaceSelector: webhook.namespaceSelector,
    registerWebhook: !webhook.disableCreateMutatingWebhookConfig,
    certificates: readSettings(config, certificatesSettings),
    deployment,
  };
}

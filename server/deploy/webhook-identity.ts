import { ConfigError } from '../../config/config-error.js';
import type { CertificatesConfig, DeploymentConfig } from '../../config/operations-config.js';
import { expandGoEnv, type PodsecretsConfig } from '../../core/index.js';

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
  readonly certificates: CertificatesConfig;
  readonly deployment: DeploymentConfig;
}

/**
 * The identity in `config`; the namespace is $POD_NAMESPACE when given (as Flyte does), else
 * deployment.namespace, and certDir has the environment's variables expanded (Flyte's ExpandCertDir).
 * `manifests` passes no environment: what it renders depends on the file alone.
 */
export function webhookIdentity(config: PodsecretsConfig, environment?: NodeJS.ProcessEnv): WebhookIdentity {
  const webhook = config.webhook;
  const deployment = config['deployment'] as DeploymentConfig;
  const timeoutSeconds = webhook['webhookTimeout'] as number;
  if (timeoutSeconds < 1 || timeoutSeconds > 30) {
    throw new ConfigError(`webhook.webhookTimeout: ${timeoutSeconds} is not accepted: the API server takes timeoutSeconds from 1 to 30`);
  }
  return {
    namespace: environment?.['POD_NAMESPACE'] || deployment.namespace,
    serviceName: webhook['serviceName'] as string,
    servicePort: webhook['servicePort'] as number,
    listenPort: webhook['listenPort'] as number,
    secretName: webhook['secretName'] as string,
    certDir: environment === undefined ? (webhook['certDir'] as string) : expandGoEnv(webhook['certDir'] as string, environment),
    localCert: webhook['localCert'] as boolean,
    timeoutSeconds,
    namespaceSelector: (webhook['namespaceSelector'] as Record<string, unknown> | null) ?? null,
    registerWebhook: webhook['disableCreateMutatingWebhookConfig'] !== true,
    certificates: config['certificates'] as CertificatesConfig,
    deployment,
  };
}

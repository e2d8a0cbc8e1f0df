import { defineSettings, setting, type SettingsOf } from '../core/index.js';

/** The `webhook:` keys the server reads (Flyte's names and defaults): where it listens, its Service, Secret and registration. */
export const WebhookServerSettings = Symbol.for('podsecrets.WebhookServerSettings');

export const webhookServerSettings = defineSettings(WebhookServerSettings, {
  path: 'webhook',
  owner: 'server',
  schema: {
    'metrics-prefix': setting.string('Prefix of Flyte metric names (accepted for compatibility; podsecrets names its metrics podsecrets_*).', 'flyte:'),
    certDir: setting.string('Directory holding tls.crt and tls.key (and ca.crt) for the HTTPS server.', '/etc/webhook/certs'),
    localCert: setting.boolean('Write the certificates made by init-certs into certDir as well.', false),
    listenPort: setting.port('HTTPS port of the webhook server.', 9443),
    serviceName: setting.string('Name of the webhook Service, and of its MutatingWebhookConfiguration.', 'flyte-pod-webhook'),
    servicePort: setting.port('Port of the webhook Service.', 443),
    secretName: setting.string('Name of the Secret that holds the webhook certificates.', 'flyte-pod-webhook'),
    disableCreateMutatingWebhookConfig: setting.boolean('Do not create or update the MutatingWebhookConfiguration at start.', false),
    namespaceSelector: setting.mapping<Readonly<Record<string, unknown>> | null>('namespaceSelector copied into the MutatingWebhookConfiguration.', null),
    cacheInvalidationPort: setting.port('Port of the cache invalidation listener (Embedded mode); 0 disables it.', 9444),
    webhookTimeout: setting.count(
      "timeoutSeconds of the webhook registration, 1 to 30; 10 unless set (Kubernetes advises 10 s or less for a webhook that fails closed; Flyte's default 30 is unused by Flyte).",
      10,
    ),
    imageBuilderConfig: setting.mapping("Flyte's image builder settings (accepted for compatibility, unused as in Flyte).", { excludedContainerNames: ['init-embedded-secret'] }),
  },
});

export interface WebhookServerSettings extends SettingsOf<typeof webhookServerSettings> {}

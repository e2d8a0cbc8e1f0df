import type { ConfigSchemaContribution } from '../core/index.js';

/**
 * The keys core and the server read: Flyte's `webhook:` section, spelled and defaulted as Flyte does
 * (its v2 defaults, except `secretManagerType`, which is K8s here), plus podsecrets' own `server:`.
 * Flyte keys that podsecrets accepts but does not act on say so in their doc.
 */
export const coreConfigSchema: ConfigSchemaContribution = {
  owner: 'core',
  schema: {
    webhook: {
      'metrics-prefix': { doc: 'Prefix of Flyte metric names (accepted for compatibility; podsecrets names its metrics podsecrets_*).', format: String, default: 'flyte:' },
      certDir: { doc: 'Directory holding tls.crt and tls.key (and ca.crt) for the HTTPS server.', format: String, default: '/etc/webhook/certs' },
      localCert: { doc: 'Write the certificates made by init-certs into certDir as well.', format: Boolean, default: false },
      listenPort: { doc: 'HTTPS port of the webhook server.', format: 'port', default: 9443 },
      serviceName: { doc: 'Name of the webhook Service, and of its MutatingWebhookConfiguration.', format: String, default: 'flyte-pod-webhook' },
      servicePort: { doc: 'Port of the webhook Service.', format: 'port', default: 443 },
      secretName: { doc: 'Name of the Secret that holds the webhook certificates.', format: String, default: 'flyte-pod-webhook' },
      secretManagerType: { doc: 'The secret backend (any case): one of the installed types, see `podsecrets plugins`.', format: 'secret-manager-type', default: 'K8s' },
      secretManagerTypes: { doc: 'Backends to try in order; when not empty it replaces secretManagerType.', format: 'secret-manager-types', default: [] },
      secretEnvVarPrefix: { doc: 'Prefix of generated secret env var names.', format: 'env-prefix', default: '_UNION_' },
      disableCreateMutatingWebhookConfig: { doc: 'Do not create or update the MutatingWebhookConfiguration at start.', format: Boolean, default: false },
      namespaceSelector: { doc: 'namespaceSelector copied into the MutatingWebhookConfiguration.', format: 'optional-object', default: null, nullable: true },
      cacheInvalidationPort: { doc: 'Port of the cache invalidation listener (Embedded mode); 0 disables it.', format: 'port', default: 9444 },
      webhookTimeout: { doc: 'timeoutSeconds of the webhook registration, 1 to 30.', format: 'nat', default: 30 },
      imageBuilderConfig: { doc: "Flyte's image builder settings (accepted for compatibility, unused as in Flyte).", format: 'optional-object', default: { excludedContainerNames: ['init-embedded-secret'] } },
      kubeClientConfig: {
        qps: { doc: 'Kubernetes client queries per second.', format: Number, default: 100 },
        burst: { doc: 'Kubernetes client burst.', format: 'nat', default: 25 },
        timeout: { doc: 'Kubernetes client request timeout.', format: 'go-duration', default: '30s' },
      },
    },
    server: {
      host: { doc: 'Address the HTTPS server listens on.', format: String, default: '0.0.0.0' },
      maxRequestBytes: { doc: 'Largest AdmissionReview body accepted; larger ones get 413.', format: 'byte-size', default: 3 * 1024 * 1024 },
      selfSignedCert: { doc: 'When certDir has no tls.crt/tls.key, make a self-signed certificate and write it there (for local use).', format: Boolean, default: false },
      headersTimeoutMs: {
        doc: 'Milliseconds a client has to send the request headers; a slower one gets 408 and is disconnected.',
        format: 'nat',
        default: 10_000,
      },
      requestTimeoutMs: {
        doc: 'Milliseconds a client has to send the whole request (headers and body); a slower one gets 408. At least headersTimeoutMs.',
        format: 'nat',
        default: 30_000,
      },
      keepAliveTimeoutMs: { doc: 'Milliseconds an idle keep-alive connection is kept open.', format: 'nat', default: 60_000 },
      maxConnections: { doc: 'Most client connections open at once; further ones are refused until some close.', format: 'nat', default: 1024 },
      logLevel: { doc: 'Log level.', format: ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], default: 'info' },
    },
  },
};

import { type ConfigSchemaContribution, MAPPING_FORMAT } from '../core/index.js';

/**
 * The keys core and the server read: Flyte's `webhook:` section, spelled and defaulted as Flyte does
 * (its v2 defaults, except `secretManagerType`, which is K8s here), plus podsecrets' own `server:`.
 * Flyte keys that podsecrets accepts but does not act on say so in their doc.
 */
export const coreConfigSchema: ConfigSchemaContribution = {
  owner: 'core',
  schema: {
    plugins: {
      doc: 'Plugin modules to load at start, beside the backends podsecrets ships: package names (installed beside podsecrets) or paths (relative to this file). Each exports an inversify ContainerModule.',
      format: 'plugin-list',
      default: [],
    },
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
      namespaceSelector: { doc: 'namespaceSelector copied into the MutatingWebhookConfiguration.', format: MAPPING_FORMAT, default: null },
      cacheInvalidationPort: { doc: 'Port of the cache invalidation listener (Embedded mode); 0 disables it.', format: 'port', default: 9444 },
      webhookTimeout: { doc: 'timeoutSeconds of the webhook registration, 1 to 30.', format: 'nat', default: 30 },
      imageBuilderConfig: { doc: "Flyte's image builder settings (accepted for compatibility, unused as in Flyte).", format: MAPPING_FORMAT, default: { excludedContainerNames: ['init-embedded-secret'] } },
      kubeClientConfig: {
        qps: { doc: 'Kubernetes client queries per second.', format: Number, default: 100 },
        burst: { doc: 'Kubernetes client burst.', format: 'nat', default: 25 },
        timeout: { doc: 'Kubernetes client request timeout; 0 (or "", or negative) means none, as in Flyte.', format: 'go-duration-or-none', default: '30s' },
      },
    },
    server: {
      host: { doc: 'Address the HTTPS server listens on.', format: String, default: '0.0.0.0' },
      maxRequestBytes: { doc: 'Largest AdmissionReview body accepted; larger ones get 413.', format: 'byte-size', default: 3 * 1024 * 1024 },
      selfSignedCert: { doc: 'When certDir has no tls.crt/tls.key, make a self-signed certificate and write it there (for local use).', format: Boolean, default: false },
      cacheInvalidationHost: {
        doc: 'Address of the cache invalidation listener (webhook.cacheInvalidationPort); an address other than loopback requires cacheInvalidationTokenFile.',
        format: String,
        default: '127.0.0.1',
      },
      cacheInvalidationTokenFile: { doc: 'File holding the bearer token the cache invalidation listener demands; empty: no token (loopback only).', format: String, default: '' },
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
      clientCAFile: {
        doc: 'PEM file of the CA whose client certificates may ask for admissions (the API server\'s, set in its AdmissionConfiguration); empty: any caller that reaches the port.',
        format: String,
        default: '',
      },
      allowUnauthenticatedValues: {
        doc: 'Start serve even though its answers can carry secret values (Global holds some, or Embedded valueDelivery plainText) while clientCAFile is empty, so any caller that reaches the port receives them; logs a warning at start.',
        format: Boolean,
        default: false,
      },
      maxConnections: { doc: 'Most client connections open at once; further ones are refused until some close.', format: 'nat', default: 1024 },
      metricsMaxNamespaces: {
        doc: 'Most namespaces that get a metrics label value of their own; later ones, and values that are not namespace names, count as _other.',
        format: 'nat',
        default: 200,
      },
      logLevel: { doc: 'Log level.', format: ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], default: 'info' },
      shutdownDelay: {
        doc: 'On SIGTERM, how long readiness fails while requests are still served, so that endpoints drop the pod before the listener closes.',
        format: 'go-duration',
        default: '5s',
      },
      shutdownTimeout: { doc: 'After the listener closes, how long requests in flight may take before their connections are cut.', format: 'go-duration', default: '15s' },
    },
    certificates: {
      source: {
        doc: 'Where the serving certificate comes from: self (init-certs makes and rotates a CA and certificate in webhook.secretName), files (certDir is provisioned by someone else; ca.crt there is the caBundle), cert-manager (a cert-manager Certificate; its cainjector fills caBundle).',
        format: ['self', 'files', 'cert-manager'],
        default: 'self',
      },
      caValidity: { doc: 'Lifetime of a CA made by init-certs (source self).', format: 'go-duration', default: '8760h' },
      caRenewBefore: { doc: 'A new CA is made when the current one has less than this left; both stay in caBundle until the old one expires.', format: 'go-duration', default: '2160h' },
      certValidity: { doc: 'Lifetime of a serving certificate made by init-certs (source self).', format: 'go-duration', default: '2160h' },
      certRenewBefore: { doc: 'The serving certificate is renewed when it has less than this left.', format: 'go-duration', default: '720h' },
      propagationDelay: {
        doc: 'How long a new CA is in caBundle before serving certificates signed by it are issued, so every API server trusts it first.',
        format: 'go-duration',
        default: '5m',
      },
      checkInterval: { doc: 'How often `serve` (source self, webhook.localCert true) checks whether the certificates are due for renewal.', format: 'go-interval', default: '10m' },
      reloadInterval: { doc: 'How often the server looks at certDir for a changed tls.crt/tls.key and loads it without a restart.', format: 'go-interval', default: '5s' },
      issuerRef: {
        doc: 'cert-manager issuerRef ({name, kind, group}) for source cert-manager; when absent, `manifests` renders a self-signed Issuer and a CA Issuer of its own.',
        format: Object,
        default: null,
        nullable: true,
      },
    },
    deployment: {
      namespace: { doc: "podsecrets' own namespace, used when $POD_NAMESPACE is not set; `manifests` puts everything there.", format: String, default: 'podsecrets' },
      image: { doc: 'Container image `manifests` puts in the Deployment.', format: String, default: 'ghcr.io/podsecrets/podsecrets:0.1.0' },
      replicas: { doc: 'Replicas of the webhook Deployment (at least 2 keeps pods admissible during a node drain).', format: 'nat', default: 2 },
      failurePolicy: {
        doc: 'failurePolicy of the webhook registration: Fail (a pod that asked for secrets is not created without them) or Ignore.',
        format: ['Fail', 'Ignore'],
        default: 'Fail',
      },
    },
  },
};

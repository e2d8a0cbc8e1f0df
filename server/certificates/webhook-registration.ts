import { ADMISSION_PATH } from './admission-path.js';
import type { WebhookIdentity } from './webhook-identity.js';

/** Flyte's webhook name, kept so that podsecrets can take over an existing Flyte registration in place. */
export const WEBHOOK_NAME = 'flyte-pod-webhook.flyte.org';
export const OPT_IN_LABEL = 'inject-flyte-secrets';
/** Namespaces a pod webhook must never block: the control plane's and node heartbeats. */
export const ALWAYS_EXCLUDED_NAMESPACES = ['kube-system', 'kube-node-lease'] as const;

export type Registration = {
  apiVersion: 'admissionregistration.k8s.io/v1';
  kind: 'MutatingWebhookConfiguration';
  metadata: { name: string; labels: Record<string, string>; annotations?: Record<string, string> };
  webhooks: Array<Record<string, unknown> & { clientConfig: { caBundle?: string; service: Record<string, unknown> } }>;
};

export const COMMON_LABELS = { 'app.kubernetes.io/name': 'podsecrets', 'app.kubernetes.io/component': 'webhook' } as const;

/**
 * The MutatingWebhookConfiguration for `identity`, without caBundle: init-certs adds it (source self
 * or files), cert-manager's cainjector adds it (source cert-manager). The same object is rendered by
 * `manifests` (with a comment on each choice) and written by init-certs, so the two cannot drift.
 */
export function webhookRegistration(identity: WebhookIdentity, caBundle?: string): Registration {
  const excluded = [...ALWAYS_EXCLUDED_NAMESPACES, identity.namespace];
  const selector = identity.namespaceSelector ?? {};
  const matchExpressions = [...((selector['matchExpressions'] as unknown[] | undefined) ?? []), { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: [...new Set(excluded)] }];
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: {
      name: identity.serviceName,
      labels: { ...COMMON_LABELS },
      ...(identity.certificates.source === 'cert-manager' ? { annotations: { 'cert-manager.io/inject-ca-from': `${identity.namespace}/${identity.serviceName}` } } : {}),
    },
    webhooks: [
      {
        name: WEBHOOK_NAME,
        admissionReviewVersions: ['v1', 'v1beta1'],
        clientConfig: {
          ...(caBundle !== undefined ? { caBundle } : {}),
          service: { name: identity.serviceName, namespace: identity.namespace, path: ADMISSION_PATH, port: identity.servicePort },
        },
        rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], scope: 'Namespaced' }],
        failurePolicy: identity.deployment.failurePolicy,
        matchPolicy: 'Equivalent',
        sideEffects: 'NoneOnDryRun',
        timeoutSeconds: identity.timeoutSeconds,
        reinvocationPolicy: 'IfNeeded',
        namespaceSelector: { ...selector, matchExpressions },
        objectSelector: { matchLabels: { [OPT_IN_LABEL]: 'true' } },
      },
    ],
  };
}

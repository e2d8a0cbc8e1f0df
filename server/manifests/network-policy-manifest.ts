import type { Manifest } from './manifest.js';
import type { WebhookIdentity } from '../certificates/webhook-identity.js';
import { COMMON_LABELS } from '../certificates/webhook-registration.js';

/** The selector of the webhook's own pods, as the Deployment, Service and PodDisruptionBudget use it. */
export const WEBHOOK_POD_SELECTOR = { 'app.kubernetes.io/name': COMMON_LABELS['app.kubernetes.io/name'], 'app.kubernetes.io/component': COMMON_LABELS['app.kubernetes.io/component'] };

/**
 * A NetworkPolicy that lets traffic reach the webhook's pods on the webhook port only (and on the cache
 * invalidation port when `invalidationPort` is given, i.e. it listens beyond loopback). Egress stays
 * open: the webhook calls the API server and, in Embedded mode, secret stores.
 */
export function networkPolicyManifest(identity: WebhookIdentity, invalidationPort?: number): Manifest {
  const { namespace, serviceName: name } = identity;
  const ports = [identity.listenPort, ...(invalidationPort !== undefined ? [invalidationPort] : [])];
  return {
    object: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace, labels: { ...COMMON_LABELS } },
      spec: {
        podSelector: { matchLabels: WEBHOOK_POD_SELECTOR },
        policyTypes: ['Ingress'],
        ingress: [{ ports: ports.map((port) => ({ port, protocol: 'TCP' })) }],
      },
    },
    comments: [
      {
        path: ['spec', 'ingress'],
        text:
          `Only webhook.listenPort (${identity.listenPort}), from anywhere: the API server's address differs from cluster to\n` +
          'cluster, so the port is open to every source and server.clientCAFile decides who may ask for admissions.\n' +
          'Probes and /metrics use the same port. Takes effect only where the network plugin enforces NetworkPolicies.' +
          (invalidationPort !== undefined ? `\nAlso webhook.cacheInvalidationPort (${invalidationPort}): server.cacheInvalidationHost is not loopback.` : ''),
      },
    ],
  };
}

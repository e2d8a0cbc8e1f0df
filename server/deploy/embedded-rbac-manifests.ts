import type { PodsecretsConfig } from '../../core/index.js';
import type { DeploymentConfig } from '../../config/operations-config.js';
import type { FieldComment } from './commented-document.js';
import { bindingManifest, type Manifest, type Rule } from './rbac-manifests.js';
import type { WebhookIdentity } from './webhook-identity.js';
import { COMMON_LABELS } from './webhook-registration.js';

const EMBEDDED = 'embedded';

/** The part of `webhook.embeddedSecretManagerConfig` that decides what Embedded mode calls in the cluster. */
interface EmbeddedClusterUse {
  readonly type: string;
  readonly valueDelivery: string;
  readonly imagePullSecrets: { readonly enabled: boolean; readonly namespace: string };
  readonly k8sConfig?: { readonly namespace: string };
}

/** Where Embedded mode reads and writes Secrets, or undefined when Embedded is not an enabled backend. */
export interface EmbeddedSecretAccess {
  /** Namespaces where it gets Secrets it reads values from (k8sConfig.namespace; the image pull Secrets' namespace). */
  readonly readFrom: readonly string[];
  /** Whether it creates, reads and updates Secrets in the namespaces of the pods it admits. */
  readonly writesInPodNamespaces: boolean;
  /** deployment.embeddedNamespaces: those pod namespaces; empty: every namespace. */
  readonly podNamespaces: readonly string[];
}

/** What the configuration's Embedded mode needs from the API server (`identity.namespace` stands for $POD_NAMESPACE). */
export function embeddedSecretAccess(config: PodsecretsConfig, identity: WebhookIdentity): EmbeddedSecretAccess | undefined {
  const webhook = config.webhook;
  const chain = webhook.secretManagerTypes.length > 0 ? webhook.secretManagerTypes : [webhook.secretManagerType];
  if (!chain.some((type) => type.toLowerCase() === EMBEDDED)) return undefined;
  const embedded = webhook['embeddedSecretManagerConfig'] as EmbeddedClusterUse;
  const readFrom = new Set<string>();
  if (embedded.type.toLowerCase() === 'k8s' && embedded.k8sConfig !== undefined) readFrom.add(embedded.k8sConfig.namespace);
  if (embedded.imagePullSecrets.enabled) readFrom.add(embedded.imagePullSecrets.namespace || identity.namespace);
  return {
    readFrom: [...readFrom],
    writesInPodNamespaces: embedded.valueDelivery === 'secretRef' || embedded.imagePullSecrets.enabled,
    podNamespaces: (config['deployment'] as DeploymentConfig).embeddedNamespaces,
  };
}

const SECRETS = { apiGroups: [''], resources: ['secrets'] };
/** What the secretRef writer and the image pull copy call: read by name, create, replace; patch for owner references. */
const POD_NAMESPACE_VERBS = ['create', 'get', 'update', 'patch'];

/**
 * Embedded mode's own RBAC: `get` on Secrets where values are read, and the writer's verbs on Secrets
 * in each of `deployment.embeddedNamespaces` (one RoleBinding each, to one ClusterRole that alone grants
 * nothing), or cluster-wide when none is listed. Never `list` or `watch`: every call is by name.
 */
export function embeddedRbacManifests(identity: WebhookIdentity, access: EmbeddedSecretAccess): Manifest[] {
  const labels = { ...COMMON_LABELS };
  const manifests: Manifest[] = [];
  const readName = `${identity.serviceName}-embedded-read`;
  for (const namespace of access.readFrom) {
    const rules: Rule[] = [{ ...SECRETS, verbs: ['get'] }];
    manifests.push(
      {
        object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: readName, namespace, labels }, rules },
        comments: [{ path: ['rules'], text: `Embedded mode reads values from Secrets of ${namespace} by name (md5 of the scoped id, or the image pull Secret): get only.` }],
      },
      bindingManifest(identity, 'RoleBinding', 'Role', readName, namespace),
    );
  }
  if (!access.writesInPodNamespaces) return manifests;
  const writeName = `${identity.serviceName}-embedded-pod-secrets`;
  const everywhere = access.podNamespaces.length === 0;
  const comments: FieldComment[] = [
    {
      path: ['rules'],
      text: everywhere
        ? 'Bound cluster-wide (deployment.embeddedNamespaces is empty): the webhook may read, create and change EVERY Secret\nof EVERY namespace, its neighbours\' included. List the namespaces where task pods run to narrow it.'
        : `Granted only through the RoleBindings of the same name in ${access.podNamespaces.join(', ')} (deployment.embeddedNamespaces):\nthe Secrets that hold values for the pods there, and their image pull Secrets.`,
    },
  ];
  manifests.push({ object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: writeName, labels }, rules: [{ ...SECRETS, verbs: POD_NAMESPACE_VERBS }] }, comments });
  if (everywhere) manifests.push(bindingManifest(identity, 'ClusterRoleBinding', 'ClusterRole', writeName));
  else for (const namespace of access.podNamespaces) manifests.push(bindingManifest(identity, 'RoleBinding', 'ClusterRole', writeName, namespace));
  return manifests;
}

import { isJsonObject } from '../../core/json/is-json-object.js';
import type { PodsecretsConfig } from '../../core/config/podsecrets-config.js';
import { readSettings } from '../../core/config/settings-section.js';
import { webhookSettings } from '../../core/config/webhook-settings.js';
import { embeddedSettings, ValueDelivery } from '../../plugins/embedded/embedded-config.js';
import { EMBEDDED_INJECTOR_TYPE } from '../../plugins/embedded/embedded-type.js';
import { k8sFetcherSettings } from '../../plugins/k8s/k8s-fetcher-config.js';
import type { FieldComment } from './commented-document.js';
import type { Manifest } from './manifest.js';
import { bindingManifest, type Rule } from './rbac-manifests.js';
import type { WebhookIdentity } from '../certificates/webhook-identity.js';
import { COMMON_LABELS } from '../certificates/webhook-registration.js';

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
  const webhook = readSettings(config, webhookSettings);
  const chain = webhook.secretManagerTypes.length > 0 ? webhook.secretManagerTypes : [webhook.secretManagerType];
  if (!chain.some((type) => type.toLowerCase() === EMBEDDED_INJECTOR_TYPE.toLowerCase())) return undefined;
  const embedded = readSettings(config, embeddedSettings);
  const readFrom = new Set<string>();
  if (embedded.type.toLowerCase() === 'k8s') readFrom.add(readSettings(config, k8sFetcherSettings).namespace);
  if (embedded.imagePullSecrets.enabled) readFrom.add(imagePullNamespace(config) || identity.namespace);
  return {
    readFrom: [...readFrom],
    writesInPodNamespaces: embedded.valueDelivery === ValueDelivery.SecretRef || embedded.imagePullSecrets.enabled,
    podNamespaces: identity.deployment.embeddedNamespaces,
  };
}

/**
 * `imagePullSecrets.namespace` as written: the settings object resolves an empty one against this
 * process's $POD_NAMESPACE, but the webhook pod's is the namespace the manifests deploy to.
 */
function imagePullNamespace(config: PodsecretsConfig): string {
  const embedded = config.webhook['embeddedSecretManagerConfig'];
  const imagePull = isJsonObject(embedded) ? embedded['imagePullSecrets'] : undefined;
  const namespace = isJsonObject(imagePull) ? imagePull['namespace'] : undefined;
  return typeof namespace === 'string' ? namespace : '';
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
        ? "Bound cluster-wide (deployment.embeddedNamespaces is empty): the webhook may read, create and change EVERY Secret\nof EVERY namespace, its neighbours' included. List the namespaces where task pods run to narrow it."
        : `Granted only through the RoleBindings of the same name in ${access.podNamespaces.join(', ')} (deployment.embeddedNamespaces):\nthe Secrets that hold values for the pods there, and their image pull Secrets.`,
    },
  ];
  manifests.push({ object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: writeName, labels }, rules: [{ ...SECRETS, verbs: POD_NAMESPACE_VERBS }] }, comments });
  if (everywhere) manifests.push(bindingManifest(identity, 'ClusterRoleBinding', 'ClusterRole', writeName));
  else for (const namespace of access.podNamespaces) manifests.push(bindingManifest(identity, 'RoleBinding', 'ClusterRole', writeName, namespace));
  return manifests;
}

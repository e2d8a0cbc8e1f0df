import type { Manifest } from './manifest.js';
import { leaseNameOf } from '../certificates/certificate-reconciler.js';
import { type EmbeddedSecretAccess, embeddedRbacManifests } from './embedded-rbac-manifests.js';
import type { WebhookIdentity } from '../certificates/webhook-identity.js';
import { COMMON_LABELS } from '../certificates/webhook-registration.js';

export type Rule = { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] };

/** The namespaced rules the configured mode needs: its own Secret (source self) and its own Lease. */
export function namespacedRules(identity: WebhookIdentity): Rule[] {
  const rules: Rule[] = [];
  const source = identity.certificates.source;
  if (source === 'self') {
    // create cannot be limited by name (the name is in the body, not the URL); get/update/delete can.
    rules.push({ apiGroups: [''], resources: ['secrets'], verbs: ['create'] });
    rules.push({ apiGroups: [''], resources: ['secrets'], resourceNames: [identity.secretName], verbs: ['get', 'update', 'delete'] });
  }
  if (source === 'self' || identity.registerWebhook) {
    rules.push({ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] });
    rules.push({ apiGroups: ['coordination.k8s.io'], resources: ['leases'], resourceNames: [leaseNameOf(identity)], verbs: ['get', 'update'] });
  }
  return rules;
}

/**
 * The cluster-wide rules: its own webhook registration, only when podsecrets keeps it up to date. No
 * `create`: the registration ships in these manifests (webhook.yaml), and create, unlike get and update,
 * cannot be limited to one name, so it would let the webhook register any other webhook.
 */
export function clusterRules(identity: WebhookIdentity): Rule[] {
  if (!identity.registerWebhook) return [];
  return [{ apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations'], resourceNames: [identity.serviceName], verbs: ['get', 'update'] }];
}

/** True when podsecrets talks to the API server at all in this mode (else no token is mounted). */
export function needsApiAccess(identity: WebhookIdentity, embedded?: EmbeddedSecretAccess): boolean {
  const embeddedCalls = embedded !== undefined && (embedded.readFrom.length > 0 || embedded.writesInPodNamespaces);
  return namespacedRules(identity).length > 0 || clusterRules(identity).length > 0 || embeddedCalls;
}

/** A RoleBinding or ClusterRoleBinding of `roleKind` `name` to the webhook's ServiceAccount. */
export function bindingManifest(identity: WebhookIdentity, kind: 'RoleBinding' | 'ClusterRoleBinding', roleKind: 'Role' | 'ClusterRole', name: string, namespace?: string): Manifest {
  return {
    object: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind,
      metadata: { name, ...(namespace !== undefined ? { namespace } : {}), labels: { ...COMMON_LABELS } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name },
      subjects: [{ kind: 'ServiceAccount', name: identity.serviceName, namespace: identity.namespace }],
    },
    comments: [],
  };
}

/**
 * ServiceAccount, the Role/ClusterRole with their bindings when the mode needs any permission, and
 * Embedded mode's own when it is enabled (`embedded`).
 */
export function rbacManifests(identity: WebhookIdentity, embedded?: EmbeddedSecretAccess): Manifest[] {
  const name = identity.serviceName;
  const namespace = identity.namespace;
  const labels = { ...COMMON_LABELS };
  const manifests: Manifest[] = [
    {
      object: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace, labels }, automountServiceAccountToken: false },
      comments: [{ path: ['automountServiceAccountToken'], text: 'Off by default; the Deployment mounts a token only where a mode needs the API.' }],
    },
  ];
  const namespaced = namespacedRules(identity);
  if (namespaced.length > 0) {
    manifests.push({
      object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace, labels }, rules: namespaced },
      comments: [
        {
          path: ['rules'],
          text:
            identity.certificates.source === 'self'
              ? `Only its own Secret (${identity.secretName}) and its own Lease (${leaseNameOf(identity)}). delete is used once, to\nreplace an immutable Secret left by Flyte's init-certs. No list or watch: podsecrets reads by name.`
              : `Only its own Lease (${leaseNameOf(identity)}), which orders webhook registration updates between replicas.`,
        },
      ],
    });
    manifests.push(bindingManifest(identity, 'RoleBinding', 'Role', name, namespace));
  }
  const cluster = clusterRules(identity);
  if (cluster.length > 0) {
    manifests.push({
      object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, labels }, rules: cluster },
      comments: [
        {
          path: ['rules'],
          text: `Only its own MutatingWebhookConfiguration (${identity.serviceName}), to set its caBundle and keep it as configured.\nNo create: webhook.yaml ships the registration; create cannot be limited to one name.`,
        },
      ],
    });
    manifests.push(bindingManifest(identity, 'ClusterRoleBinding', 'ClusterRole', name));
  }
  if (embedded !== undefined) manifests.push(...embeddedRbacManifests(identity, embedded));
  return manifests;
}

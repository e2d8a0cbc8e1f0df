import type { FieldComment } from './commented-document.js';
import { leaseNameOf } from '../certs/certificate-reconciler.js';
import type { WebhookIdentity } from './webhook-identity.js';
import { COMMON_LABELS } from './webhook-registration.js';

export interface Manifest {
  readonly object: Record<string, unknown>;
  readonly comments: readonly FieldComment[];
}

type Rule = { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] };

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

/** The cluster-wide rules: its own webhook registration, only when podsecrets registers it. */
export function clusterRules(identity: WebhookIdentity): Rule[] {
  if (!identity.registerWebhook) return [];
  return [
    { apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations'], verbs: ['create'] },
    { apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations'], resourceNames: [identity.serviceName], verbs: ['get', 'update'] },
  ];
}

/** True when podsecrets talks to the API server at all in this mode (else no token is mounted). */
export function needsApiAccess(identity: WebhookIdentity): boolean {
  return namespacedRules(identity).length > 0 || clusterRules(identity).length > 0;
}

/** ServiceAccount, and the Role/ClusterRole with their bindings when the mode needs any permission. */
export function rbacManifests(identity: WebhookIdentity): Manifest[] {
  const name = identity.serviceName;
  const namespace = identity.namespace;
  const labels = { ...COMMON_LABELS };
  const subject = [{ kind: 'ServiceAccount', name, namespace }];
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
    manifests.push({
      object: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name, namespace, labels },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
        subjects: subject,
      },
      comments: [],
    });
  }
  const cluster = clusterRules(identity);
  if (cluster.length > 0) {
    manifests.push({
      object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, labels }, rules: cluster },
      comments: [{ path: ['rules'], text: `Only its own MutatingWebhookConfiguration (${identity.serviceName}), to set its caBundle and keep it as configured.` }],
    });
    manifests.push({
      object: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name, labels },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
        subjects: subject,
      },
      comments: [],
    });
  }
  return manifests;
}

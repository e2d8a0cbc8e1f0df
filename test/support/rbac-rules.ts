import type { ReceivedRequest } from './backends/loopback-server.js';

/** One rule of a Role or ClusterRole. */
export interface PolicyRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
}

/** What one API request asks for, in RBAC's terms. */
export interface ApiAccess {
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
}

const VERBS: Record<string, string> = { GET: 'get', POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

/** The RBAC access a request to the API needs: `/api/v1/namespaces/ns/secrets/name` is get secrets "name" in ns. */
export function accessOf(request: Pick<ReceivedRequest, 'method' | 'path'>): ApiAccess {
  const parts = (request.path.split('?')[0] ?? '').split('/').filter((part) => part !== '');
  const [group, rest] = parts[0] === 'api' ? ['', parts.slice(2)] : [parts[1] ?? '', parts.slice(3)];
  const namespaced = rest[0] === 'namespaces' && rest.length >= 3;
  const [resource, name] = namespaced ? [rest[2], rest[3]] : [rest[0], rest[1]];
  const verb = request.method === 'GET' && name === undefined ? 'list' : (VERBS[request.method] ?? request.method.toLowerCase());
  return { verb, group, resource: resource ?? '', namespace: namespaced ? rest[1] : undefined, name };
}

/** A grant: rules that apply in `namespace` (a RoleBinding), or everywhere (a ClusterRoleBinding). */
export interface Grant {
  readonly namespace?: string;
  readonly rules: readonly PolicyRule[];
}

/** True when one of `grants` allows `access`, as the API server's RBAC authorizer decides it. */
export function allows(grants: readonly Grant[], access: ApiAccess): boolean {
  return grants.some(
    (grant) =>
      (grant.namespace === undefined || grant.namespace === access.namespace) &&
      grant.rules.some(
        (rule) =>
          (rule.apiGroups.includes(access.group) || rule.apiGroups.includes('*')) &&
          (rule.resources.includes(access.resource) || rule.resources.includes('*')) &&
          (rule.verbs.includes(access.verb) || rule.verbs.includes('*')) &&
          (rule.resourceNames === undefined || rule.resourceNames.length === 0 || (access.name !== undefined && rule.resourceNames.includes(access.name))),
      ),
  );
}

type RbacObject = {
  kind: string;
  metadata: { name: string; namespace?: string };
  rules?: PolicyRule[];
  roleRef?: { kind: string; name: string };
  subjects?: Array<{ kind: string; name: string; namespace?: string }>;
};

/** What the rendered objects grant the ServiceAccount `namespace/name`, binding by binding. */
export function grantsOf(objects: readonly Record<string, unknown>[], serviceAccount: { name: string; namespace: string }): Grant[] {
  const rbac = objects as readonly RbacObject[];
  const role = (kind: string, name: string, namespace?: string) =>
    rbac.find((object) => object.kind === kind && object.metadata.name === name && (kind === 'ClusterRole' || object.metadata.namespace === namespace));
  return rbac
    .filter(
      (object) =>
        (object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') &&
        (object.subjects ?? []).some((s) => s.kind === 'ServiceAccount' && s.name === serviceAccount.name && s.namespace === serviceAccount.namespace),
    )
    .map((binding) => {
      const ref = binding.roleRef as { kind: string; name: string };
      const rules = role(ref.kind, ref.name, binding.metadata.namespace)?.rules ?? [];
      return binding.kind === 'ClusterRoleBinding' ? { rules } : { namespace: binding.metadata.namespace as string, rules };
    });
}

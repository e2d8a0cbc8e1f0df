import { InjectionError, isUnambiguousScopePart, UNAMBIGUOUS_SCOPE_PART_RULE } from '../../core/index.js';
import type { SecretOwner } from './secret-id.js';

/** How a scope maps to a namespace: Flyte's `namespace_mapping.template` and the configured organization. */
export interface NamespaceMapping {
  /** e.g. `{{ project }}-{{ domain }}`; may name `{{ org }}`. */
  readonly template: string;
  /** The organization of every pod when the template does not name `{{ org }}`. */
  readonly organization: string;
}

/** Flyte's InjectionError code for scope labels that do not allow a read. */
const CODE = 'SecretRequirementsError';
const PLACEHOLDER = /\{\{ (org|project|domain) \}\}/gu;

/** flyteadmin's `GetNamespaceName`: each placeholder replaced once, left to right (a value is never re-read). */
export function renderNamespace(template: string, owner: SecretOwner): string {
  return template.replace(PLACEHOLDER, (_, name: 'org' | 'project' | 'domain') => owner[name]);
}

/** Whether the template names `{{ <name> }}`. */
function names(template: string, name: string): boolean {
  return template.includes(`{{ ${name} }}`);
}

/** Config check of `namespace_mapping.template`: text with no placeholder but Flyte's three. */
export function checkNamespaceTemplate(value: unknown): void {
  if (typeof value !== 'string' || value === '' || /\{\{|\}\}/u.test(value.replace(PLACEHOLDER, ''))) {
    throw new Error("must be a namespace name with the placeholders {{ project }}, {{ domain }} and {{ org }} (spelled so, one space inside the braces), e.g. '{{ project }}-{{ domain }}'");
  }
}

/**
 * The scope a pod may read, bound to the namespace it is created in: the pod's `project` and `domain`
 * labels (and `organization`, where the template names it) must render through the template to
 * exactly `namespace`; an organization the template does not name must be absent or the configured
 * one. A pod author chooses labels but not the namespace (that is the API server's, and RBAC's), so a
 * pod can only name its own namespace's scope. Throws an InjectionError naming the namespace, the
 * labels and the template.
 */
export function namespaceBoundScope(labels: Readonly<Record<string, string>>, namespace: string, mapping: NamespaceMapping): SecretOwner {
  const { template, organization } = mapping;
  for (const part of ['project', 'domain'] as const) {
    if (!names(template, part)) {
      throw new InjectionError(
        CODE,
        `namespace_mapping.template "${template}" names no {{ ${part} }}, so a pod's ${part} label cannot be bound to its namespace; Embedded mode needs a template that names both {{ project }} and {{ domain }}`,
      );
    }
  }
  for (const label of names(template, 'org') ? ['organization', 'project', 'domain'] : ['project', 'domain']) {
    if ((labels[label] ?? '') === '') throw new InjectionError(CODE, `[${CODE}] secret read requirements not met due to empty ${label} field in the pod labels`);
  }
  const labelled = labels['organization'] === '' ? undefined : labels['organization'];
  if (!names(template, 'org') && labelled !== undefined && labelled !== organization) {
    throw new InjectionError(
      CODE,
      `the pod's organization label "${labelled}" is not the configured organization "${organization}" (webhook.embeddedSecretManagerConfig.organization); namespace_mapping.template "${template}" does not name {{ org }}, so the organization label must be absent or "${organization}"`,
    );
  }
  const owner: SecretOwner = { org: labelled ?? organization, project: labels['project'] ?? '', domain: labels['domain'] ?? '' };
  const rendered = renderNamespace(template, owner);
  if (rendered !== namespace) {
    throw new InjectionError(
      CODE,
      `the pod's labels ${describeLabels(owner, names(template, 'org'))} render through namespace_mapping.template "${template}" to namespace "${rendered}", not to the pod's namespace "${namespace}": a pod reads only the scope of its own namespace, so its labels must render to "${namespace}"`,
    );
  }
  for (const [label, value] of [
    ['organization', owner.org],
    ['project', owner.project],
    ['domain', owner.domain],
  ] as const) {
    if (!isUnambiguousScopePart(value)) throw new InjectionError(CODE, `the pod's ${label} "${value}" cannot scope a secret id: it must have ${UNAMBIGUOUS_SCOPE_PART_RULE}`);
  }
  return owner;
}

function describeLabels(owner: SecretOwner, withOrg: boolean): string {
  return `${withOrg ? `organization "${owner.org}", ` : ''}project "${owner.project}", domain "${owner.domain}"`;
}

/** The four parts of an Embedded secret id: the scope (organization, domain, project) and the key. */
export interface ScopedSecretIdParts {
  readonly org: string;
  readonly domain: string;
  readonly project: string;
  readonly key: string;
}

const LOOSE_ID = /^u__org__(.*?)__domain__(.*?)__project__(.*?)__key__(.*)$/s;

/**
 * Whether `value` can be a scope part of an id without ambiguity. Flyte separates the parts with `__`
 * and never escapes them, so `project: a__key__b` and `project: a` with key `b__…` could name one id.
 * A part without `__` that neither begins nor ends with `_` touches no separator: the id then splits
 * one way only, so two scopes never share an id. The key is the last part and may hold anything.
 */
export function isUnambiguousScopePart(value: string): boolean {
  return !value.includes('__') && !value.startsWith('_') && !value.endsWith('_');
}

/** The rule {@link isUnambiguousScopePart} checks, in words, for messages. */
export const UNAMBIGUOUS_SCOPE_PART_RULE = "no '__' and no '_' at either end (Flyte's ids separate their parts with '__')";

/**
 * Flyte's `EncodeSecretName`: `u__org__<org>__domain__<domain>__project__<project>__key__<key>`,
 * unchanged for every scope part {@link isUnambiguousScopePart} accepts (so stores that Flyte's secret
 * service wrote keep working). Throws for a part it refuses: such an id could name another scope.
 */
export function formatScopedSecretId(parts: ScopedSecretIdParts): string {
  for (const name of ['org', 'domain', 'project'] as const) {
    if (!isUnambiguousScopePart(parts[name])) throw new RangeError(`scope part ${name} "${parts[name]}" cannot be part of a secret id: ${UNAMBIGUOUS_SCOPE_PART_RULE}`);
  }
  return `u__org__${parts.org}__domain__${parts.domain}__project__${parts.project}__key__${parts.key}`;
}

/** The parts of an id {@link formatScopedSecretId} could have made; undefined for any other text. */
export function parseScopedSecretId(id: string): ScopedSecretIdParts | undefined {
  const match = LOOSE_ID.exec(id);
  if (match === null) return undefined;
  const [, org = '', domain = '', project = '', key = ''] = match;
  if (![org, domain, project].every(isUnambiguousScopePart)) return undefined;
  return { org, domain, project, key };
}

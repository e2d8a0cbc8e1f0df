import { formatScopedSecretId, parseScopedSecretId } from '../../core/index.js';

/** The scope of an Embedded secret: Flyte v2's organization, project and domain, bound to the pod's namespace. */
export interface SecretOwner {
  readonly org: string;
  readonly domain: string;
  readonly project: string;
}

/**
 * Flyte's `EncodeSecretName`: `u__org__<org>__domain__<domain>__project__<project>__key__<key>`.
 * Throws (a RangeError) for a scope part that could make the id another scope's; see
 * {@link formatScopedSecretId}.
 */
export function secretId(owner: SecretOwner, key: string): string {
  return formatScopedSecretId({ ...owner, key });
}

/** Where a lookup may find a key, narrowest first: the project, then the domain, then the organization. */
export function scopedSecretIds(owner: SecretOwner, key: string): string[] {
  return [secretId(owner, key), secretId({ org: owner.org, domain: owner.domain, project: '' }, key), secretId({ org: owner.org, domain: '', project: '' }, key)];
}

/** Names a scope id in messages: which scope, and which key. */
export function describeScope(id: string): string {
  const parts = parseScopedSecretId(id);
  if (parts === undefined) return `id "${id}"`;
  const { org, domain, project, key } = parts;
  const scope =
    project !== '' ? `project scope (org "${org}", domain "${domain}", project "${project}")` : domain !== '' ? `domain scope (org "${org}", domain "${domain}")` : `org scope (org "${org}")`;
  return `key "${key}" at ${scope}`;
}

/** The pod labels Flyte v2 sets on every task pod, which scope an Embedded secret. */
export interface SecretOwner {
  readonly org: string;
  readonly domain: string;
  readonly project: string;
}

/** Flyte's `EncodeSecretName`: `u__org__<org>__domain__<domain>__project__<project>__key__<key>`. */
export function secretId(owner: SecretOwner, key: string): string {
  return `u__org__${owner.org}__domain__${owner.domain}__project__${owner.project}__key__${key}`;
}

/** Where a lookup may find a key, narrowest first: the project, then the domain, then the organization. */
export function scopedSecretIds(owner: SecretOwner, key: string): string[] {
  return [
    secretId(owner, key),
    secretId({ org: owner.org, domain: owner.domain, project: '' }, key),
    secretId({ org: owner.org, domain: '', project: '' }, key),
  ];
}

/** Names a scope id in messages: which scope, and which key. */
export function describeScope(id: string): string {
  const match = /^u__org__(.*)__domain__(.*)__project__(.*)__key__(.*)$/s.exec(id);
  if (match === null) return `id "${id}"`;
  const [, org, domain, project, key] = match;
  const scope = project !== '' ? `project scope (org "${org}", domain "${domain}", project "${project}")` : domain !== '' ? `domain scope (org "${org}", domain "${domain}")` : `org scope (org "${org}")`;
  return `key "${key}" at ${scope}`;
}

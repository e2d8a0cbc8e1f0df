import { createHash } from 'node:crypto';

const ID = /^u__org__(.*)__domain__(.*)__project__(.*)__key__(.*)$/s;

/**
 * Flyte's `ToImagePullK8sName` for the scope a value was found at: "img-pull-" and the first 16 hex
 * digits of sha256("<org>:<domain>:<project>:<name>"). Undefined for an id not in Flyte's form.
 */
export function imagePullSecretName(id: string): string | undefined {
  const match = ID.exec(id);
  if (match === null) return undefined;
  const [, org, domain, project, key] = match;
  return `img-pull-${createHash('sha256').update(`${org}:${domain}:${project}:${key}`).digest('hex').slice(0, 16)}`;
}

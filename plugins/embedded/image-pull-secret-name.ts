import { createHash } from 'node:crypto';
import { parseScopedSecretId } from '../../core/index.js';

/**
 * Flyte's `ToImagePullK8sName` for the scope a value was found at: "img-pull-" and the first 16 hex
 * digits of sha256("<org>:<domain>:<project>:<name>"). Undefined for an id not in Flyte's form.
 */
export function imagePullSecretName(id: string): string | undefined {
  const parts = parseScopedSecretId(id);
  if (parts === undefined) return undefined;
  const { org, domain, project, key } = parts;
  return `img-pull-${createHash('sha256').update(`${org}:${domain}:${project}:${key}`).digest('hex').slice(0, 16)}`;
}

import type { SecretRequest } from '../secret/secret-request.js';
import { goUpper } from './go-case.js';
import { ENV_GROUP_KEY_SEPARATOR } from './flyte-conventions.js';

/**
 * Flyte's name for a secret's environment variable: upper(prefix + group + "_" + key).
 * Kept byte-compatible, so `my-group` gives `_UNION_MY-GROUP_KEY` as Flyte's does.
 */
export function secretEnvVarName(prefix: string, secret: Pick<SecretRequest, 'group' | 'key'>): string {
  return goUpper(prefix + secret.group + ENV_GROUP_KEY_SEPARATOR + secret.key);
}

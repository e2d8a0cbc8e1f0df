import { InjectionError, InjectionErrorCode, md5Hex, SECRETS_MOUNT_DIR, type SecretRequest } from '../../core/index.js';
import type { KvVersion, VaultSettings } from './vault-config.js';

/** The annotation prefix of the Vault Agent Injector, the separate webhook that renders the files. */
export const VAULT_ANNOTATION_PREFIX = 'vault.hashicorp.com/';

// A template field name must be a Go identifier; any other key is read with `index`.
const TEMPLATE_FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Group and key are written into a template string literal and into a file path under the secrets
// volume: a quote or backslash would end the literal, an empty or dot segment would leave the path.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTERS = /["\\\x00-\x1f\x7f]/;

function checkPath(value: string, field: string): void {
  if (value === '') throw new InjectionError(InjectionErrorCode.InvalidRequest, `a Vault secret needs a ${field}; the request has none (group: the Vault path, key: the field of that secret)`);
  const bad = FORBIDDEN_CHARACTERS.test(value)
    ? 'a quote, backslash or control character'
    : value.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')
      ? "an empty, '.' or '..' path segment (or a leading or trailing '/')"
      : undefined;
  if (bad !== undefined) {
    throw new InjectionError(InjectionErrorCode.InvalidRequest, `Vault secret ${field} "${value}" holds ${bad}; it must be a Vault path of plain segments separated by '/'`);
  }
}

/**
 * The `<id>` of a secret's annotations. Flyte takes a fresh UUID, so every admission differs and a
 * second pass adds a second set; this id comes from the file the secret becomes (`<group>/<key>`),
 * so it is the same on every pass and two requests for one file share one set of annotations.
 */
export function vaultSecretId(group: string, key: string): string {
  return md5Hex(`${group}/${key}`);
}

/** The template query of an engine: `.Data` (KV v1), `.Data.data` (KV v2), or none (db, no template). */
export function vaultQuery(groupVersion: string, kvVersion: KvVersion): string | undefined {
  switch (groupVersion) {
    case 'kv1':
      return '.Data';
    case 'kv2':
      return '.Data.data';
    case 'db':
      return undefined;
    default:
      return kvVersion === '1' ? '.Data' : '.Data.data';
  }
}

/** Flyte's template for one key of a secret; keys that are not identifiers use `index`, which Go templates need for them. */
export function vaultTemplate(group: string, query: string, key: string): string {
  const field = TEMPLATE_FIELD.test(key) ? `${query}.${key}` : `index ${query} "${key}"`;
  return `{{- with secret "${group}" -}}{{ ${field} }}{{- end -}}`;
}

/**
 * The annotations that make the Vault Agent Injector write `secret` to /etc/flyte/secrets/<group>/<key>,
 * in Flyte's precedence: the secret's own, then the common ones, then the configured ones.
 * Throws an InjectionError for a group or key that cannot be a Vault path.
 */
export function vaultAnnotations(secret: SecretRequest, settings: VaultSettings): Record<string, string> {
  checkPath(secret.group, 'group');
  checkPath(secret.key, 'key');
  const id = vaultSecretId(secret.group, secret.key);
  const annotations: Record<string, string> = {
    [`${VAULT_ANNOTATION_PREFIX}agent-inject-secret-${id}`]: secret.group,
    [`${VAULT_ANNOTATION_PREFIX}agent-inject-file-${id}`]: `${secret.group}/${secret.key}`,
  };
  const query = vaultQuery(secret.groupVersion, settings.kvVersion);
  if (query !== undefined) annotations[`${VAULT_ANNOTATION_PREFIX}agent-inject-template-${id}`] = vaultTemplate(secret.group, query, secret.key);
  return {
    ...annotations,
    [`${VAULT_ANNOTATION_PREFIX}agent-inject`]: 'true',
    [`${VAULT_ANNOTATION_PREFIX}secret-volume-path`]: SECRETS_MOUNT_DIR,
    [`${VAULT_ANNOTATION_PREFIX}role`]: settings.role,
    [`${VAULT_ANNOTATION_PREFIX}agent-pre-populate-only`]: 'true',
    ...settings.annotations,
  };
}

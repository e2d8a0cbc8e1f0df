import { goLower, InjectionError, InjectionErrorCode, joinPath, SECRETS_MOUNT_DIR, type SecretRequest } from '../../core/index.js';

/** An Azure Key Vault secret (version), and where its file goes. */
export interface AzureSecretReference {
  /** The identifier `az` fetches: the secret's URI, with `/<version>` when one was asked for. */
  readonly id: string;
  /** The secret's name, the URI's last segment. */
  readonly name: string;
  readonly version: string;
  /** /etc/flyte/secrets/<lc(name)>, or /etc/flyte/secrets/<lc(name)>/<lc(version)> with a version. */
  readonly filePath: string;
}

// https://<vault host>/secrets/<name>: Key Vault names are 1-127 letters, digits and '-'.
const SECRET_URI = /^https:\/\/[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::\d{1,5})?\/secrets\/([0-9A-Za-z-]{1,127})$/;
// Key Vault version ids are 32 hexadecimal characters; any letters and digits are let through.
const VERSION = /^[0-9A-Za-z]{1,64}$/;
const EXAMPLE = 'group "https://my-vault.vault.azure.net/secrets/my-secret" and, optionally, group_version "<32-character version id>"';

/**
 * Resolves a request as Flyte v2's Azure injector does (group = the secret's URI, group_version = an
 * optional version), refusing what cannot be a Key Vault secret URI before it reaches a shell command.
 */
export function resolveAzureSecretReference(secret: SecretRequest): AzureSecretReference {
  if (secret.group === '') {
    throw new InjectionError(InjectionErrorCode.InvalidRequest, `an Azure Key Vault secret needs a group, the secret's URI (group_version is optional), e.g. ${EXAMPLE}`);
  }
  const uri = secret.group.replace(/\/+$/, '');
  const name = SECRET_URI.exec(uri)?.[1];
  if (name === undefined) {
    throw new InjectionError(
      InjectionErrorCode.InvalidRequest,
      `group "${secret.group}" is not a Key Vault secret URI https://<vault>.vault.azure.net/secrets/<name> (a version goes in group_version); e.g. ${EXAMPLE}`,
    );
  }
  const version = secret.groupVersion;
  if (version !== '' && !VERSION.test(version)) {
    throw new InjectionError(InjectionErrorCode.InvalidRequest, `group_version "${version}" is not a Key Vault secret version (letters and digits, e.g. a 32-character id)`);
  }
  return {
    id: version === '' ? uri : `${uri}/${version}`,
    name,
    version,
    filePath: goLower(joinPath(SECRETS_MOUNT_DIR, name, version)),
  };
}

import { InjectionError, InjectionErrorCode, isDnsSubdomain, isSecretDataKey, md5Hex, quoteName, type SecretRequest } from '../../core/index.js';

/** The Secret and data key a request points at, once validated. */
export interface K8sSecretReference {
  readonly secretName: string;
  readonly key: string;
}

/**
 * Resolves a request to a Secret name and key as Flyte v2 does (no group: the Secret named md5(key)),
 * and refuses what the API server would refuse anyway, instead of admitting a pod that cannot start.
 */
export function resolveK8sSecretReference(secret: SecretRequest): K8sSecretReference {
  if (secret.key === '') {
    throw new InjectionError(InjectionErrorCode.InvalidRequest, 'a Kubernetes secret needs a key (the data key in the Secret); the request has none');
  }
  if (!isSecretDataKey(secret.key)) {
    throw new InjectionError(InjectionErrorCode.InvalidRequest, `key ${quoteName(secret.key)} is not a valid Secret data key (letters, digits, '-', '_' and '.', at most 253 characters)`);
  }
  const secretName = secret.group === '' ? md5Hex(secret.key) : secret.group;
  if (!isDnsSubdomain(secretName)) {
    throw new InjectionError(
      InjectionErrorCode.InvalidRequest,
      `group ${quoteName(secretName)} is not a valid Kubernetes Secret name (lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters)`,
    );
  }
  return { secretName, key: secret.key };
}

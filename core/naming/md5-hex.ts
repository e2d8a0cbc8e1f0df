import { createHash } from 'node:crypto';

/**
 * Flyte's `EncodeK8sSecretName`: the lower-case hex MD5 of `text`. Always 32 characters and a valid
 * DNS label, which is why Flyte uses it to name Secrets for ids that are not valid names themselves.
 * MD5 is a naming function here, not a security boundary.
 */
export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

import { encodeText } from '../wire/ascii-text.js';
import { decodeFlyteBase32, encodeFlyteBase32 } from '../wire/flyte-base32.js';
import { MAX_DNS_LABEL_LENGTH } from './k8s-name-rules.js';
import { md5Hex } from './md5-hex.js';

const FALLBACK_PREFIX = 'ps-';
const utf8 = new TextEncoder();

/**
 * The name of the volume that holds a K8s Secret's files: Flyte's b32(group + "_" + groupVersion)
 * whenever that is a valid volume name. Flyte's name passes 63 characters once group and version
 * exceed 38 bytes, and the API server refuses the pod; podsecrets then uses "ps-" + md5(group).
 */
export function secretVolumeName(group: string, groupVersion: string): string {
  const flyteName = encodeFlyteBase32(encodeText(`${group}_${groupVersion}`, utf8));
  return flyteName.length <= MAX_DNS_LABEL_LENGTH ? flyteName : FALLBACK_PREFIX + md5Hex(group);
}

/**
 * Whether `name` is a volume podsecrets made for `group`, whatever the version: those are the volumes
 * a later secret of the same group may add its file to. A volume the pod brought itself is never changed.
 */
export function isSecretVolumeNameOf(name: string, group: string): boolean {
  // '-' is not a base32 character, so a fallback name never decodes: the hash is needed only for those.
  if (name.startsWith(FALLBACK_PREFIX)) return name === FALLBACK_PREFIX + md5Hex(group);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(decodeFlyteBase32(name)).startsWith(`${group}_`);
  } catch {
    return false;
  }
}

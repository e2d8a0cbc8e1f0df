import { MountRequirement, secretRequest, type SecretRequest } from '../../../core/secret/secret-request.js';
import { seededRandom } from '../../support/seeded-random.js';

// Deterministic pseudo-random secrets for round-trip tests: a fixed seed makes any failure
// reproducible without adding a property-testing dependency.

export { seededRandom };

// Characters that exercise every escaping rule: quotes, backslash, the named escapes, other control
// bytes, DEL, multi-byte UTF-8 of every length, a BOM and the text-format's own punctuation.
const TRICKY = ['"', "'", '\\', '\n', '\r', '\t', '\0', '\x01', '\x1b', '\x7f', ' ', '#', ':', ';', ',', '{', '<', 'é', 'ß', '€', '中', '\u2028', '\uFEFF', '\u0085', '😀', '𝄞', '?', '%', '='];
const PLAIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./';
const MOUNTS = [MountRequirement.ANY, MountRequirement.ENV_VAR, MountRequirement.FILE];

/** A random string of up to `maxLength` code points, empty about a quarter of the time. */
export function randomText(random: () => number, maxLength: number): string {
  if (random() < 0.25) return '';
  const length = 1 + Math.floor(random() * maxLength);
  let text = '';
  for (let i = 0; i < length; i++) {
    const pool = random() < 0.3 ? TRICKY : PLAIN;
    text += pool[Math.floor(random() * pool.length)]!;
  }
  return text;
}

/** A random secret request covering empty fields, every mount type and tricky characters. */
export function randomSecret(random: () => number): SecretRequest {
  return secretRequest({
    group: randomText(random, 20),
    groupVersion: randomText(random, 8),
    key: randomText(random, 20),
    mountRequirement: MOUNTS[Math.floor(random() * MOUNTS.length)]!,
    envVar: randomText(random, 12),
  });
}

/** Random bytes of the given length. */
export function randomBytes(random: () => number, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

import { WireFormatError, WireFormatErrorCode } from './wire-format-error.js';

/**
 * Flyte's base32 alphabet (`specialEncoderKey` in flytepropeller): lower case, and digits 1-6 instead
 * of RFC 4648's 2-7, so encoded values are valid in Kubernetes names and annotations.
 */
export const FLYTE_BASE32_ALPHABET = 'abcdefghijklmnopqrstuvwxyz123456';

const ACCEPTED = 'a-z and 1-6';

// Indexed by UTF-16 code unit; -1 marks a character outside the alphabet. Only ASCII can be valid.
const DECODE_TABLE: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < FLYTE_BASE32_ALPHABET.length; i++) table[FLYTE_BASE32_ALPHABET.charCodeAt(i)] = i;
  return table;
})();

// A final group of 1, 3 or 6 characters carries fewer than 8 bits beyond the previous byte, so no
// encoder produces it (RFC 4648 section 6).
const IMPOSSIBLE_REMAINDERS = new Set([1, 3, 6]);

/**
 * Encodes bytes as Flyte does: `base32.NewEncoding(FLYTE_BASE32_ALPHABET).WithPadding(NoPadding)`,
 * i.e. RFC 4648 bit packing, most significant bit first, with no `=` padding.
 */
export function encodeFlyteBase32(bytes: Uint8Array): string {
  // Appending to a string costs less than a list of characters joined at the end, for the short
  // names an admission encodes (a volume name per secret).
  let encoded = '';
  let buffer = 0;
  let bits = 0;
  for (let index = 0; index < bytes.length; index++) {
    // At most 4 bits are pending before a byte is added, so 12 bits of buffer are enough.
    buffer = ((buffer << 8) | bytes[index]!) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      encoded += FLYTE_BASE32_ALPHABET[(buffer >>> bits) & 31]!;
    }
  }
  if (bits > 0) encoded += FLYTE_BASE32_ALPHABET[(buffer << (5 - bits)) & 31]!;
  return encoded;
}

/**
 * Decodes Flyte base32 (see {@link encodeFlyteBase32}).
 *
 * It accepts exactly what Flyte's encoder can produce, plus trailing `=` padding, and throws a
 * {@link WireFormatError} (`InvalidBase32`) naming the offending character and position otherwise.
 * This is deliberately not byte-for-byte Go's `DecodeString` with `NoPadding`, which (as of Go 1.21)
 * rejects `=` anywhere, silently skips `\r` and `\n`, silently drops a final group of 1, 3 or 6
 * characters and ignores non-zero unused bits. None of those inputs can come from Flyte's encoder;
 * refusing the lossy ones means a corrupted annotation is reported rather than half-read.
 */
export function decodeFlyteBase32(text: string): Uint8Array {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x3d /* = */) end--;
  const padded = end < text.length;

  const remainder = end % 8;
  // One pass checks and decodes: the first character outside the alphabet is reported before the length.
  const out = new Uint8Array(Math.floor((end * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let written = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? DECODE_TABLE[code]! : -1;
    if (value === -1) throw invalidCharacter(text, i);
    // At most 7 bits are pending before a character is added, so 12 bits of buffer are enough.
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[written++] = (buffer >>> bits) & 0xff;
    }
  }

  if (IMPOSSIBLE_REMAINDERS.has(remainder)) {
    throw new WireFormatError(
      WireFormatErrorCode.InvalidBase32,
      `not Flyte base32 (length ${end}${padded ? ' before "=" padding' : ''} is impossible: ` +
        `its final group of ${remainder} character${remainder === 1 ? '' : 's'} cannot end on a byte; ` +
        `accepted: lengths whose remainder mod 8 is 0, 2, 4, 5 or 7)`,
    );
  }

  // The unused low bits of the last character are zero in anything an encoder wrote; anything else
  // means the value was altered, and the altered bits would otherwise vanish unnoticed.
  if ((buffer & ((1 << bits) - 1)) !== 0) {
    throw new WireFormatError(
      WireFormatErrorCode.InvalidBase32,
      `not Flyte base32 (character ${JSON.stringify(text[end - 1])} at ${end - 1} has non-zero unused ` + `low bits; accepted: the canonical encoding, whose last character leaves those bits zero)`,
    );
  }
  return out;
}

function invalidCharacter(text: string, index: number): WireFormatError {
  const codePoint = text.codePointAt(index)!;
  const shown = JSON.stringify(String.fromCodePoint(codePoint));
  let accepted = ACCEPTED;
  if (codePoint === 0x3d) accepted += ', with "=" only as trailing padding';
  else if (codePoint >= 0x41 && codePoint <= 0x5a) accepted += ' (lower case only)';
  else if (codePoint === 0x30 || (codePoint >= 0x37 && codePoint <= 0x39)) accepted += ' (digits 0, 7, 8 and 9 are not used)';
  return new WireFormatError(WireFormatErrorCode.InvalidBase32, `not Flyte base32 (character ${shown} at ${index}; accepted: ${accepted})`);
}

import { decodeText } from './ascii-text.js';
import { MountRequirement, type SecretRequest } from '../secret/secret-request.js';
import { parseGoInt32 } from './go-integer.js';
import { SecretTextTokenizer, type SecretTextToken } from './secret-text-tokenizer.js';
import { WireFormatError, WireFormatErrorCode, quoteForMessage } from './wire-format-error.js';

// Flyte stores each requested secret as the protobuf *text* of core.Secret, written by golang/protobuf's
// proto.MarshalTextString and read back by proto.UnmarshalText (flytepropeller/pkg/utils/secrets/
// marshaler.go). The base32 of that text is what lands in the annotation, so the text must match Go's
// byte for byte: field order, spacing, enum names and string escaping all change the annotation value.

type StringProperty = 'group' | 'groupVersion' | 'key' | 'envVar';

/** core.Secret's fields in field-number order, which is the order Go writes them in. */
const FIELDS = [
  { name: 'group', property: 'group' },
  { name: 'group_version', property: 'groupVersion' },
  { name: 'key', property: 'key' },
  { name: 'mount_requirement', property: 'mountRequirement' },
  { name: 'env_var', property: 'envVar' },
] as const;

type FieldName = (typeof FIELDS)[number]['name'];

const FIELD_NAMES: readonly string[] = FIELDS.map((field) => field.name);
const FIELD_BY_NAME: ReadonlyMap<string, (typeof FIELDS)[number]> = new Map(FIELDS.map((field) => [field.name, field]));
const ACCEPTED_FIELDS = FIELD_NAMES.join(', ');
const MOUNT_NAMES: ReadonlyMap<number, string> = new Map([
  [MountRequirement.ANY, 'ANY'],
  [MountRequirement.ENV_VAR, 'ENV_VAR'],
  [MountRequirement.FILE, 'FILE'],
]);
const MOUNT_BY_NAME: ReadonlyMap<string, MountRequirement> = new Map([...MOUNT_NAMES].map(([number, name]) => [name, number]));
const ACCEPTED_MOUNTS = 'ANY, ENV_VAR, FILE, or the numbers 0, 1, 2';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const utf8 = new TextEncoder();
// Go strings are bytes and golang/protobuf does not validate them; JS strings cannot hold invalid
// UTF-8, so such bytes become U+FFFD. ignoreBOM keeps a leading U+FEFF, which is part of the value.
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * `proto.MarshalTextString(&core.Secret{...})` as golang/protobuf v1.4+ writes it: one `name: value`
 * line per non-zero field in field-number order, the enum by name, strings double-quoted with Go's
 * byte-wise escaping. Throws a {@link WireFormatError} for a mount requirement other than ANY,
 * ENV_VAR or FILE (Flyte refuses those before marshalling too) and for a string with a lone
 * surrogate, which has no UTF-8 form and so could not come back unchanged.
 */
export function formatSecretText(secret: SecretRequest): string {
  const mountName = MOUNT_NAMES.get(secret.mountRequirement);
  if (mountName === undefined) {
    throw new WireFormatError(WireFormatErrorCode.InvalidMountRequirement, `mount requirement ${quoteForMessage(String(secret.mountRequirement))} cannot be encoded (accepted: ${ACCEPTED_MOUNTS})`);
  }
  let text = '';
  for (const field of FIELDS) {
    if (field.property === 'mountRequirement') {
      if (secret.mountRequirement !== MountRequirement.ANY) text += `${field.name}: ${mountName}\n`;
    } else if (secret[field.property] !== '') {
      text += `${field.name}: ${quoteProtoString(field.name, secret[field.property])}\n`;
    }
  }
  return text;
}

// golang/protobuf's writeQuotedString: escapes only \n \r \t " \ by name, keeps printable ASCII, and
// writes every other byte -- including each byte of a multi-byte UTF-8 character -- as \ooo.
function quoteProtoString(fieldName: string, value: string): string {
  if (LONE_SURROGATE.test(value)) {
    throw new WireFormatError(WireFormatErrorCode.InvalidString, `${fieldName} ${quoteForMessage(value)} contains a lone UTF-16 surrogate (accepted: text that can be written as UTF-8)`);
  }
  let quoted = '"';
  for (const byte of utf8.encode(value)) {
    switch (byte) {
      case 0x0a:
        quoted += '\\n';
        break;
      case 0x0d:
        quoted += '\\r';
        break;
      case 0x09:
        quoted += '\\t';
        break;
      case 0x22:
        quoted += '\\"';
        break;
      case 0x5c:
        quoted += '\\\\';
        break;
      default:
        quoted += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\${byte.toString(8).padStart(3, '0')}`;
    }
  }
  return `${quoted}"`;
}

/**
 * Reads `core.Secret` protobuf text as golang/protobuf v1.4+ `proto.UnmarshalText` does
 * (proto/text_decode.go), so anything Flyte's webhook accepts is accepted here and vice versa:
 *
 * - whitespace (space, tab, CR, LF) and `#` comments between tokens; an optional `;` or `,` after
 *   each field;
 * - `name: value` with the proto field names only (Go does not accept JSON names such as
 *   `groupVersion`); the colon is required, as Go requires it for scalar fields;
 * - strings in single or double quotes, adjacent literals concatenated, with C-style escapes,
 *   exactly-3-digit octal, exactly-2-digit `\x`, and `\u`/`\U` escapes;
 * - the mount requirement by name (`ANY`, `ENV_VAR`, `FILE`) or as a Go integer literal;
 * - empty input, giving the all-zero request.
 *
 * Where Go fails, this throws a {@link WireFormatError} (`InvalidSecretText`, or
 * `InvalidMountRequirement` for the mount value) naming the line, column and what is accepted:
 * unknown fields, a field given twice (Go: "non-repeated field was repeated"), a missing colon,
 * unterminated strings and bad escapes. It also refuses a mount number other than 0, 1 or 2, which Go
 * would store: no injector can honour a mount type that does not exist.
 *
 * Go keeps string bytes as they are, even when not UTF-8; here invalid UTF-8 becomes U+FFFD, since a
 * JS string cannot hold it. Go's formatter never produces such bytes from a valid Go string.
 */
export function parseSecretText(bytes: Uint8Array): SecretRequest {
  const tokens = new SecretTextTokenizer(bytes);
  const strings: Record<StringProperty, string> = { group: '', groupVersion: '', key: '', envVar: '' };
  let mountRequirement = MountRequirement.ANY;
  const seen = new Set<FieldName>();

  for (let nameToken = tokens.next(); nameToken.kind !== 'end'; nameToken = tokens.next()) {
    const field = lookUpField(tokens, nameToken);
    if (seen.has(field.name)) {
      throw tokens.errorAt(nameToken.offset, `field ${field.name} is given twice (accepted: each field at most once, as golang/protobuf requires)`);
    }
    seen.add(field.name);

    const colon = tokens.next();
    if (colon.kind !== 'symbol' || colon.text !== ':') {
      throw tokens.errorAt(colon.offset, `expected ":" after field name ${field.name}, found ${describe(colon)} (accepted: ${field.name}: <value>)`);
    }

    const value = tokens.next();
    if (field.property === 'mountRequirement') {
      mountRequirement = readMountRequirement(tokens, value);
    } else if (value.kind === 'string') {
      strings[field.property] = decodeText(value.bytes, lenientUtf8);
    } else {
      throw tokens.errorAt(value.offset, `field ${field.name} expects a quoted string, found ${describe(value)} (accepted: "text" or 'text')`);
    }

    const separator = tokens.next();
    if (separator.kind !== 'symbol' || (separator.text !== ';' && separator.text !== ',')) tokens.back(separator);
  }

  return { group: strings.group, groupVersion: strings.groupVersion, key: strings.key, mountRequirement, envVar: strings.envVar };
}

function lookUpField(tokens: SecretTextTokenizer, token: SecretTextToken): (typeof FIELDS)[number] {
  if (token.kind === 'symbol' && token.text === '[') {
    throw tokens.errorAt(token.offset, `extension and Any fields ("[...]") are not part of core.Secret (accepted fields: ${ACCEPTED_FIELDS})`);
  }
  if (token.kind !== 'word') {
    throw tokens.errorAt(token.offset, `expected a field name, found ${describe(token)} (accepted fields: ${ACCEPTED_FIELDS})`);
  }
  const field = FIELD_BY_NAME.get(token.text);
  if (field !== undefined) return field;
  // A likely mistake is the JSON spelling, which golang's text parser does not accept either.
  const snake = FIELDS.find((candidate) => candidate.property === token.text);
  const hint = snake !== undefined && snake.name !== token.text ? `; write ${snake.name}, not ${token.text}` : '';
  throw tokens.errorAt(token.offset, `unknown field ${quoteForMessage(token.text)} in core.Secret (accepted fields: ${ACCEPTED_FIELDS}${hint})`);
}

function readMountRequirement(tokens: SecretTextTokenizer, token: SecretTextToken): MountRequirement {
  const fail = (problem: string): WireFormatError => tokens.errorAt(token.offset, `${problem} (accepted: ${ACCEPTED_MOUNTS})`, WireFormatErrorCode.InvalidMountRequirement);
  if (token.kind !== 'word') throw fail(`mount_requirement expects an enum name or number, found ${describe(token)}`);
  const number = parseGoInt32(token.text);
  if (number !== undefined) {
    const known = MOUNT_NAMES.has(number);
    // golang/protobuf stores any int32 in an open proto3 enum, but Flyte's injectors have no case
    // for an unknown mount type; refusing it here names the problem instead of failing later.
    if (!known) throw fail(`mount_requirement ${quoteForMessage(token.text)} is not a known mount type`);
    return number;
  }
  const byName = MOUNT_BY_NAME.get(token.text);
  if (byName === undefined) throw fail(`mount_requirement ${quoteForMessage(token.text)} is not a mount type; names are case-sensitive`);
  return byName;
}

// Names a token in a message without echoing string contents, which may be long or private.
function describe(token: SecretTextToken): string {
  switch (token.kind) {
    case 'end':
      return 'the end of the text';
    case 'string':
      return 'a quoted string';
    default:
      return quoteForMessage(token.text);
  }
}

import { MountRequirement, type SecretRequest } from '../secret/secret-request.js';
import { WireFormatError, WireFormatErrorCode, quoteForMessage } from './wire-format-error.js';

// The hand-written form of one secret request: `group=db,key=password,mount=file,envVar=DB_PASSWORD_FILE`.
// It carries exactly the fields of Flyte's core.Secret, so it decodes into the same SecretRequest.
//
// Grammar: fields separated by `,`; each field is `name=value`, split at its first `=` (later `=` are
// part of the value, so base64 needs no escaping). Spaces, tabs and line breaks around names and values
// are ignored, so a YAML folded scalar works. A backslash makes the next character literal, and only
// these may follow it: `,` `=` `\` or a space, tab or line break (to keep one at either end of a value).

type StringField = 'group' | 'groupVersion' | 'key' | 'envVar';

/** The field names, in the order {@link formatReadableSecret} writes them. */
export const READABLE_SECRET_FIELDS = ['group', 'groupVersion', 'key', 'mount', 'envVar'] as const;

const ACCEPTED_FIELDS = READABLE_SECRET_FIELDS.join(', ');
const MOUNTS: ReadonlyMap<string, MountRequirement> = new Map([
  ['any', MountRequirement.ANY],
  ['env', MountRequirement.ENV_VAR],
  ['env_var', MountRequirement.ENV_VAR],
  ['file', MountRequirement.FILE],
]);
const ACCEPTED_MOUNTS = 'any, env (or env_var), file; any case';
const MOUNT_WORDS: ReadonlyMap<MountRequirement, string> = new Map([
  [MountRequirement.ANY, 'any'],
  [MountRequirement.ENV_VAR, 'env'],
  [MountRequirement.FILE, 'file'],
]);
const ESCAPABLE = new Set([',', '=', '\\', ' ', '\t', '\n', '\r']);
const BLANK = new Set([' ', '\t', '\n', '\r']);
const EXAMPLE = 'group=db,key=password,mount=file';

/** One character of the text and whether a backslash made it literal. */
interface Char {
  readonly text: string;
  readonly escaped: boolean;
}

function refuse(problem: string): never {
  throw new WireFormatError(WireFormatErrorCode.InvalidReadableSecret, problem);
}

/** The characters of `text` with escapes resolved; refuses a dangling or unknown escape. */
function scan(text: string): Char[] {
  const chars: Char[] = [];
  const points = [...text];
  for (let index = 0; index < points.length; index++) {
    const point = points[index]!;
    if (point !== '\\') {
      chars.push({ text: point, escaped: false });
      continue;
    }
    const next = points[index + 1];
    if (next === undefined) refuse(`ends with a lone backslash (accepted after "\\": , = \\ or a space, tab or line break)`);
    if (!ESCAPABLE.has(next)) {
      refuse(`"\\${next}" at character ${index + 1} is not an escape (accepted after "\\": , = \\ or a space, tab or line break)`);
    }
    chars.push({ text: next, escaped: true });
    index += 1;
  }
  return chars;
}

/** Splits at every unescaped `separator`. */
function split(chars: readonly Char[], separator: string, limit = Infinity): Char[][] {
  const parts: Char[][] = [[]];
  for (const char of chars) {
    if (!char.escaped && char.text === separator && parts.length < limit) parts.push([]);
    else parts[parts.length - 1]!.push(char);
  }
  return parts;
}

/** The text of `chars` without the unescaped blanks at either end. */
function trimmed(chars: readonly Char[]): string {
  let start = 0;
  let end = chars.length;
  while (start < end && !chars[start]!.escaped && BLANK.has(chars[start]!.text)) start++;
  while (end > start && !chars[end - 1]!.escaped && BLANK.has(chars[end - 1]!.text)) end--;
  return chars
    .slice(start, end)
    .map((char) => char.text)
    .join('');
}

function parseMount(value: string): MountRequirement {
  const mount = MOUNTS.get(value.toLowerCase());
  if (mount === undefined) refuse(`field "mount": ${quoteForMessage(value)} is not a mount requirement (accepted: ${ACCEPTED_MOUNTS})`);
  return mount;
}

/**
 * Reads the readable form of one secret request, e.g. `group=db,key=password,mount=file`. Fields not
 * given take Flyte's zero values (mount `any`). Throws a {@link WireFormatError} with code
 * `InvalidReadableSecret` whose message names the field and what would be accepted.
 */
export function parseReadableSecret(text: string): SecretRequest {
  const chars = scan(text);
  if (trimmed(chars) === '') refuse(`is empty (accepted: name=value fields separated by commas, e.g. ${EXAMPLE})`);
  const fields = new Map<string, string>();
  for (const [index, segment] of split(chars, ',').entries()) {
    const [nameChars, valueChars] = split(segment, '=', 2);
    const name = trimmed(nameChars!);
    if (valueChars === undefined) {
      if (name === '') refuse(`field ${index + 1} is empty (a stray comma? accepted: name=value fields separated by commas, e.g. ${EXAMPLE})`);
      refuse(`field ${quoteForMessage(name)} has no "=" (accepted: name=value, e.g. key=password)`);
    }
    if (!(READABLE_SECRET_FIELDS as readonly string[]).includes(name)) {
      refuse(`${name === '' ? `field ${index + 1} has no name` : `unknown field ${quoteForMessage(name)}`} (accepted: ${ACCEPTED_FIELDS})`);
    }
    if (fields.has(name)) refuse(`field "${name}" is given twice (accepted: each field at most once)`);
    const value = trimmed(valueChars);
    if (value === '') refuse(`field "${name}" is empty (accepted: a value, or leave the field out to leave it unset)`);
    fields.set(name, value);
  }
  const group = fields.get('group') ?? '';
  const key = fields.get('key') ?? '';
  if (group === '' && key === '') refuse(`names neither a group nor a key (accepted: at least one of group=..., key=...; e.g. ${EXAMPLE})`);
  const mount = fields.get('mount');
  return {
    group,
    groupVersion: fields.get('groupVersion') ?? '',
    key,
    mountRequirement: mount === undefined ? MountRequirement.ANY : parseMount(mount),
    envVar: fields.get('envVar') ?? '',
  };
}

function escapeValue(value: string): string {
  const points = [...value];
  return points
    .map((point, index) => {
      if (point === ',' || point === '\\') return `\\${point}`;
      // Blanks are trimmed at the ends, so only there do they need a backslash.
      if (BLANK.has(point) && (points.slice(0, index).every((p) => BLANK.has(p)) || points.slice(index + 1).every((p) => BLANK.has(p)))) {
        return `\\${point}`;
      }
      return point;
    })
    .join('');
}

/**
 * The readable form of `secret`, which {@link parseReadableSecret} reads back unchanged: its set fields
 * in the order group, groupVersion, key, mount, envVar, with `mount` left out when it is `any`. Throws a
 * {@link WireFormatError} for a secret with neither group nor key, or an unknown mount requirement.
 */
export function formatReadableSecret(secret: SecretRequest): string {
  if (secret.group === '' && secret.key === '') refuse('names neither a group nor a key (accepted: at least one of them)');
  const mount = MOUNT_WORDS.get(secret.mountRequirement);
  if (mount === undefined) {
    throw new WireFormatError(WireFormatErrorCode.InvalidMountRequirement, `mount requirement ${quoteForMessage(String(secret.mountRequirement))} cannot be written (accepted: ANY, ENV_VAR, FILE)`);
  }
  const fields: string[] = [];
  const add = (name: StringField): void => {
    if (secret[name] !== '') fields.push(`${name}=${escapeValue(secret[name])}`);
  };
  add('group');
  add('groupVersion');
  add('key');
  if (secret.mountRequirement !== MountRequirement.ANY) fields.push(`mount=${mount}`);
  add('envVar');
  return fields.join(',');
}

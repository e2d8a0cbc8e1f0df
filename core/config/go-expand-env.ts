// Go's os.Expand treats these as one-character names after "$" ($1, $?, ...).
const SPECIAL = '*#$@!?-0123456789';
const NAME_CHAR = /[A-Za-z0-9_]/;

/** The name after a "$" and the characters it takes, as Go's getShellName reads them. */
function shellName(text: string): [name: string, width: number] {
  if (text.startsWith('{')) {
    if (text.length > 2 && SPECIAL.includes(text[1]!) && text[2] === '}') return [text[1]!, 3];
    const close = text.indexOf('}', 1);
    // "${}" and an unclosed "${" are bad syntax, which Go drops.
    if (close === 1) return ['', 2];
    if (close === -1) return ['', 1];
    return [text.slice(1, close), close + 1];
  }
  if (SPECIAL.includes(text[0]!)) return [text[0]!, 1];
  let width = 0;
  while (width < text.length && NAME_CHAR.test(text[width]!)) width += 1;
  return [text.slice(0, width), width];
}

/**
 * `text` with `$NAME` and `${NAME}` replaced by their values in `env` (unset: empty), exactly as Go's
 * `os.ExpandEnv`, which Flyte applies to `webhook.certDir`: a "$" not followed by a name stays, bad
 * syntax such as "${}" is dropped.
 */
export function expandGoEnv(text: string, env: Readonly<Record<string, string | undefined>>): string {
  let result = '';
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    if (text[index] !== '$' || index + 1 >= text.length) continue;
    result += text.slice(start, index);
    const [name, width] = shellName(text.slice(index + 1));
    if (name !== '') result += env[name] ?? '';
    else if (width === 0) result += '$';
    index += width;
    start = index + 1;
  }
  return result + text.slice(start);
}

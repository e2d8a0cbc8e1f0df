/**
 * `text` as one POSIX shell word that the shell reads back byte for byte: wrapped in single quotes,
 * inside which nothing is special, with each `'` written as `'\''` (close, escaped quote, reopen).
 * Commands that podsecrets builds from a pod's request quote every request field this way, so a
 * group holding spaces, quotes, `;` or `$(...)` stays one argument and never becomes shell syntax.
 */
export function shellQuote(text: string): string {
  if (text.includes('\0')) throw new Error('a shell argument cannot hold a NUL byte');
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

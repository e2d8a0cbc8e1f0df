// Go's strings.ToUpper/ToLower apply Unicode *simple* case mapping, one rune to one rune, while
// String.prototype.toUpperCase applies full mapping ('ß' becomes 'SS'). Mapping each code point on
// its own and keeping it where JS would change its length gives Go's result.

function mapEachCodePoint(text: string, map: (codePoint: string) => string): string {
  let out = '';
  for (const codePoint of text) {
    const mapped = map(codePoint);
    out += [...mapped].length === 1 ? mapped : codePoint;
  }
  return out;
}

/** Go's `strings.ToUpper`. */
export function goUpper(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text) ? text.toUpperCase() : mapEachCodePoint(text, (c) => c.toUpperCase());
}

/** Go's `strings.ToLower`. */
export function goLower(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text) ? text.toLowerCase() : mapEachCodePoint(text, (c) => c.toLowerCase());
}

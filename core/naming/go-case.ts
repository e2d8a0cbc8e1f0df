// Go's strings.ToUpper/ToLower apply Unicode *simple* case mapping, one rune to one rune, while
// String.prototype.toUpperCase applies full mapping ('ß' becomes 'SS'). Mapping each code point on
// its own and keeping it where JS would change its length gives Go's result, except for the few
// characters whose full mapping is longer but whose simple mapping still changes them (SpecialCasing.txt
// against UnicodeData.txt): those are listed here.

const SIMPLE_UPPER = new Map<number, number>([
  [0x1fb3, 0x1fbc],
  [0x1fc3, 0x1fcc],
  [0x1ff3, 0x1ffc],
]);
// The Greek letters with ypogegrammeni: U+1F80..U+1F87, U+1F90..U+1F97, U+1FA0..U+1FA7 map to their prosgegrammeni forms.
for (const start of [0x1f80, 0x1f90, 0x1fa0]) {
  for (let offset = 0; offset < 8; offset++) SIMPLE_UPPER.set(start + offset, start + offset + 8);
}
// Capital I with dot above: full lower-case mapping is 'i' + combining dot, simple mapping is 'i'.
const SIMPLE_LOWER = new Map<number, number>([[0x130, 0x69]]);

function mapEachCodePoint(text: string, map: (codePoint: string) => string, exceptions: ReadonlyMap<number, number>): string {
  let out = '';
  for (const codePoint of text) {
    const exception = exceptions.get(codePoint.codePointAt(0)!);
    if (exception !== undefined) {
      out += String.fromCodePoint(exception);
      continue;
    }
    const mapped = map(codePoint);
    out += [...mapped].length === 1 ? mapped : codePoint;
  }
  return out;
}

/** Go's `strings.ToUpper`. */
export function goUpper(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text) ? text.toUpperCase() : mapEachCodePoint(text, (c) => c.toUpperCase(), SIMPLE_UPPER);
}

/** Go's `strings.ToLower`. */
export function goLower(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text) ? text.toLowerCase() : mapEachCodePoint(text, (c) => c.toLowerCase(), SIMPLE_LOWER);
}

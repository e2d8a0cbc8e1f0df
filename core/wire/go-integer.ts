// golang/protobuf's text parser reads an enum given by number with strconv.ParseInt(token, 0, 32), so
// the numbers it accepts are Go integer literals: an optional sign, then decimal, 0x/0X hex, 0o/0O or
// leading-0 octal, or 0b/0B binary, with single underscores allowed between digits. Mirroring that
// keeps this parser from accepting or refusing an annotation that Flyte's webhook would treat otherwise.

const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN_MAGNITUDE = 2 ** 31;

/**
 * Go's `strconv.ParseInt(text, 0, 32)`: the value, or `undefined` where Go returns a syntax or range
 * error.
 */
export function parseGoInt32(text: string): number | undefined {
  let unsigned = text;
  let negative = false;
  if (unsigned.startsWith('+') || unsigned.startsWith('-')) {
    negative = unsigned.startsWith('-');
    unsigned = unsigned.slice(1);
  }
  const magnitude = parseGoUnsigned(unsigned);
  if (magnitude === undefined) return undefined;
  if (negative) return magnitude > INT32_MIN_MAGNITUDE ? undefined : -magnitude || 0;
  return magnitude > INT32_MAX ? undefined : magnitude;
}

// strconv.ParseUint(text, 0, 32) without the sign; stops counting once past int32's range, since the
// caller rejects such values anyway and a long digit string must not lose precision into a false match.
function parseGoUnsigned(text: string): number | undefined {
  if (text === '') return undefined;
  let base = 10;
  let digits = text;
  if (text[0] === '0') {
    const prefix = text.length >= 3 ? text[1]!.toLowerCase() : '';
    if (prefix === 'b' || prefix === 'o' || prefix === 'x') {
      base = prefix === 'b' ? 2 : prefix === 'o' ? 8 : 16;
      digits = text.slice(2);
    } else {
      // A bare leading zero means octal in Go, as in C: "010" is eight.
      base = 8;
      digits = text.slice(1);
    }
  }
  let value = 0;
  let sawUnderscore = false;
  for (const char of digits) {
    if (char === '_') {
      sawUnderscore = true;
      continue;
    }
    const digit = Number.parseInt(char, 36);
    if (Number.isNaN(digit) || digit >= base) return undefined;
    value = Math.min(value * base + digit, INT32_MIN_MAGNITUDE + 1);
  }
  if (sawUnderscore && !underscoresAllowed(text)) return undefined;
  return value;
}

// Go's strconv.underscoreOK: an underscore must sit between two digits, or between a base prefix
// and a digit.
function underscoresAllowed(text: string): boolean {
  let last: 'start' | 'digit' | 'underscore' | 'other' = 'start';
  let i = 0;
  let hex = false;
  if (text.length >= 2 && text[0] === '0' && 'box'.includes(text[1]!.toLowerCase())) {
    i = 2;
    last = 'digit';
    hex = text[1]!.toLowerCase() === 'x';
  }
  for (; i < text.length; i++) {
    const char = text[i]!;
    if ((char >= '0' && char <= '9') || (hex && /^[a-fA-F]$/.test(char))) {
      last = 'digit';
    } else if (char === '_') {
      if (last !== 'digit') return false;
      last = 'underscore';
    } else {
      if (last === 'underscore') return false;
      last = 'other';
    }
  }
  return last !== 'underscore';
}

import { decodeText } from './ascii-text.js';
import { WireFormatError, WireFormatErrorCode, quoteForMessage } from './wire-format-error.js';

// A tokenizer for protobuf text as golang/protobuf v1.4+ reads it (proto/text_decode.go, the
// `textParser` that `proto.UnmarshalText` uses; Flyte pins github.com/golang/protobuf v1.5.x).
// It works on bytes, like Go, so offsets in messages are byte offsets and string escapes produce
// bytes rather than UTF-16 code units.

/** One token: `end` at the end of input, a one-character `symbol`, a `word` (name or number), or a `string`. */
export type SecretTextToken =
  | { readonly kind: 'end'; readonly offset: number }
  | { readonly kind: 'symbol' | 'word'; readonly text: string; readonly offset: number }
  | { readonly kind: 'string'; readonly bytes: Uint8Array; readonly offset: number };

/** What escape sequences a quoted string may use, for messages. */
export const ACCEPTED_ESCAPES = String.raw`\a \b \f \n \r \t \v \\ \' \" \?, \ooo (exactly 3 octal digits, at most \377), ` + String.raw`\xHH (exactly 2 hex digits), \uHHHH and \UHHHHHHHH`;

// Indexed by byte: 1 for the one-character symbols. A table lookup per byte costs less than a Set's.
const SYMBOLS: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (const symbol of '<>{}:[];,/') table[symbol.charCodeAt(0)] = 1;
  return table;
})();
// The byte each single-letter escape stands for, keyed by the letter's byte.
const SIMPLE_ESCAPES: ReadonlyMap<number, number> = new Map(
  Object.entries({ a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '?': 0x3f, "'": 0x27, '"': 0x22, '\\': 0x5c }).map(([letter, byte]): [number, number] => [letter.charCodeAt(0), byte]),
);
const HEX_ESCAPE_DIGITS = new Map<string, number>([
  ['x', 2],
  ['X', 2],
  ['u', 4],
  ['U', 8],
]);
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

// Only checks that bytes are UTF-8; what it decodes is thrown away.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
// For words (pure ASCII) and for quoting escape sequences in messages, which need not be UTF-8.
const lenientText = new TextDecoder('utf-8');
const utf8 = new TextEncoder();

/** Splits protobuf text into tokens; {@link SecretTextTokenizer.next} throws on a malformed token. */
export class SecretTextTokenizer {
  readonly #input: Uint8Array;
  #position = 0;
  #pushedBack: SecretTextToken | undefined;

  constructor(input: Uint8Array) {
    this.#input = input;
  }

  /** The next token; adjacent quoted strings come back as one, concatenated, as in Go and C++. */
  next(): SecretTextToken {
    if (this.#pushedBack !== undefined) {
      const token = this.#pushedBack;
      this.#pushedBack = undefined;
      return token;
    }
    this.#skipWhitespaceAndComments();
    const offset = this.#position;
    if (offset >= this.#input.length) return { kind: 'end', offset };
    const byte = this.#input[offset]!;
    if (SYMBOLS[byte] === 1) {
      this.#position++;
      return { kind: 'symbol', text: String.fromCharCode(byte), offset };
    }
    if (isQuote(byte)) return { kind: 'string', bytes: this.#readConcatenatedStrings(), offset };
    let end = offset;
    while (end < this.#input.length && isWordByte(this.#input[end]!)) end++;
    if (end === offset) {
      const shown = byte >= 0x20 && byte < 0x7f ? JSON.stringify(String.fromCharCode(byte)) : `byte 0x${byte.toString(16).padStart(2, '0')}`;
      throw this.errorAt(offset, `unexpected ${shown} (accepted: field names, ":", quoted strings, enum names, numbers, ";" or "," separators and "#" comments)`);
    }
    this.#position = end;
    // A decoder, unlike spreading bytes into fromCharCode, copes with a word of any length.
    return { kind: 'word', text: decodeText(this.#input, lenientText, offset, end), offset };
  }

  /** Makes the next {@link next} return `token` again; golang's parser peeks the same way. */
  back(token: SecretTextToken): void {
    this.#pushedBack = token;
  }

  /** A {@link WireFormatError} whose message locates `offset` as line and column (both in bytes, from 1). */
  errorAt(offset: number, problem: string, code: WireFormatErrorCode = WireFormatErrorCode.InvalidSecretText): WireFormatError {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
      if (this.#input[i] === NEWLINE) {
        line++;
        lineStart = i + 1;
      }
    }
    return new WireFormatError(code, `secret text is invalid at line ${line}, column ${offset - lineStart + 1}: ${problem}`);
  }

  #skipWhitespaceAndComments(): void {
    const input = this.#input;
    while (this.#position < input.length) {
      const byte = input[this.#position]!;
      if (byte === 0x23 /* # */) {
        while (this.#position < input.length && input[this.#position] !== NEWLINE) this.#position++;
      } else if (byte === 0x20 || byte === 0x09 || byte === NEWLINE || byte === 0x0d) {
        // Go's isWhitespace: no \v or \f, unlike C's isspace.
        this.#position++;
      } else {
        return;
      }
    }
  }

  #readConcatenatedStrings(): Uint8Array {
    const first = this.#readString();
    this.#skipWhitespaceAndComments();
    // The usual case, one literal: its bytes are already the token's own, without the list and the sum.
    if (!isQuote(this.#input[this.#position])) return first;
    const parts: Uint8Array[] = [first];
    do {
      parts.push(this.#readString());
      this.#skipWhitespaceAndComments();
    } while (isQuote(this.#input[this.#position]));
    const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let at = 0;
    for (const part of parts) {
      joined.set(part, at);
      at += part.length;
    }
    return joined;
  }

  // One quoted literal starting at this.#position, in bytes of its own. Go scans to the matching quote,
  // stepping over the byte after each backslash, and gives up at a raw newline: strings cannot span lines.
  #readString(): Uint8Array {
    const input = this.#input;
    const start = this.#position;
    const quote = input[start]!;
    let i = start + 1;
    let escaped = false;
    while (i < input.length && input[i] !== quote && input[i] !== NEWLINE) {
      // A backslash as the last byte steps past the end: the string is then unterminated.
      if (input[i] === BACKSLASH) {
        escaped = true;
        i++;
      }
      i++;
    }
    if (input[i] !== quote) {
      const quoteName = quote === 0x22 ? 'double' : 'single';
      throw this.errorAt(start, `unterminated string (accepted: a ${quoteName}-quoted string closed by the same quote on the same line; write a newline as \\n)`);
    }
    this.#position = i + 1;
    // golang's unquoteC: a literal without a backslash is taken byte for byte, even if it is not UTF-8.
    return escaped ? this.#unescape(start + 1, i) : input.slice(start + 1, i);
  }

  // A literal with a backslash must be valid UTF-8 throughout before its escapes are expanded (unquoteC).
  #unescape(from: number, to: number): Uint8Array {
    const content = this.#input.subarray(from, to);
    try {
      strictUtf8.decode(content);
    } catch {
      throw this.errorAt(from, 'a quoted string with escapes contains bytes that are not UTF-8 (accepted: valid UTF-8, as golang/protobuf requires once a string has escapes)');
    }
    const out: number[] = [];
    let i = 0;
    while (i < content.length) {
      const byte = content[i]!;
      if (byte !== BACKSLASH) {
        out.push(byte);
        i++;
        continue;
      }
      i += this.#expandEscape(content, i, from, out);
    }
    return Uint8Array.from(out);
  }

  // Expands the escape whose backslash is at content[at]; returns how many bytes it spans.
  #expandEscape(content: Uint8Array, at: number, contentOffset: number, out: number[]): number {
    const fail = (length: number, problem: string): WireFormatError => {
      // Escapes are short and mostly ASCII, so they read best unquoted: \q rather than "\\q".
      const sequence = lenientText.decode(content.subarray(at, Math.min(at + length, content.length)));
      // eslint-disable-next-line no-control-regex
      const shown = /^[^\x00-\x20\x7f]+$/.test(sequence) ? sequence : quoteForMessage(sequence);
      return this.errorAt(contentOffset + at, `escape ${shown} ${problem} (accepted: ${ACCEPTED_ESCAPES})`);
    };
    // #readString steps over the byte after every backslash, so a literal never ends on a lone one.
    const letter = content[at + 1]!;
    const simple = SIMPLE_ESCAPES.get(letter);
    if (simple !== undefined) {
      out.push(simple);
      return 2;
    }
    if (letter >= 0x30 && letter <= 0x37) {
      const digits = String.fromCharCode(...content.subarray(at + 1, at + 4));
      if (!/^[0-7]{3}$/.test(digits)) throw fail(4, 'needs exactly 3 octal digits');
      const value = Number.parseInt(digits, 8);
      if (value > 0xff) throw fail(4, 'is above \\377 and does not fit in a byte');
      out.push(value);
      return 4;
    }
    const letterChar = String.fromCharCode(letter);
    const width = HEX_ESCAPE_DIGITS.get(letterChar);
    if (width === undefined) {
      // Show the whole character after the backslash, which may be several UTF-8 bytes.
      const charLength = letter < 0x80 ? 1 : letter < 0xe0 ? 2 : letter < 0xf0 ? 3 : 4;
      throw fail(1 + charLength, 'is unknown');
    }
    const digits = String.fromCharCode(...content.subarray(at + 2, at + 2 + width));
    if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(digits)) {
      throw fail(2 + width, `needs exactly ${width} hex digits`);
    }
    const value = Number.parseInt(digits, 16);
    if (width === 2) {
      out.push(value);
    } else if (value > 0x10ffff) {
      throw fail(2 + width, 'is above U+10FFFF, so not a Unicode code point');
    } else {
      // Go's string(rune(i)) turns a surrogate, which UTF-8 cannot carry, into U+FFFD; so does
      // TextEncoder, for the lone surrogate String.fromCodePoint makes of it.
      out.push(...utf8.encode(String.fromCodePoint(value)));
    }
    return 2 + width;
  }
}

function isQuote(byte: number | undefined): boolean {
  return byte === 0x22 || byte === 0x27;
}

// Go's isIdentOrNumberChar: letters, digits and - + . _ make up names and numbers alike.
function isWordByte(byte: number): boolean {
  return (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x2d || byte === 0x2b || byte === 0x2e || byte === 0x5f;
}

import { expect } from 'chai';
import { decodeText, encodeText } from '../../../core/wire/ascii-text.js';
import { randomText, seededRandom } from './random-secrets.js';

const utf8 = new TextEncoder();
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

// ASCII, every UTF-8 length, lone surrogates (which TextEncoder turns into U+FFFD), and runs longer
// than the direct path takes.
const SAMPLES = ['', 'team-secret-0_', 'é', 'x'.repeat(255) + 'é', '中😀', '\uD800', 'a\uDC00b', 'a'.repeat(300), `${'a'.repeat(300)}é`];

describe('encodeText', () => {
  describe('when given ASCII, other text, or lone surrogates', () => {
    it("should give TextEncoder's bytes", () => {
      const random = seededRandom(3);
      const texts = [...SAMPLES, ...Array.from({ length: 200 }, () => randomText(random, 40))];
      for (const text of texts) expect([...encodeText(text, utf8)], JSON.stringify(text)).to.deep.equal([...utf8.encode(text)]);
    });
  });
});

describe('decodeText', () => {
  describe('when given the bytes of any text, or bytes that are not UTF-8', () => {
    it("should give the decoder's text", () => {
      const random = seededRandom(4);
      const inputs = [...SAMPLES.map((text) => utf8.encode(text)), Uint8Array.of(0xff, 0x41), Uint8Array.of(0x41, 0xc3), ...Array.from({ length: 200 }, () => utf8.encode(randomText(random, 40)))];
      for (const bytes of inputs) expect(decodeText(bytes, lenient), String([...bytes])).to.equal(lenient.decode(bytes));
    });
  });
});

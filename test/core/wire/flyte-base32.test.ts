import { expect } from 'chai';
import { decodeFlyteBase32, encodeFlyteBase32, FLYTE_BASE32_ALPHABET } from '../../../core/wire/flyte-base32.js';
import { WireFormatError } from '../../../core/wire/wire-format-error.js';
import { randomBytes, seededRandom } from './random-secrets.js';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

// RFC 4648 section 10's base32 vectors, with Flyte's alphabet substituted (A-Z -> a-z, 2-7 -> 1-6).
const RFC_VECTORS: ReadonlyArray<readonly [string, string]> = [
  ['', ''],
  ['f', 'my'],
  ['fo', 'mzxq'],
  ['foo', 'mzxw5'],
  ['foob', 'mzxw5yq'],
  ['fooba', 'mzxw5ytb'],
  ['foobar', 'mzxw5ytboi'],
];

function expectBase32Error(text: string, ...fragments: string[]): string {
  let caught: unknown;
  try {
    decodeFlyteBase32(text);
  } catch (error) {
    caught = error;
  }
  expect(caught).to.be.instanceOf(WireFormatError);
  const error = caught as WireFormatError;
  expect(error.code).to.equal('InvalidBase32');
  expect(error.name).to.equal('WireFormatError');
  for (const fragment of fragments) expect(error.message).to.include(fragment);
  return error.message;
}

describe('encodeFlyteBase32', () => {
  describe('when given the RFC 4648 vectors', () => {
    for (const [plain, encoded] of RFC_VECTORS) {
      it(`should encode ${JSON.stringify(plain)} as ${JSON.stringify(encoded)} without padding`, () => {
        expect(encodeFlyteBase32(ascii(plain))).to.equal(encoded);
      });
    }
  });

  describe('when given every 5-bit value', () => {
    it('should use the alphabet in order', () => {
      // 0x00 0x44 0x32 0x14 0xc7 0x42 0x54 0xb6 0x35 0xcf 0x84 0x65 0x3a 0x56 0xd7 0xc6 0x75 0xbe 0x77 0xdf
      // packs the 5-bit values 0..31 in order.
      const bytes = Uint8Array.from([0x00, 0x44, 0x32, 0x14, 0xc7, 0x42, 0x54, 0xb6, 0x35, 0xcf, 0x84, 0x65, 0x3a, 0x56, 0xd7, 0xc6, 0x75, 0xbe, 0x77, 0xdf]);
      expect(encodeFlyteBase32(bytes)).to.equal(FLYTE_BASE32_ALPHABET);
    });
  });
});

describe('decodeFlyteBase32', () => {
  describe('when given the RFC 4648 vectors', () => {
    for (const [plain, encoded] of RFC_VECTORS) {
      it(`should decode ${JSON.stringify(encoded)} to ${JSON.stringify(plain)}`, () => {
        expect(decodeFlyteBase32(encoded)).to.deep.equal(ascii(plain));
      });
    }
  });

  describe('when given the whole alphabet', () => {
    it('should decode each character to its index', () => {
      expect([...decodeFlyteBase32(FLYTE_BASE32_ALPHABET)]).to.deep.equal([0x00, 0x44, 0x32, 0x14, 0xc7, 0x42, 0x54, 0xb6, 0x35, 0xcf, 0x84, 0x65, 0x3a, 0x56, 0xd7, 0xc6, 0x75, 0xbe, 0x77, 0xdf]);
    });
  });

  describe('when round-tripping random bytes of every length up to 64', () => {
    it('should return the original bytes and the unpadded length', () => {
      const random = seededRandom(0xba5e32);
      for (let length = 0; length <= 64; length++) {
        const bytes = randomBytes(random, length);
        const encoded = encodeFlyteBase32(bytes);
        expect(encoded.length, `length ${length}`).to.equal(Math.ceil((length * 8) / 5));
        expect(encoded, `length ${length}`).to.match(/^[a-z1-6]*$/);
        expect(decodeFlyteBase32(encoded), `length ${length}`).to.deep.equal(bytes);
      }
    });
  });

  describe('when the value carries trailing "=" padding', () => {
    it('should ignore the padding', () => {
      expect(decodeFlyteBase32('my======')).to.deep.equal(ascii('f'));
      expect(decodeFlyteBase32('mzxw5ytboi======')).to.deep.equal(ascii('foobar'));
    });
  });

  describe('when the value has a character outside the alphabet', () => {
    it('should name an "=" in the middle and where it is', () => {
      expectBase32Error('abcd=efg', 'character "=" at 4', 'accepted: a-z and 1-6', 'trailing padding');
    });
    it('should point out that upper case is not accepted', () => {
      expectBase32Error('mzXw5', 'character "X" at 2', 'lower case only');
    });
    it('should point out the unused digits', () => {
      expectBase32Error('m0', 'character "0" at 1', 'digits 0, 7, 8 and 9 are not used');
      expectBase32Error('m7', 'character "7" at 1');
    });
    it('should give each hint for exactly the characters it is about', () => {
      for (const upper of ['A', 'M', 'Z']) expectBase32Error(`m${upper}`, 'accepted: a-z and 1-6 (lower case only)');
      for (const digit of ['0', '7', '8', '9']) expectBase32Error(`m${digit}`, 'accepted: a-z and 1-6 (digits 0, 7, 8 and 9 are not used)');
      for (const other of ['@', '[', '/', ':', ' ', '_']) {
        expect(expectBase32Error(`m${other}`)).to.match(/accepted: a-z and 1-6\)$/);
      }
    });
    it('should refuse code units past ASCII, from U+0080 on', () => {
      expectBase32Error('m\u0080', 'character "\u0080" at 1');
      expectBase32Error('m\u00ff', 'character "ÿ" at 1');
    });
    it('should refuse whitespace and newlines', () => {
      expectBase32Error('my ', 'character " " at 2');
      expectBase32Error('m\ny', 'character "\\n" at 1');
    });
    it('should show a non-ASCII character whole', () => {
      expectBase32Error('mé', 'character "é" at 1');
      expectBase32Error('m😀', 'character "😀" at 1');
    });
  });

  describe('when the length is impossible', () => {
    for (const text of ['a', 'abc', 'abcdef', 'abcdefgha', 'abcdefghabc']) {
      it(`should refuse length ${text.length}`, () => {
        expectBase32Error(text, `length ${text.length} is impossible`, 'remainder mod 8 is 0, 2, 4, 5 or 7');
      });
    }
    it('should name the size of the final group, one character or several', () => {
      expectBase32Error('a', 'its final group of 1 character cannot end on a byte; accepted:');
      expectBase32Error('abc', 'its final group of 3 characters cannot end on a byte; accepted:');
      expectBase32Error('abcdefghabcdef', 'its final group of 6 characters cannot end on a byte; accepted:');
    });
    it('should say the length was counted before the padding', () => {
      expectBase32Error('abc=====', 'length 3 before "=" padding is impossible');
    });
  });

  describe('when the last character has non-zero unused bits', () => {
    it('should refuse the non-canonical encoding', () => {
      // "my" is "f"; "mz" sets one of the two bits past the byte.
      expectBase32Error('mz', 'character "z" at 1 has non-zero unused low bits');
    });
  });
});

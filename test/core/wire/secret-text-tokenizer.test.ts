import { expect } from 'chai';
import { SecretTextTokenizer } from '../../../core/wire/secret-text-tokenizer.js';

describe(SecretTextTokenizer.name, () => {
  describe('when it reads a quoted string', () => {
    it('should give bytes of their own, which later changes to the input leave alone', () => {
      const input = new TextEncoder().encode('"abc" "de"');
      const single = new SecretTextTokenizer(input.subarray(0, 5)).next();
      const joined = new SecretTextTokenizer(input).next();
      input.fill(0x78);
      expect(single).to.deep.include({ kind: 'string', offset: 0 });
      expect(single.kind === 'string' && new TextDecoder().decode(single.bytes)).to.equal('abc');
      expect(joined.kind === 'string' && new TextDecoder().decode(joined.bytes)).to.equal('abcde');
    });
  });
});

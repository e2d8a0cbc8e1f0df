import { expect } from 'chai';
import { md5Hex } from '../../../core/naming/md5-hex.js';
import { isDnsLabel } from '../../../core/naming/k8s-name-rules.js';

describe('md5Hex', () => {
  describe('when given the RFC 1321 test vectors', () => {
    it('should give their digests in lower-case hex', () => {
      expect(md5Hex('')).to.equal('d41d8cd98f00b204e9800998ecf8427e');
      expect(md5Hex('abc')).to.equal('900150983cd24fb0d6963f7d28e17f72');
    });
  });

  describe('when the text is not ASCII or not a valid name', () => {
    it('should hash its UTF-8 bytes', () => {
      expect(md5Hex('straße')).to.equal('ddc40daba2e976d4891e703081629368');
      expect(md5Hex('my_key')).to.equal('9ed6e46a3ff88783ff75296a4ba523f9');
    });

    it('should still give a valid Secret and volume name', () => {
      expect(isDnsLabel(md5Hex('Not A Name!'))).to.equal(true);
    });
  });
});

import { expect } from 'chai';
import fc from 'fast-check';
import { kubeletLiteral } from '../../../core/index.js';
import { kubeletExpand } from '../../support/kubelet-expansion.js';

describe(kubeletLiteral.name, () => {
  const mapping = { HOME: '/root', A: 'x' };

  describe('when a value holds what the kubelet would expand', () => {
    it('should reach the container byte for byte', () => {
      expect(kubeletExpand(kubeletLiteral('a$(HOME)b$$c'), mapping)).to.equal('a$(HOME)b$$c');
    });

    it('should reach the container byte for byte for any text', () => {
      fc.assert(fc.property(fc.string({ unit: fc.constantFrom('$', '(', ')', 'A', 'HOME', 'x') }), (text) => kubeletExpand(kubeletLiteral(text), mapping) === text));
    });
  });

  describe('when a value is not escaped', () => {
    it('should be changed by the kubelet (the model expands as the kubelet does)', () => {
      expect(kubeletExpand('a$(HOME)b$$c$(NOPE)$x$(', mapping)).to.equal('a/rootb$c$(NOPE)$x$(');
    });
  });
});

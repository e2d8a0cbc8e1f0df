import { expect } from 'chai';
import { jsonDepthExceeds } from '../../../server/http/json-depth.js';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { a: value };
  return value;
}

describe('jsonDepthExceeds', () => {
  describe('when the value is a scalar', () => {
    it('should count no depth', () => {
      expect(jsonDepthExceeds('text', 0)).to.equal(false);
      expect(jsonDepthExceeds(null, 0)).to.equal(false);
    });
  });

  describe('when objects and arrays nest exactly to the limit', () => {
    it('should not exceed it, and exceed it one level deeper', () => {
      expect(jsonDepthExceeds(nested(100), 100)).to.equal(false);
      expect(jsonDepthExceeds(nested(101), 100)).to.equal(true);
    });
  });

  describe('when the deep branch is not the first', () => {
    it('should still find it', () => {
      expect(jsonDepthExceeds({ shallow: [1, 2], other: { deep: nested(10) } }, 10)).to.equal(true);
      expect(jsonDepthExceeds({ shallow: [1, 2], other: { deep: nested(10) } }, 12)).to.equal(false);
    });
  });

  describe('when the value nests a million levels', () => {
    it('should answer without overflowing the stack', () => {
      expect(jsonDepthExceeds(nested(1_000_000), 100)).to.equal(true);
    });
  });
});

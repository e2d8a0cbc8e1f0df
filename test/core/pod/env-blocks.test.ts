import { expect } from 'chai';
import { foldEnvBlocks, withLeadingEnv } from '../../../core/pod/env-blocks.js';

describe('foldEnvBlocks', () => {
  describe('when secrets recorded blocks', () => {
    it('should put the last block first and keep the first occurrence of each name from there', () => {
      const blocks = [
        [
          { name: 'A', value: '1' },
          { name: 'P', value: 'old' },
        ],
        [
          { name: 'B', value: '2' },
          { name: 'P', value: 'new' },
        ],
      ];
      expect(foldEnvBlocks(blocks)).to.deep.equal([
        { name: 'B', value: '2' },
        { name: 'P', value: 'new' },
        { name: 'A', value: '1' },
      ]);
    });
  });

  describe('when there is no block', () => {
    it('should give an empty list', () => {
      expect(foldEnvBlocks([])).to.deep.equal([]);
    });
  });
});

describe('withLeadingEnv', () => {
  describe('when the container has variables', () => {
    it("should put the leading variables first and drop the container's variables of the same names", () => {
      const leading = [{ name: 'X', value: 'w' }];
      const result = withLeadingEnv(
        [
          { name: 'A', value: 'a' },
          { name: 'X', value: 'mine' },
        ],
        leading,
        new Set(['X']),
      );
      expect(result).to.deep.equal([
        { name: 'X', value: 'w' },
        { name: 'A', value: 'a' },
      ]);
    });
  });

  describe('when the container has no env', () => {
    it('should give the leading variables', () => {
      expect(withLeadingEnv(undefined, [{ name: 'X' }], new Set(['X']))).to.deep.equal([{ name: 'X' }]);
    });
  });
});

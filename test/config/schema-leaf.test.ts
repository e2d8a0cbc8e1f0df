import { expect } from 'chai';
import { isSchemaLeaf } from '../../config/schema-leaf.js';

describe('isSchemaLeaf', () => {
  describe('when the schema node has a default', () => {
    it('should say it is a setting, whatever the default is', () => {
      expect([{ default: '' }, { default: null, format: String }, { doc: 'x', default: undefined }].map(isSchemaLeaf)).to.deep.equal([true, true, true]);
    });
  });

  describe('when the schema node has no default', () => {
    it('should say it is not a setting (a section, or not a node at all)', () => {
      expect([{}, { timeout: { default: '30s' } }, null, 'default', ['default']].map(isSchemaLeaf)).to.deep.equal([false, false, false, false, false]);
    });
  });
});

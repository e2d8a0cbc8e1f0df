import { expect } from 'chai';
import { isJsonObject } from '../../../core/json/is-json-object.js';

describe('isJsonObject', () => {
  describe('when the value is a mapping', () => {
    it('should say true', () => {
      expect([{}, { a: 1 }, Object.create(null) as object].map(isJsonObject)).to.deep.equal([true, true, true]);
    });
  });

  describe('when the value is anything else JSON has', () => {
    it('should say false for null, arrays, strings, numbers and booleans', () => {
      expect([null, undefined, [], [{}], 'x', 1, true].map(isJsonObject)).to.deep.equal([false, false, false, false, false, false, false]);
    });
  });
});

import { expect } from 'chai';
import { Container } from 'inversify';
import { contributionsOf } from '../../core/contributions-of.js';

const Contribution = Symbol.for('test.Contribution');

describe(contributionsOf.name, () => {
  describe('when no module contributes to the extension point', () => {
    it('should give an empty list', () => {
      expect(contributionsOf<string>(new Container(), Contribution)).to.deep.equal([]);
    });
  });

  describe('when modules contribute', () => {
    it('should give every contribution in binding order', () => {
      const container = new Container();
      container.bind(Contribution).toConstantValue('a');
      container.bind(Contribution).toConstantValue('b');
      expect(contributionsOf<string>(container, Contribution)).to.deep.equal(['a', 'b']);
    });
  });
});

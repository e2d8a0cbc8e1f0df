import { expect } from 'chai';
import { formatScopedSecretId, parseScopedSecretId } from '../../../core/index.js';

describe('formatScopedSecretId', () => {
  describe('when no scope part holds __', () => {
    it("should be Flyte's EncodeSecretName, so stores Flyte wrote keep working", () => {
      expect(formatScopedSecretId({ org: 'acme', domain: 'development', project: 'flytesnacks', key: 'db__pass word' })).to.equal(
        'u__org__acme__domain__development__project__flytesnacks__key__db__pass word',
      );
      expect(formatScopedSecretId({ org: 'acme', domain: '', project: '', key: 'k' })).to.equal('u__org__acme__domain____project____key__k');
    });
  });

  describe('when a scope part would make the id that of another scope', () => {
    // Without the rule, project "a__key__b" with key "c" and project "a" with key "b__key__c" were one id.
    for (const parts of [
      { org: 'acme', domain: 'dev', project: 'a__key__b', key: 'c' },
      { org: 'acme__domain__x', domain: 'dev', project: 'p', key: 'c' },
      { org: 'acme_', domain: 'dev', project: 'p', key: 'c' },
      { org: 'acme', domain: '_dev', project: 'p', key: 'c' },
    ]) {
      it(`should refuse ${JSON.stringify(parts)}`, () => {
        expect(() => formatScopedSecretId(parts)).to.throw(RangeError, "no '__' and no '_' at either end");
      });
    }
  });
});

describe('parseScopedSecretId', () => {
  describe('when the id is one formatScopedSecretId made', () => {
    it('should give back its parts, the key taking the rest', () => {
      const parts = { org: 'a-b', domain: 'd_x', project: '', key: 'k__key__z' };
      expect(parseScopedSecretId(formatScopedSecretId(parts))).to.deep.equal(parts);
    });
  });

  describe('when the id could only come from a refused scope part', () => {
    it('should give undefined', () => {
      expect(parseScopedSecretId('u__org__acme___domain__dev__project__p__key__k')).to.equal(undefined);
      expect(parseScopedSecretId('not-an-id')).to.equal(undefined);
    });
  });
});

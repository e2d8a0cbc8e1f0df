import { expect } from 'chai';
import { BoundedNamespaceLabels, OTHER_LABEL_VALUE } from '../../../server/runtime/bounded-label-values.js';

describe(BoundedNamespaceLabels.name, () => {
  describe('when fewer namespaces than the limit have been seen', () => {
    it('should give each namespace name its own value, and the same value again later', () => {
      const labels = new BoundedNamespaceLabels(2);
      expect([labels.of('team-a'), labels.of('flyte'), labels.of('team-a')]).to.deep.equal(['team-a', 'flyte', 'team-a']);
    });
  });

  describe('when the limit is reached', () => {
    it('should give every new namespace the shared value and keep the ones already seen', () => {
      const labels = new BoundedNamespaceLabels(1);
      expect([labels.of('team-a'), labels.of('team-b'), labels.of('team-a')]).to.deep.equal(['team-a', OTHER_LABEL_VALUE, 'team-a']);
    });
  });

  describe('when the value is not a namespace name', () => {
    for (const [label, value] of [
      ['longer than 63 characters', 'a'.repeat(64)],
      ['upper case', 'Team'],
      ['with a line break', 'a\nb'],
    ] as const) {
      it(`should give it the shared value without using up the limit: ${label}`, () => {
        const labels = new BoundedNamespaceLabels(1);
        expect([labels.of(value), labels.of('team-a')]).to.deep.equal([OTHER_LABEL_VALUE, 'team-a']);
      });
    }
  });
});

import { expect } from 'chai';
import { DuplicateInjectorError, KeyedRegistry, UnknownInjectorError } from '../../core/keyed-registry.js';
import { thrownMessage } from '../support/thrown-message.js';

class Widget {
  constructor(readonly type: string) {}
}
class OtherWidget extends Widget {}

const NAMES = { entry: 'widget', type: 'widget kind' };

describe(KeyedRegistry.name, () => {
  describe('when the configuration names an entry', () => {
    const registry = new KeyedRegistry(NAMES, [new Widget('Round'), new Widget('Square')]);

    it('should find it in any case, and list the types as spelt, in registration order', () => {
      expect(registry.get('sQUARE').type).to.equal('Square');
      expect(registry.find('round')?.type).to.equal('Round');
      expect(registry.types()).to.deep.equal(['Round', 'Square']);
    });

    it('should refuse an unknown type with the registry names and the installed types, and the key with "(any case)" when given', () => {
      expect(thrownMessage(() => registry.get('Oval'), UnknownInjectorError)).to.equal('unknown widget kind "Oval"; installed: Round, Square');
      expect(thrownMessage(() => registry.get('Oval', 'shop.widget'), UnknownInjectorError)).to.equal('shop.widget: unknown widget kind "Oval"; installed: Round, Square (any case)');
      expect(thrownMessage(() => new KeyedRegistry(NAMES).get('Oval'), UnknownInjectorError)).to.equal('unknown widget kind "Oval"; installed: (none)');
    });
  });

  describe('when two entries claim one type, in any case', () => {
    it('should refuse the second, naming the type and both classes', () => {
      expect(thrownMessage(() => new KeyedRegistry(NAMES, [new Widget('Round'), new OtherWidget('ROUND')]), DuplicateInjectorError)).to.equal(
        'two widgets claim the type "ROUND": Widget and OtherWidget; each type must be provided by one plugin',
      );
    });
  });
});

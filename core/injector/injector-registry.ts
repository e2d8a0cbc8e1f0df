import { injectable, multiInject } from 'inversify';
import { KeyedRegistry } from '../keyed-registry.js';
import { SecretInjector } from './secret-injector.js';

/**
 * Every {@link SecretInjector} the loaded plugins contribute, keyed by type without regard to case.
 * Refuses two injectors with one type, so the configuration always selects exactly one.
 */
@injectable()
export class InjectorRegistry extends KeyedRegistry<SecretInjector> {
  constructor(@multiInject(SecretInjector) injectors: SecretInjector[]) {
    super({ entry: 'secret injector', type: 'secret manager type' }, injectors);
  }
}

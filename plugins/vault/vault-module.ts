import { ContainerModule } from 'inversify';
import { bindSettings, SecretInjector } from '../../core/index.js';
import { vaultSettings } from './vault-config.js';
import { VaultSecretInjector } from './vault-injector.js';

/** HashiCorp Vault through the Vault Agent Injector: `secretManagerType: Vault`. */
export const vaultModule = new ContainerModule(({ bind }) => {
  bindSettings(bind, vaultSettings);
  bind(VaultSecretInjector).toSelf().inSingletonScope();
  bind(SecretInjector).toService(VaultSecretInjector);
});

import { ContainerModule } from 'inversify';
import { ConfigSchemaContribution, SecretInjector } from '../../core/index.js';
import { vaultConfigSchema } from './vault-config.js';
import { VaultSecretInjector } from './vault-injector.js';

/** HashiCorp Vault through the Vault Agent Injector: `secretManagerType: Vault`. */
export const vaultModule = new ContainerModule(({ bind }) => {
  bind(ConfigSchemaContribution).toConstantValue(vaultConfigSchema);
  bind(VaultSecretInjector).toSelf().inSingletonScope();
  bind(SecretInjector).toService(VaultSecretInjector);
});

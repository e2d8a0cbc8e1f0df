import { ContainerModule } from 'inversify';
import { ConfigSchemaContribution, SecretInjector } from '../../core/index.js';
import { azureConfigSchema } from './azure-config.js';
import { AzureSecretInjector } from './azure-injector.js';

/** Azure Key Vault through a fetching init container: `secretManagerType: Azure`. */
export const azureModule = new ContainerModule(({ bind }) => {
  bind(ConfigSchemaContribution).toConstantValue(azureConfigSchema);
  bind(AzureSecretInjector).toSelf().inSingletonScope();
  bind(SecretInjector).toService(AzureSecretInjector);
});

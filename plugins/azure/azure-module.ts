import { ContainerModule } from 'inversify';
import { bindSettings, SecretInjector } from '../../core/index.js';
import { azureSettings } from './azure-config.js';
import { AzureSecretInjector } from './azure-injector.js';

/** Azure Key Vault through a fetching init container: `secretManagerType: Azure`. */
export const azureModule = new ContainerModule(({ bind }) => {
  bindSettings(bind, azureSettings);
  bind(AzureSecretInjector).toSelf().inSingletonScope();
  bind(SecretInjector).toService(AzureSecretInjector);
});

import { ContainerModule } from 'inversify';
import { bindSettings, SecretFetcher } from '../../core/index.js';
import { azureFetcherSettings } from './azure-fetcher-config.js';
import { AzureFetcherClientOptions, AzureFetcherCredential, AzureSecretFetcher } from './azure-fetcher.js';

/** Embedded mode's Azure Key Vault fetcher: `embeddedSecretManagerConfig.type: Azure`. */
export const azureFetcherModule = new ContainerModule(({ bind }) => {
  bindSettings(bind, azureFetcherSettings);
  bind(AzureFetcherCredential).toConstantValue(async () => new (await import('@azure/identity')).DefaultAzureCredential());
  bind(AzureFetcherClientOptions).toConstantValue({});
  bind(AzureSecretFetcher).toSelf().inSingletonScope();
  bind(SecretFetcher).toService(AzureSecretFetcher);
});

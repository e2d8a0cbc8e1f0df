import { ContainerModule } from 'inversify';
import { ConfigSchemaContribution, SecretFetcher } from '../../core/index.js';
import { AzureFetcherClientOptions, AzureFetcherCredential, AzureSecretFetcher } from './azure-fetcher.js';

const azureFetcherConfigSchema: ConfigSchemaContribution = {
  owner: 'Embedded',
  schema: {
    webhook: {
      embeddedSecretManagerConfig: {
        azureConfig: {
          vaultURI: { doc: 'URI of the Key Vault holding the secrets, e.g. https://myvault.vault.azure.net/.', format: String, default: '' },
        },
      },
    },
  },
};

/** Embedded mode's Azure Key Vault fetcher: `embeddedSecretManagerConfig.type: Azure`. */
export const azureFetcherModule = new ContainerModule(({ bind }) => {
  bind(ConfigSchemaContribution).toConstantValue(azureFetcherConfigSchema);
  bind(AzureFetcherCredential).toConstantValue(async () => new (await import('@azure/identity')).DefaultAzureCredential());
  bind(AzureFetcherClientOptions).toConstantValue({});
  bind(AzureSecretFetcher).toSelf().inSingletonScope();
  bind(SecretFetcher).toService(AzureSecretFetcher);
});

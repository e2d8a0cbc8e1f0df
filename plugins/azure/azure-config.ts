import { type ConfigSchemaContribution, type PodsecretsConfig, readFetcherContainerSettings, type FetcherContainerSettings, fetcherContainerSchema } from '../../core/index.js';

/** Flyte's default sidecar: the Azure CLI image. */
export const DEFAULT_AZURE_SIDECAR_IMAGE = 'mcr.microsoft.com/azure-cli:cbl-mariner2.0';

export const azureConfigSchema: ConfigSchemaContribution = {
  owner: 'Azure',
  schema: { webhook: { azureSecretManager: fetcherContainerSchema(DEFAULT_AZURE_SIDECAR_IMAGE, 'an Azure Key Vault secret') } },
};

/** The plugin's settings from the validated configuration. */
export function readAzureSettings(config: PodsecretsConfig): FetcherContainerSettings {
  return readFetcherContainerSettings(config.webhook['azureSecretManager']);
}

import { defineSettings, fetcherContainerSchema, type SettingsOf } from '../../core/index.js';

/** Flyte's default sidecar: the Azure CLI image. */
export const DEFAULT_AZURE_SIDECAR_IMAGE = 'mcr.microsoft.com/azure-cli:cbl-mariner2.0';

/** Flyte's `webhook.azureSecretManager`: the image and resources of the init container that fetches a secret. */
export const AzureSettings = Symbol.for('podsecrets.azure.AzureSettings');

export const azureSettings = defineSettings(AzureSettings, {
  path: 'webhook.azureSecretManager',
  owner: 'Azure',
  schema: fetcherContainerSchema(DEFAULT_AZURE_SIDECAR_IMAGE, 'an Azure Key Vault secret'),
});

export interface AzureSettings extends SettingsOf<typeof azureSettings> {}

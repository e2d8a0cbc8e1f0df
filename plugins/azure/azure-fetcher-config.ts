import { defineSettings, setting, type SettingsOf } from '../../core/index.js';

/** `webhook.embeddedSecretManagerConfig.azureConfig`: the Key Vault Embedded mode's Azure fetcher reads. */
export const AzureFetcherSettings = Symbol.for('podsecrets.azure.AzureFetcherSettings');

export const azureFetcherSettings = defineSettings(AzureFetcherSettings, {
  path: 'webhook.embeddedSecretManagerConfig.azureConfig',
  owner: 'Embedded',
  schema: {
    vaultURI: setting.string('URI of the Key Vault holding the secrets, e.g. https://myvault.vault.azure.net/.', ''),
  },
});

export interface AzureFetcherSettings extends SettingsOf<typeof azureFetcherSettings> {}

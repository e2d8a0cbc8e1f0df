import { defineSettings, setting, type SettingsOf } from '../../core/index.js';

/** `webhook.embeddedSecretManagerConfig.vaultConfig`: the KV mount Embedded mode's Vault fetcher reads, and how it logs in. */
export const VaultFetcherSettings = Symbol.for('podsecrets.vault.VaultFetcherSettings');

export const vaultFetcherSettings = defineSettings(VaultFetcherSettings, {
  path: 'webhook.embeddedSecretManagerConfig.vaultConfig',
  owner: 'Embedded',
  schema: {
    address: setting.string('Vault address, e.g. https://vault.vault:8200; empty: $VAULT_ADDR.', ''),
    kvVersion: setting.oneOf('KV secrets engine version of the mount: "1" or "2".', ['1', '2'], '2'),
    mount: setting.string('Path of the KV mount holding the secrets, each under its id.', 'secret'),
    field: setting.string('Field of the Vault secret that holds the value.', 'value'),
    namespace: setting.string('Vault Enterprise namespace (X-Vault-Namespace); empty: none.', ''),
    authMethod: setting.oneOf('kubernetes: log in with the service account token; token: use tokenFile or $VAULT_TOKEN.', ['kubernetes', 'token'], 'kubernetes'),
    tokenFile: setting.file('File holding a Vault token (authMethod token); empty: $VAULT_TOKEN.', ''),
    role: setting.string('Vault role of the Kubernetes login.', 'podsecrets'),
    authMount: setting.string('Path of the Kubernetes auth method.', 'kubernetes'),
    jwtFile: setting.file('Service account token sent to the Kubernetes login.', '/var/run/secrets/kubernetes.io/serviceaccount/token'),
  },
});

export interface VaultFetcherSettings extends SettingsOf<typeof vaultFetcherSettings> {}

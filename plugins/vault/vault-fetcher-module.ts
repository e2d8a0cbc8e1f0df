import { ContainerModule } from 'inversify';
import { ConfigSchemaContribution, SecretFetcher } from '../../core/index.js';
import { VaultSecretFetcher } from './vault-fetcher.js';

const vaultFetcherConfigSchema: ConfigSchemaContribution = {
  owner: 'Embedded',
  schema: {
    webhook: {
      embeddedSecretManagerConfig: {
        vaultConfig: {
          address: { doc: 'Vault address, e.g. https://vault.vault:8200; empty: $VAULT_ADDR.', format: String, default: '' },
          kvVersion: { doc: 'KV secrets engine version of the mount: "1" or "2".', format: ['1', '2'], default: '2' },
          mount: { doc: 'Path of the KV mount holding the secrets, each under its id.', format: String, default: 'secret' },
          field: { doc: 'Field of the Vault secret that holds the value.', format: String, default: 'value' },
          namespace: { doc: 'Vault Enterprise namespace (X-Vault-Namespace); empty: none.', format: String, default: '' },
          authMethod: { doc: 'kubernetes: log in with the service account token; token: use tokenFile or $VAULT_TOKEN.', format: ['kubernetes', 'token'], default: 'kubernetes' },
          tokenFile: { doc: 'File holding a Vault token (authMethod token); empty: $VAULT_TOKEN.', format: String, default: '' },
          role: { doc: 'Vault role of the Kubernetes login.', format: String, default: 'podsecrets' },
          authMount: { doc: 'Path of the Kubernetes auth method.', format: String, default: 'kubernetes' },
          jwtFile: { doc: 'Service account token sent to the Kubernetes login.', format: String, default: '/var/run/secrets/kubernetes.io/serviceaccount/token' },
        },
      },
    },
  },
};

/** Embedded mode's Vault KV fetcher: `embeddedSecretManagerConfig.type: Vault` (podsecrets' addition; Flyte has none). */
export const vaultFetcherModule = new ContainerModule(({ bind }) => {
  bind(ConfigSchemaContribution).toConstantValue(vaultFetcherConfigSchema);
  bind(VaultSecretFetcher).toSelf().inSingletonScope();
  bind(SecretFetcher).toService(VaultSecretFetcher);
});

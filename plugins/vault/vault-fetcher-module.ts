import { ContainerModule } from 'inversify';
import { bindSettings, SecretFetcher } from '../../core/index.js';
import { vaultFetcherSettings } from './vault-fetcher-config.js';
import { VaultSecretFetcher } from './vault-fetcher.js';

/** Embedded mode's Vault KV fetcher: `embeddedSecretManagerConfig.type: Vault` (podsecrets' addition; Flyte has none). */
export const vaultFetcherModule = new ContainerModule(({ bind }) => {
  bindSettings(bind, vaultFetcherSettings);
  bind(VaultSecretFetcher).toSelf().inSingletonScope();
  bind(SecretFetcher).toService(VaultSecretFetcher);
});

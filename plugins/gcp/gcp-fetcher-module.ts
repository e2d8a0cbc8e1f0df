import { ContainerModule } from 'inversify';
import { bindSettings, SecretFetcher } from '../../core/index.js';
import { gcpFetcherSettings } from './gcp-fetcher-config.js';
import { GcpFetcherClientOptions, GcpSecretFetcher } from './gcp-fetcher.js';

/** Embedded mode's GCP Secret Manager fetcher: `embeddedSecretManagerConfig.type: GCP`. */
export const gcpFetcherModule = new ContainerModule(({ bind }) => {
  bindSettings(bind, gcpFetcherSettings);
  bind(GcpFetcherClientOptions).toConstantValue({});
  bind(GcpSecretFetcher).toSelf().inSingletonScope();
  bind(SecretFetcher).toService(GcpSecretFetcher);
});

import { ContainerModule } from 'inversify';
import { ConfigSchemaContribution, SecretFetcher } from '../../core/index.js';
import { GcpFetcherClientOptions, GcpSecretFetcher } from './gcp-fetcher.js';

const gcpFetcherConfigSchema: ConfigSchemaContribution = {
  owner: 'Embedded',
  schema: {
    webhook: {
      embeddedSecretManagerConfig: {
        gcpConfig: {
          project: { doc: 'GCP project that holds the secrets (projects/<project>/secrets/<id>).', format: String, default: '' },
          apiEndpoint: { doc: 'Secret Manager endpoint host (e.g. a regional or Private Service Connect one); empty: the default.', format: String, default: '' },
        },
      },
    },
  },
};

/** Embedded mode's GCP Secret Manager fetcher: `embeddedSecretManagerConfig.type: GCP`. */
export const gcpFetcherModule = new ContainerModule(({ bind }) => {
  bind(ConfigSchemaContribution).toConstantValue(gcpFetcherConfigSchema);
  bind(GcpFetcherClientOptions).toConstantValue({});
  bind(GcpSecretFetcher).toSelf().inSingletonScope();
  bind(SecretFetcher).toService(GcpSecretFetcher);
});

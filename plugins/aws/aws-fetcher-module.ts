import { ContainerModule } from 'inversify';
import { ConfigSchemaContribution, SecretFetcher } from '../../core/index.js';
import { AwsSecretFetcher } from './aws-fetcher.js';

const awsFetcherConfigSchema: ConfigSchemaContribution = {
  owner: 'Embedded',
  schema: {
    webhook: {
      embeddedSecretManagerConfig: {
        awsConfig: {
          region: { doc: 'Region of Secrets Manager; empty: the standard AWS chain (AWS_REGION, profile).', format: String, default: '' },
          endpoint: { doc: 'Endpoint URL of Secrets Manager (a VPC endpoint, a FIPS endpoint); empty: the region\'s own.', format: String, default: '' },
        },
      },
    },
  },
};

/** Embedded mode's AWS Secrets Manager fetcher: `embeddedSecretManagerConfig.type: AWS`. */
export const awsFetcherModule = new ContainerModule(({ bind }) => {
  bind(ConfigSchemaContribution).toConstantValue(awsFetcherConfigSchema);
  bind(AwsSecretFetcher).toSelf().inSingletonScope();
  bind(SecretFetcher).toService(AwsSecretFetcher);
});

import { ContainerModule } from 'inversify';
import { bindSettings, SecretFetcher } from '../../core/index.js';
import { awsFetcherSettings } from './aws-fetcher-config.js';
import { AwsSecretFetcher } from './aws-fetcher.js';

/** Embedded mode's AWS Secrets Manager fetcher: `embeddedSecretManagerConfig.type: AWS`. */
export const awsFetcherModule = new ContainerModule(({ bind }) => {
  bindSettings(bind, awsFetcherSettings);
  bind(AwsSecretFetcher).toSelf().inSingletonScope();
  bind(SecretFetcher).toService(AwsSecretFetcher);
});

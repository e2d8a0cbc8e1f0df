import { ContainerModule } from 'inversify';
import { bindSettings, SecretInjector } from '../../core/index.js';
import { awsSettings } from './aws-config.js';
import { AwsSecretInjector } from './aws-injector.js';

/** AWS Secrets Manager through a fetching init container: `secretManagerType: AWS`. */
export const awsModule = new ContainerModule(({ bind }) => {
  bindSettings(bind, awsSettings);
  bind(AwsSecretInjector).toSelf().inSingletonScope();
  bind(SecretInjector).toService(AwsSecretInjector);
});

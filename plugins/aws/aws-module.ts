import { ContainerModule } from 'inversify';
import { ConfigSchemaContribution, SecretInjector } from '../../core/index.js';
import { awsConfigSchema } from './aws-config.js';
import { AwsSecretInjector } from './aws-injector.js';

/** AWS Secrets Manager through a fetching init container: `secretManagerType: AWS`. */
export const awsModule = new ContainerModule(({ bind }) => {
  bind(ConfigSchemaContribution).toConstantValue(awsConfigSchema);
  bind(AwsSecretInjector).toSelf().inSingletonScope();
  bind(SecretInjector).toService(AwsSecretInjector);
});

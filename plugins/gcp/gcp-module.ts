import { ContainerModule } from 'inversify';
import { ConfigSchemaContribution, SecretInjector } from '../../core/index.js';
import { gcpConfigSchema } from './gcp-config.js';
import { GcpSecretInjector } from './gcp-injector.js';

/** Google Secret Manager through a fetching init container: `secretManagerType: GCP`. */
export const gcpModule = new ContainerModule(({ bind }) => {
  bind(ConfigSchemaContribution).toConstantValue(gcpConfigSchema);
  bind(GcpSecretInjector).toSelf().inSingletonScope();
  bind(SecretInjector).toService(GcpSecretInjector);
});

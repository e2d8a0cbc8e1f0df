import { ContainerModule } from 'inversify';
import { bindSettings, SecretInjector } from '../../core/index.js';
import { gcpSettings } from './gcp-config.js';
import { GcpSecretInjector } from './gcp-injector.js';

/** Google Secret Manager through a fetching init container: `secretManagerType: GCP`. */
export const gcpModule = new ContainerModule(({ bind }) => {
  bindSettings(bind, gcpSettings);
  bind(GcpSecretInjector).toSelf().inSingletonScope();
  bind(SecretInjector).toService(GcpSecretInjector);
});

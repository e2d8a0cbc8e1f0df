import { ContainerModule } from 'inversify';
import { bindSettings, PlainTextValueSource, SecretInjector } from '../../core/index.js';
import { globalSecretsSettings } from './global-config.js';
import { GlobalSecretInjector } from './global-injector.js';
import { GlobalSecretEnvironment, GlobalSecretSource } from './global-secret-source.js';

/** Flyte's Global backend, always tried first: values from the webhook's own environment and files. */
export const globalModule = new ContainerModule(({ bind }) => {
  bindSettings(bind, globalSecretsSettings);
  bind(GlobalSecretEnvironment).toConstantValue(process.env);
  bind(GlobalSecretSource).toSelf().inSingletonScope();
  bind(PlainTextValueSource).toService(GlobalSecretSource);
  bind(GlobalSecretInjector).toSelf().inSingletonScope();
  bind(SecretInjector).toService(GlobalSecretInjector);
});

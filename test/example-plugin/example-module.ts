import { ContainerModule } from 'inversify';
import { bindSettings, SecretInjector } from 'podsecrets/core';
import { exampleSettings } from './example-config.js';
import { ExampleSecretInjector } from './example-injector.js';

/**
 * The Example backend of docs/plugins.md: `secretManagerType: Example`. Not in server/wiring/plugin-modules.ts;
 * tests load it next to the shipped modules.
 */
export const exampleModule = new ContainerModule(({ bind }) => {
  bindSettings(bind, exampleSettings);
  bind(ExampleSecretInjector).toSelf().inSingletonScope();
  bind(SecretInjector).toService(ExampleSecretInjector);
});

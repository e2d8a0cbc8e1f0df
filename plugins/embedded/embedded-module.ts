import { ContainerModule } from 'inversify';
import { bindSettings, kubeClientSettings, PlainTextValueSource, SecretCacheInvalidation, SecretInjector } from '../../core/index.js';
import { EmbeddedClock } from './embedded-clock.js';
import { embeddedSettings } from './embedded-config.js';
import { EmbeddedSecretInjector } from './embedded-injector.js';
import { EmbeddedPlainTextValues } from './embedded-plain-text-values.js';
import { EmbeddedSecretReader } from './embedded-secret-reader.js';
import { PodSecretStore } from './pod-secret-store.js';

/**
 * Flyte v2's Embedded mode (`secretManagerType: Embedded`): podsecrets reads values itself through the
 * {@link SecretFetcher} that `embeddedSecretManagerConfig.type` names; the fetchers come from their
 * backends' own fetcher modules.
 */
export const embeddedModule = new ContainerModule(({ bind }) => {
  bindSettings(bind, embeddedSettings);
  bindSettings(bind, kubeClientSettings);
  bind(EmbeddedClock).toConstantValue(() => Date.now());
  bind(EmbeddedSecretReader).toSelf().inSingletonScope();
  bind(SecretCacheInvalidation).toService(EmbeddedSecretReader);
  bind(PodSecretStore).toSelf().inSingletonScope();
  bind(EmbeddedSecretInjector).toSelf().inSingletonScope();
  bind(SecretInjector).toService(EmbeddedSecretInjector);
  bind(EmbeddedPlainTextValues).toSelf().inSingletonScope();
  bind(PlainTextValueSource).toService(EmbeddedPlainTextValues);
});

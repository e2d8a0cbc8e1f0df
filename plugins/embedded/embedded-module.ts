import { ContainerModule } from 'inversify';
import { bindSettings, GivenConfigKeys, kubeClientSettings, Logger, PlainTextValueSource, SecretCacheInvalidation, SecretInjector, StartupCheck } from '../../core/index.js';
import { EmbeddedClock } from './embedded-clock.js';
import { EmbeddedSettings, embeddedSettings } from './embedded-config.js';
import { embeddedCacheOptions, FlyteCacheSettings, flyteCacheSettings, MappedCacheOptions } from './flyte-cache-section.js';
import { EmbeddedSecretInjector } from './embedded-injector.js';
import { EmbeddedKubeConfigCheck } from './embedded-kube-config-check.js';
import { EmbeddedPlainTextValues } from './embedded-plain-text-values.js';
import { EmbeddedSecretReader } from './embedded-secret-reader.js';
import { namespaceMappingSettings } from './namespace-mapping-config.js';
import { OrphanedSecretCollector } from './orphaned-secret-collector.js';
import { PodSecretStore } from './pod-secret-store.js';

/**
 * Flyte v2's Embedded mode (`secretManagerType: Embedded`): podsecrets reads values itself through the
 * {@link SecretFetcher} that `embeddedSecretManagerConfig.type` names; the fetchers come from their
 * backends' own fetcher modules.
 */
export const embeddedModule = new ContainerModule(({ bind }) => {
  bindSettings(bind, embeddedSettings);
  bindSettings(bind, kubeClientSettings);
  bindSettings(bind, namespaceMappingSettings);
  bindSettings(bind, flyteCacheSettings);
  bind(MappedCacheOptions)
    .toDynamicValue((context) => {
      const given = context.get<GivenConfigKeys>(GivenConfigKeys);
      const flyte = context.get<FlyteCacheSettings>(FlyteCacheSettings);
      if (given.has('cache') && flyte.type === 'Redis') {
        context
          .get<Logger>(Logger)
          .warn({ key: 'cache.type' }, "cache.type Redis: podsecrets keeps Embedded values in each replica, as the in-memory tier of Flyte's Redis cache; the Redis tier is not used");
      }
      return embeddedCacheOptions(context.get<EmbeddedSettings>(EmbeddedSettings).cache, flyte, (key) => given.has(key));
    })
    .inSingletonScope();
  bind(EmbeddedClock).toConstantValue(() => Date.now());
  bind(EmbeddedSecretReader).toSelf().inSingletonScope();
  bind(SecretCacheInvalidation).toService(EmbeddedSecretReader);
  bind(PodSecretStore).toSelf().inSingletonScope();
  bind(OrphanedSecretCollector).toSelf().inSingletonScope();
  bind(EmbeddedSecretInjector).toSelf().inSingletonScope();
  bind(SecretInjector).toService(EmbeddedSecretInjector);
  bind(EmbeddedPlainTextValues).toSelf().inSingletonScope();
  bind(PlainTextValueSource).toService(EmbeddedPlainTextValues);
  bind(EmbeddedKubeConfigCheck).toSelf().inSingletonScope();
  bind(StartupCheck).toService(EmbeddedKubeConfigCheck);
});

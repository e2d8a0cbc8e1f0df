import { ContainerModule } from 'inversify';
import { AdmissionHandler } from './admission/admission-handler.js';
import { GivenConfigKeys, isKeyGiven } from './config/config-keys-given.js';
import { PodsecretsConfig } from './config/podsecrets-config.js';
import { bindSettings, bindSettingsObject } from './config/settings-section.js';
import { webhookKubeClientSettings } from './config/webhook-kube-client-settings.js';
import { webhookSettings } from './config/webhook-settings.js';
import { InjectorRegistry } from './injector/injector-registry.js';
import { PodMutator } from './mutation/pod-mutator.js';
import { podSizeLimitsSettings } from './mutation/pod-size-limits.js';
import { DecodedSecretCache } from './wire/decoded-secret-cache.js';

/**
 * Core's services. The embedding program also binds {@link PodsecretsConfig}, {@link Logger} and a
 * {@link BackendTelemetry} (the server's metrics), and
 * loads the plugin modules that contribute {@link SecretInjector}s.
 */
export const coreModule = new ContainerModule(({ bind }) => {
  // Its schema is always the loader's (config/base-settings.ts), so the section binds only its settings object.
  bindSettingsObject(bind, webhookSettings);
  bindSettingsObject(bind, webhookKubeClientSettings);
  // A section of its own, contributed like a plugin's, so that `podsecrets plugins` lists its keys.
  bindSettings(bind, podSizeLimitsSettings);
  bind(GivenConfigKeys)
    .toDynamicValue((context): GivenConfigKeys => {
      const config = context.get<PodsecretsConfig>(PodsecretsConfig);
      return { has: (key) => isKeyGiven(config, key) };
    })
    .inSingletonScope();
  bind(InjectorRegistry).toSelf().inSingletonScope();
  // One per process, with fixed bounds (see the class): an operator has nothing to tune there.
  bind(DecodedSecretCache)
    .toDynamicValue(() => new DecodedSecretCache())
    .inSingletonScope();
  bind(PodMutator).toSelf().inSingletonScope();
  bind(AdmissionHandler).toSelf().inSingletonScope();
});

import { ContainerModule } from 'inversify';
import { AdmissionHandler } from './admission/admission-handler.js';
import { bindSettingsObject } from './config/settings-section.js';
import { webhookSettings } from './config/webhook-settings.js';
import { InjectorRegistry } from './injector/injector-registry.js';
import { PodMutator } from './mutation/pod-mutator.js';
import { BackendTelemetry, BackendTelemetryRelay } from './telemetry/backend-telemetry.js';

/**
 * Core's services. The embedding program also binds {@link PodsecretsConfig} and {@link Logger}, and
 * loads the plugin modules that contribute {@link SecretInjector}s.
 */
export const coreModule = new ContainerModule(({ bind }) => {
  // Its schema is always the loader's (config/base-settings.ts), so the section binds only its settings object.
  bindSettingsObject(bind, webhookSettings);
  bind(InjectorRegistry).toSelf().inSingletonScope();
  bind(PodMutator).toSelf().inSingletonScope();
  bind(AdmissionHandler).toSelf().inSingletonScope();
  bind(BackendTelemetryRelay).toSelf().inSingletonScope();
  bind(BackendTelemetry).toService(BackendTelemetryRelay);
});

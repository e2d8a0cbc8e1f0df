import { ContainerModule } from 'inversify';
import { AdmissionHandler } from './admission/admission-handler.js';
import { ConfigSchemaContribution } from './config/config-schema-contribution.js';
import { InjectorRegistry } from './injector/injector-registry.js';
import { PodMutator } from './mutation/pod-mutator.js';
import { podSizeLimitsConfigSchema } from './mutation/pod-size-limits.js';
import { BackendTelemetry, BackendTelemetryRelay } from './telemetry/backend-telemetry.js';

/**
 * Core's services. The embedding program also binds {@link PodsecretsConfig} and {@link Logger}, and
 * loads the plugin modules that contribute {@link SecretInjector}s.
 */
export const coreModule = new ContainerModule(({ bind }) => {
  bind(InjectorRegistry).toSelf().inSingletonScope();
  bind(PodMutator).toSelf().inSingletonScope();
  bind(ConfigSchemaContribution).toConstantValue(podSizeLimitsConfigSchema);
  bind(AdmissionHandler).toSelf().inSingletonScope();
  bind(BackendTelemetryRelay).toSelf().inSingletonScope();
  bind(BackendTelemetry).toService(BackendTelemetryRelay);
});

// The plugin API (`podsecrets/core`): what a backend plugin imports, and nothing else. docs/plugins.md
// lists every name (test/core/plugin-api.test.ts keeps the two equal); the server and the tests import
// the rest of core from the file that defines it.

// Extension points: what a plugin contributes, and what it may inject.
export { SecretInjector } from './injector/secret-injector.js';
export type { InjectionContext } from './injector/injection-context.js';
export { InjectionError, InjectionErrorCode } from './injector/injection-error.js';
export { SecretFetcher, type SecretValue } from './fetcher/secret-fetcher.js';
export { SecretFetchError, SecretFetchErrorCode } from './fetcher/secret-fetch-error.js';
export { PlainTextValueSource } from './injector/plain-text-value-source.js';
export { SecretCacheInvalidation, type SecretScope } from './fetcher/secret-cache-invalidation.js';
export { StartupCheck } from './injector/startup-check.js';
export { BackendTelemetry, type BackendCall } from './telemetry/backend-telemetry.js';
export { Logger } from './logging/logger.js';
export { KeyedRegistry, type Keyed, type KeyedRegistryNames } from './keyed-registry.js';

// The request.
export { MountRequirement, type SecretRequest, secretRequest, quoteName } from './secret/secret-request.js';

// The pod and its edits.
export type { PodEdit, ReadonlyPod, DeepReadonly } from './pod/pod-edit.js';
export type { Pod, PodSpec, ObjectMeta, Container, EnvVar, Volume, VolumeMount, KeyToPath, SecretVolumeSource, LocalObjectReference } from './pod/pod-types.js';
export { kubeletLiteral } from './pod/kubelet-literal.js';

// Names and paths, by Flyte's and Kubernetes' rules.
export { SECRETS_MOUNT_DIR, SECRETS_DEFAULT_DIR_ENV, SECRETS_FILE_PREFIX_ENV, SECRETS_ENV_PREFIX_ENV } from './naming/flyte-conventions.js';
export { GLOBAL_SECRET_MANAGER_TYPE } from './injector/injector-chain.js';
export { goLower, goUpper } from './naming/go-case.js';
export { joinPath } from './naming/path-join.js';
export { md5Hex } from './naming/md5-hex.js';
export { shellQuote } from './naming/shell-quote.js';
export { secretEnvVarName } from './naming/secret-env-name.js';
export { secretVolumeName, isSecretVolumeNameOf } from './naming/secret-volume-name.js';
export { isDnsLabel, isDnsSubdomain, isSecretDataKey } from './naming/k8s-name-rules.js';
export { requireEnvVarName } from './injector/require-env-var-name.js';
export { requireFileMount } from './injector/require-file-mount.js';

// Secrets fetched by an init container.
export { deliverFetchedFile, type FetchedSecretFile } from './pod/fetched-secret-file.js';
export { FETCHER_FILE_ENV, type FetcherInitContainer, refuseUndeclaredClaims } from './pod/fetcher-init-container.js';
export { setSecretFileEnv } from './pod/shared-secret-files.js';
export { makeParentCommand, openToWorkloadCommand } from './pod/secret-file-commands.js';
export { type ContainerResources, type ResourceClaim, containerResourcesSpec } from './pod/container-resources.js';

// Secret ids of Embedded mode's fetchers.
export { requirePlainSecretId, type PlainSecretIdRule } from './fetcher/plain-secret-id.js';
export { formatScopedSecretId, parseScopedSecretId, type ScopedSecretIdParts, isUnambiguousScopePart, UNAMBIGUOUS_SCOPE_PART_RULE } from './fetcher/scoped-secret-id.js';

// Configuration: a plugin's section, and the settings it may read.
export { defineSettings, bindSettings, type SettingsOf, type SettingsSchema, type SettingsSection, type SettingsValues } from './config/settings-section.js';
export { setting, type Setting } from './config/setting.js';
export { fetcherContainerSchema, type FetcherContainerSettings, containerResourcesSetting, containerImageSetting } from './config/fetcher-container-settings.js';
export { parseGoDuration, goDurationNanoseconds } from './config/go-duration.js';
export { parseQuantity } from './pod/resource-quantity.js';
export { WebhookSettings } from './config/webhook-settings.js';
export { GivenConfigKeys } from './config/config-keys-given.js';

// Kubernetes clients.
export { loadKubeConfig } from './kube/load-kube-config.js';
export { KubeConfigError } from './kube/kube-config-error.js';
export { type KubeClientLimits, withKubeClientFallback } from './kube/kube-client-limits.js';
export { kubeClientLimitsSchema, WebhookKubeClientSettings } from './config/webhook-kube-client-settings.js';
export { KubeClientSettings, kubeClientSettings } from './config/kube-client-settings.js';
export { abortableCall } from './kube/abortable-call.js';

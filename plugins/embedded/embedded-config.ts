import { type ContainerResources, containerImageSetting, containerResourcesSetting, defineSettings, isDnsLabel, parseGoDuration, setting, type SettingsOf } from '../../core/index.js';

/** How an ENV_VAR/ANY or FILE value reaches the pod. */
export const ValueDelivery = {
  /** A Secret in the pod's namespace that podsecrets maintains; the pod references it. No value in the pod spec. */
  SecretRef: 'secretRef',
  /** Flyte's way: the value itself in the pod spec (env value, or the file init container's arguments). */
  PlainText: 'plainText',
} as const;
export type ValueDelivery = (typeof ValueDelivery)[keyof typeof ValueDelivery];

/** What an admission gets when the backend fails (not when the secret is missing: that always denies). */
export const BackendFailurePolicy = { Deny: 'deny', AdmitWithWarning: 'admitWithWarning' } as const;
export type BackendFailurePolicy = (typeof BackendFailurePolicy)[keyof typeof BackendFailurePolicy];

const DEFAULT_RESOURCES: ContainerResources = { requests: { cpu: '100m', memory: '100Mi' }, limits: { cpu: '100m', memory: '100Mi' } };

const MAX_FETCH_TIMEOUT_MS = 30_000;

function fetchTimeout(value: unknown): void {
  let milliseconds = Number.NaN;
  try {
    milliseconds = parseGoDuration(value, 'fetchTimeout');
  } catch {
    // reported below
  }
  if (!(milliseconds > 0 && milliseconds < MAX_FETCH_TIMEOUT_MS)) {
    throw new Error("must be a Go duration above 0 and below the webhook's own limit of 30s (the API server's default is 10s), e.g. 3s");
  }
}

function organizationName(value: unknown): void {
  if (typeof value !== 'string' || (value !== '' && !(value.length <= 63 && /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/u.test(value) && !value.includes('__')))) {
    throw new Error("must be empty or a label value (letters, digits, '-', '_' and '.', starting and ending with a letter or digit, at most 63 characters) without '__'");
  }
}

function nonEmptyString(value: unknown): void {
  if (typeof value !== 'string' || value.trim() === '') throw new Error('must be the name of an installed secret fetcher, e.g. K8s, AWS, GCP, Azure or Vault');
}

/**
 * Flyte v2's `embeddedSecretManagerConfig` keys (type, fileMountInitContainer, imagePullSecrets) and
 * podsecrets' own beside them, durations in milliseconds. Each fetcher's own section (k8sConfig,
 * awsConfig, …) is declared by that fetcher's module.
 */
export const EmbeddedSettings = Symbol.for('podsecrets.embedded.EmbeddedSettings');

export const embeddedSettings = defineSettings(EmbeddedSettings, {
  path: 'webhook.embeddedSecretManagerConfig',
  owner: 'Embedded',
  schema: {
    type: setting.string('The fetcher Embedded mode reads values with (any case): K8s, AWS, GCP, Azure or Vault.', 'K8s', nonEmptyString),
    valueDelivery: setting.oneOf(
      "secretRef: values go to a Secret in the pod's namespace that the pod references (none in the pod spec); plainText: Flyte's way, values in the pod spec.",
      [ValueDelivery.SecretRef, ValueDelivery.PlainText],
      ValueDelivery.SecretRef,
    ),
    fetchTimeout: setting.custom({
      doc: "Longest wait for one backend call; must stay below the admission's deadline (10s by default).",
      format: fetchTimeout,
      default: '3s',
      convert: (value, key) => parseGoDuration(value, key),
    }),
    organization: setting.string(
      'The organization of every Embedded pod when namespace_mapping.template does not name {{ org }}: a pod\'s organization label must then be absent or equal to it. Flyte v2 labels every pod and stores every id with "flyte".',
      'flyte',
      organizationName,
    ),
    onBackendFailure: setting.oneOf(
      'When the backend fails or times out (not when the secret is missing): deny the pod, or admit it without the secret and with a warning.',
      [BackendFailurePolicy.Deny, BackendFailurePolicy.AdmitWithWarning],
      BackendFailurePolicy.Deny,
    ),
    fileMountInitContainer: {
      image: containerImageSetting('Image of the init container that writes FILE secrets in plainText mode (needs sh and base64).', 'public.ecr.aws/docker/library/busybox:latest'),
      resources: containerResourcesSetting('Resources of that init container (requests, limits, claims); a given map replaces the default one, as in Flyte.', DEFAULT_RESOURCES),
      containerName: setting.string('Name of that init container.', 'init-embedded-secret', (value) => {
        if (typeof value !== 'string' || !isDnsLabel(value)) throw new Error('must be a container name: lower-case letters, digits and -, at most 63 characters');
      }),
    },
    imagePullSecrets: {
      enabled: setting.boolean("Copy the image pull Secret named after the found secret (img-pull-<sha256>) from the webhook's namespace into the pod's and reference it.", false),
      namespace: setting.custom({
        doc: 'Where those image pull Secrets live; empty: $POD_NAMESPACE, else flyte.',
        format: String,
        default: '',
        convert: (value) => String(value) || process.env['POD_NAMESPACE'] || 'flyte',
      }),
    },
    cache: {
      ttl: setting.duration('How long a fetched value is used without asking the backend again (Flyte: 24h).', '5m'),
      notFoundTtl: setting.duration('How long "no such secret at this scope" is remembered; 0s turns it off.', '10s'),
      maxEntries: setting.count('Most ids held in the cache; the least recently used go first.', 10_000),
      maxBytes: setting.count('Most value bytes held in the cache.', 16 * 1024 * 1024),
      serveStaleOnError: setting.boolean('When the backend fails, use an expired cached value (with a warning) instead of failing.', false),
      maxStale: setting.duration('Oldest expired value serveStaleOnError may use.', '1h'),
    },
  },
});

export interface EmbeddedSettings extends SettingsOf<typeof embeddedSettings> {}

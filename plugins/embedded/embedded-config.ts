import {
  type ConfigSchemaContribution,
  type ContainerResources,
  containerResourcesSetting,
  isDnsLabel,
  mergeContainerResources,
  parseGoDuration,
  type PodsecretsConfig,
} from '../../core/index.js';
import type { SecretValueCacheOptions } from './secret-value-cache.js';

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

/** `webhook.embeddedSecretManagerConfig`, with durations in milliseconds. */
export interface EmbeddedConfig {
  readonly type: string;
  readonly kubeconfig: string;
  readonly valueDelivery: ValueDelivery;
  readonly fetchTimeoutMs: number;
  readonly onBackendFailure: BackendFailurePolicy;
  readonly fileMountInitContainer: { readonly image: string; readonly resources: ContainerResources; readonly containerName: string };
  readonly imagePullSecrets: { readonly enabled: boolean; readonly namespace: string };
  readonly cache: Omit<SecretValueCacheOptions, 'now'>;
}

interface RawEmbeddedConfig {
  type: string;
  kubeconfig: string;
  valueDelivery: ValueDelivery;
  fetchTimeout: string;
  onBackendFailure: BackendFailurePolicy;
  fileMountInitContainer: { image: string; resources: Record<string, unknown>; containerName: string };
  imagePullSecrets: { enabled: boolean; namespace: string };
  cache: { ttl: string; notFoundTtl: string; maxEntries: number; maxBytes: number; serveStaleOnError: boolean; maxStale: string };
}

const KEY = 'webhook.embeddedSecretManagerConfig';

/** Reads and converts the section the {@link embeddedConfigSchema} declared. */
export function readEmbeddedConfig(config: PodsecretsConfig): EmbeddedConfig {
  const raw = config.webhook['embeddedSecretManagerConfig'] as RawEmbeddedConfig;
  const ms = (value: unknown, key: string): number => parseGoDuration(value, `${KEY}.${key}`);
  const fetchTimeoutMs = ms(raw.fetchTimeout, 'fetchTimeout');
  return {
    type: raw.type,
    kubeconfig: raw.kubeconfig,
    valueDelivery: raw.valueDelivery,
    fetchTimeoutMs,
    onBackendFailure: raw.onBackendFailure,
    fileMountInitContainer: { ...raw.fileMountInitContainer, resources: mergeContainerResources(DEFAULT_RESOURCES, raw.fileMountInitContainer.resources) },
    imagePullSecrets: { enabled: raw.imagePullSecrets.enabled, namespace: raw.imagePullSecrets.namespace || process.env['POD_NAMESPACE'] || 'flyte' },
    cache: {
      ttlMs: ms(raw.cache.ttl, 'cache.ttl'),
      notFoundTtlMs: ms(raw.cache.notFoundTtl, 'cache.notFoundTtl'),
      maxEntries: raw.cache.maxEntries,
      maxBytes: raw.cache.maxBytes,
      serveStaleOnError: raw.cache.serveStaleOnError,
      maxStaleMs: ms(raw.cache.maxStale, 'cache.maxStale'),
    },
  };
}

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

function nonEmptyString(value: unknown): void {
  if (typeof value !== 'string' || value.trim() === '') throw new Error('must be the name of an installed secret fetcher, e.g. K8s, AWS, GCP, Azure or Vault');
}

/**
 * Flyte v2's `embeddedSecretManagerConfig` keys (type, fileMountInitContainer, imagePullSecrets) and
 * podsecrets' own beside them. Each fetcher's own section (k8sConfig, awsConfig, …) is contributed by
 * that fetcher's module.
 */
export const embeddedConfigSchema: ConfigSchemaContribution = {
  owner: 'Embedded',
  schema: {
    webhook: {
      embeddedSecretManagerConfig: {
        type: { doc: 'The fetcher Embedded mode reads values with (any case): K8s, AWS, GCP, Azure or Vault.', format: nonEmptyString, default: 'K8s' },
        kubeconfig: {
          doc: 'A kubeconfig file for the Kubernetes API (the K8s fetcher and the secretRef Secrets); empty: in-cluster, else $KUBECONFIG, else ~/.kube/config.',
          format: String,
          default: '',
        },
        valueDelivery: {
          doc: "secretRef: values go to a Secret in the pod's namespace that the pod references (none in the pod spec); plainText: Flyte's way, values in the pod spec.",
          format: [ValueDelivery.SecretRef, ValueDelivery.PlainText],
          default: ValueDelivery.SecretRef,
        },
        fetchTimeout: { doc: "Longest wait for one backend call; must stay below the admission's deadline (10s by default).", format: fetchTimeout, default: '3s' },
        onBackendFailure: {
          doc: 'When the backend fails or times out (not when the secret is missing): deny the pod, or admit it without the secret and with a warning.',
          format: [BackendFailurePolicy.Deny, BackendFailurePolicy.AdmitWithWarning],
          default: BackendFailurePolicy.Deny,
        },
        fileMountInitContainer: {
          image: {
            doc: 'Image of the init container that writes FILE secrets in plainText mode (needs sh and base64).',
            format(value: unknown) {
              if (typeof value !== 'string' || value === '' || /\s/.test(value)) throw new Error('must be a container image reference such as registry/name:tag (not empty, no spaces)');
            },
            default: 'public.ecr.aws/docker/library/busybox:latest',
          },
          resources: containerResourcesSetting('Resources of that init container (requests, limits, claims); a given map replaces the default one, as in Flyte.', DEFAULT_RESOURCES),
          containerName: {
            doc: 'Name of that init container.',
            format(value: unknown) {
              if (typeof value !== 'string' || !isDnsLabel(value)) throw new Error('must be a container name: lower-case letters, digits and -, at most 63 characters');
            },
            default: 'init-embedded-secret',
          },
        },
        imagePullSecrets: {
          enabled: { doc: "Copy the image pull Secret named after the found secret (img-pull-<sha256>) from the webhook's namespace into the pod's and reference it.", format: Boolean, default: false },
          namespace: { doc: 'Where those image pull Secrets live; empty: $POD_NAMESPACE, else flyte.', format: String, default: '' },
        },
        cache: {
          ttl: { doc: 'How long a fetched value is used without asking the backend again (Flyte: 24h).', format: 'go-duration', default: '5m' },
          notFoundTtl: { doc: 'How long "no such secret at this scope" is remembered; 0s turns it off.', format: 'go-duration', default: '10s' },
          maxEntries: { doc: 'Most ids held in the cache; the least recently used go first.', format: 'nat', default: 10_000 },
          maxBytes: { doc: 'Most value bytes held in the cache.', format: 'nat', default: 16 * 1024 * 1024 },
          serveStaleOnError: { doc: 'When the backend fails, use an expired cached value (with a warning) instead of failing.', format: Boolean, default: false },
          maxStale: { doc: 'Oldest expired value serveStaleOnError may use.', format: 'go-duration', default: '1h' },
        },
      },
    },
  },
};

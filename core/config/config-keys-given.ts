import type { PodsecretsConfig } from './podsecrets-config.js';

// Keyed by the configuration object itself: the validated configuration holds defaults for every key,
// so whether the operator wrote a key is kept beside it, not in it.
const givenKeys = new WeakMap<PodsecretsConfig, ReadonlySet<string>>();

/** Records the dotted keys the operator's documents gave (`webhook`, `webhook.secretManagerType`, ...). */
export function recordGivenKeys(config: PodsecretsConfig, keys: Iterable<string>): void {
  givenKeys.set(config, new Set(keys));
}

/**
 * Whether the operator's configuration gave `key` (dotted, spelled as the schema spells it), as opposed
 * to the key holding its default: for settings whose meaning depends on another section being written,
 * such as Flyte's `cache:`. False for a configuration the loader did not make.
 */
export function isKeyGiven(config: PodsecretsConfig, key: string): boolean {
  return givenKeys.get(config)?.has(key) ?? false;
}

/**
 * Which keys the operator's configuration gave, for a plugin whose settings mean something else when
 * another section is written (Embedded's cache, when Flyte's `cache:` is there): {@link isKeyGiven}
 * without the raw configuration. Core binds it.
 */
export const GivenConfigKeys = Symbol.for('podsecrets.GivenConfigKeys');

export interface GivenConfigKeys {
  /** Whether the configuration gave `key` (dotted, spelled as the schema spells it) rather than leaving it at its default. */
  has(key: string): boolean;
}

/**
 * The one line `serve` and `plugins` print when the configuration chooses no backend: podsecrets then
 * uses K8s, where Flyte 2 would use Embedded. Undefined when `secretManagerType(s)` is written.
 */
export function defaultBackendNotice(config: PodsecretsConfig): string | undefined {
  if (isKeyGiven(config, 'webhook.secretManagerType') || isKeyGiven(config, 'webhook.secretManagerTypes')) return undefined;
  return 'webhook.secretManagerType(s) not set: using K8s (Kubernetes Secrets); Flyte 2 defaults to Embedded, set secretManagerTypes: [Embedded] for that (docs/flyte-compatibility.md)';
}

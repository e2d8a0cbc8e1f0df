import { defineSettings, goDurationNanoseconds, parseQuantity, setting, type SettingsOf } from '../../core/index.js';

/** flytestdlib's cache types (enumer names; Flyte takes them exactly or in lower case). */
const CACHE_TYPES = ['InMemoryFixedSize', 'Redis'] as const;
export type FlyteCacheType = (typeof CACHE_TYPES)[number];

/** Flyte's defaults for what a `cache:` section leaves out (flytestdlib/cache/config.go). */
export const FLYTE_CACHE_DEFAULTS = { type: 'InMemoryFixedSize', size: '100M', defaultExpiration: '24h' } as const;

/** The Flyte cache type `value` names (any case), or a message saying what is accepted. */
export function flyteCacheType(value: unknown): FlyteCacheType {
  const type = CACHE_TYPES.find((name) => typeof value === 'string' && name.toLowerCase() === value.toLowerCase());
  if (type === undefined) throw new Error(`must be one of ${CACHE_TYPES.join(', ')} (flytestdlib's cache types)`);
  return type;
}

/** Bytes in `inMemoryFixedSize.size`: a Kubernetes quantity (`100M`, `64Mi`) or a number, at least 1. */
export function flyteCacheSize(value: unknown): number {
  const bytes = typeof value === 'number' ? value : typeof value === 'string' ? parseQuantity(value) : undefined;
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 1) throw new Error('must be a quantity of bytes such as 100M or 64Mi (Flyte: inMemoryFixedSize.size)');
  return Math.floor(bytes);
}

/**
 * Milliseconds a value lives under Flyte's `defaultExpiration`: 0 or less means no expiry there
 * (freecache keeps such an entry until it is evicted), Infinity here.
 */
export function flyteCacheTtlMs(value: unknown): number {
  const nanos = goDurationNanoseconds(value);
  return nanos <= 0n ? Number.POSITIVE_INFINITY : Number(nanos) / 1e6;
}

/** A convict validator from a converter that throws. */
const validates =
  (convert: (value: unknown) => unknown) =>
  (value: unknown): void => {
    convert(value);
  };

/**
 * flytestdlib's top-level `cache:` section, which sizes and times Flyte's Embedded value cache. Its
 * in-memory tier maps onto podsecrets' cache (see {@link embeddedCacheOptions}); the Redis tier that
 * `type: Redis` adds behind it is accepted and not used.
 */
export const FlyteCacheSettings = Symbol.for('podsecrets.embedded.FlyteCacheSettings');

export const flyteCacheSettings = defineSettings(FlyteCacheSettings, {
  path: 'cache',
  owner: 'Embedded',
  schema: {
    type: setting.custom({
      doc: "Flyte's cache type (any case): InMemoryFixedSize, or Redis (a Redis tier behind the in-memory one, not used by podsecrets).",
      format: validates(flyteCacheType),
      default: FLYTE_CACHE_DEFAULTS.type,
      convert: flyteCacheType,
    }),
    inMemoryFixedSize: {
      size: setting.custom({
        doc: "Bytes of Flyte's in-memory cache (a quantity, e.g. 100M): embeddedSecretManagerConfig.cache.maxBytes unless that is written.",
        format: validates(flyteCacheSize),
        default: FLYTE_CACHE_DEFAULTS.size,
        convert: flyteCacheSize,
      }),
      defaultExpiration: setting.custom({
        doc: 'How long Flyte keeps a value (0 or less: until evicted): embeddedSecretManagerConfig.cache.ttl unless that is written.',
        format: 'go-duration-or-none',
        default: FLYTE_CACHE_DEFAULTS.defaultExpiration,
        convert: flyteCacheTtlMs,
      }),
    },
    redis: {
      options: setting.mapping<Readonly<Record<string, unknown>>>("Flyte's Redis connection options (accepted, not used: podsecrets keeps values in each replica).", {}),
      defaultExpiration: setting.durationOrNone("Flyte's Redis TTL (accepted, not used).", '24h'),
    },
  },
});

export interface FlyteCacheSettings extends SettingsOf<typeof flyteCacheSettings> {}

/** The two settings of Embedded's value cache that Flyte's `cache:` section also gives, as they apply. */
export const MappedCacheOptions = Symbol.for('podsecrets.embedded.MappedCacheOptions');

export interface MappedCacheOptions {
  readonly ttlMs: number;
  readonly maxBytes: number;
}

const OWN = 'webhook.embeddedSecretManagerConfig.cache';

/**
 * Embedded's cache TTL and size: podsecrets' own `embeddedSecretManagerConfig.cache.ttl` and `.maxBytes`
 * when written; else, when the configuration has Flyte's `cache:` section, its in-memory expiration and
 * size (Flyte's defaults, 24h and 100M, for what the section leaves out); else podsecrets' defaults.
 * `given` says whether the operator wrote a key (GivenConfigKeys).
 */
export function embeddedCacheOptions(own: { readonly ttl: number; readonly maxBytes: number }, flyte: FlyteCacheSettings, given: (key: string) => boolean): MappedCacheOptions {
  const fromFlyte = given('cache');
  return {
    ttlMs: fromFlyte && !given(`${OWN}.ttl`) ? flyte.inMemoryFixedSize.defaultExpiration : own.ttl,
    maxBytes: fromFlyte && !given(`${OWN}.maxBytes`) ? flyte.inMemoryFixedSize.size : own.maxBytes,
  };
}

import { goDurationNanoseconds, parseQuantity } from '../../core/index.js';

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

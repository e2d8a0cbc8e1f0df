import { SecretFetchError, SecretFetchErrorCode, type SecretValue } from '../../core/index.js';
import { raceAbort } from './race-abort.js';

export interface SecretValueCacheOptions {
  readonly ttlMs: number;
  readonly notFoundTtlMs: number;
  readonly maxEntries: number;
  readonly maxBytes: number;
  readonly serveStaleOnError: boolean;
  readonly maxStaleMs: number;
  /** Milliseconds since some fixed point; a parameter so tests can move time. */
  readonly now: () => number;
}

/** A value from the cache: `staleMs` > 0 when it expired and was served because the backend failed. */
export interface CachedValue {
  readonly value: SecretValue;
  readonly staleMs: number;
  /** Whether this call (or the one it joined) asked the backend. */
  readonly fetched: boolean;
}

interface Entry {
  readonly value: SecretValue | undefined;
  readonly notFound?: SecretFetchError;
  readonly bytes: number;
  readonly storedAt: number;
}

type Load = (signal: AbortSignal) => Promise<SecretValue>;

/**
 * Secret values by id, so that a busy cluster does not ask the backend on every admission. Values live
 * `ttlMs`; "not found" lives `notFoundTtlMs` (short: a secret created a moment later shows up soon);
 * concurrent misses of one id share one backend call; the least recently used entries go once
 * `maxEntries` or `maxBytes` is passed. An expired value stays until evicted, and is served when the
 * backend fails only if `serveStaleOnError` is set and it is not older than `maxStaleMs`.
 */
export class SecretValueCache {
  readonly #options: SecretValueCacheOptions;
  // A Map iterates in insertion order; re-inserting on every hit keeps the least recently used first.
  readonly #entries = new Map<string, Entry>();
  readonly #inFlight = new Map<string, Promise<CachedValue>>();
  #bytes = 0;

  constructor(options: SecretValueCacheOptions) {
    this.#options = options;
  }

  /** How many ids, and how many value bytes, the cache holds. */
  get size(): { readonly entries: number; readonly bytes: number } {
    return { entries: this.#entries.size, bytes: this.#bytes };
  }

  /**
   * The value of `id`: from the cache while fresh, else from `load`, which runs once for all
   * concurrent callers with its own `signal` (`loadSignal`). A caller whose `signal` aborts stops
   * waiting without cancelling the shared call. Rejects with what `load` rejected with.
   */
  async get(id: string, load: Load, loadSignal: () => AbortSignal, signal: AbortSignal): Promise<CachedValue> {
    const entry = this.#entries.get(id);
    const now = this.#options.now();
    if (entry !== undefined) {
      const ttl = entry.notFound !== undefined ? this.#options.notFoundTtlMs : this.#options.ttlMs;
      if (now - entry.storedAt < ttl) {
        this.#touch(id, entry);
        if (entry.notFound !== undefined) throw entry.notFound;
        return { value: entry.value as SecretValue, staleMs: 0, fetched: false };
      }
    }
    let shared = this.#inFlight.get(id);
    if (shared === undefined) {
      shared = this.#load(id, load, loadSignal()).finally(() => this.#inFlight.delete(id));
      this.#inFlight.set(id, shared);
    }
    return raceAbort(shared, signal, () => new SecretFetchError(SecretFetchErrorCode.SecretReadFailure, id, 'the admission deadline passed before the backend answered'));
  }

  /** Forgets `id`, as the invalidation endpoint asks. */
  delete(id: string): void {
    const entry = this.#entries.get(id);
    if (entry === undefined) return;
    this.#entries.delete(id);
    this.#bytes -= entry.bytes;
  }

  async #load(id: string, load: Load, signal: AbortSignal): Promise<CachedValue> {
    try {
      const value = await load(signal);
      this.#store(id, { value, bytes: byteLength(value), storedAt: this.#options.now() });
      return { value, staleMs: 0, fetched: true };
    } catch (error) {
      if (SecretFetchError.isNotFound(error)) {
        if (this.#options.notFoundTtlMs > 0) this.#store(id, { value: undefined, notFound: error as SecretFetchError, bytes: 0, storedAt: this.#options.now() });
        else this.delete(id);
        throw error;
      }
      const stale = this.#entries.get(id);
      if (this.#options.serveStaleOnError && stale?.value !== undefined) {
        const age = this.#options.now() - stale.storedAt - this.#options.ttlMs;
        if (age <= this.#options.maxStaleMs) return { value: stale.value, staleMs: Math.max(age, 1), fetched: true };
      }
      throw error;
    }
  }

  #store(id: string, entry: Entry): void {
    this.delete(id);
    if (entry.bytes > this.#options.maxBytes || this.#options.maxEntries === 0) return;
    this.#entries.set(id, entry);
    this.#bytes += entry.bytes;
    for (const [oldest, old] of this.#entries) {
      if (this.#entries.size <= this.#options.maxEntries && this.#bytes <= this.#options.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= old.bytes;
    }
  }

  #touch(id: string, entry: Entry): void {
    this.#entries.delete(id);
    this.#entries.set(id, entry);
  }
}

function byteLength(value: SecretValue): number {
  return typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.byteLength;
}

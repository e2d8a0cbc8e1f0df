import type { SecretRequest } from '../secret/secret-request.js';

/** How many decoded annotation values {@link DecodedSecretCache} keeps by default. */
export const DECODED_SECRET_CACHE_ENTRIES = 1024;
/** The total length of the values it keeps by default, in UTF-16 code units. */
export const DECODED_SECRET_CACHE_CHARS = 512 * 1024;
/**
 * The longest value it keeps: Flyte base32 of a request whose group and key are each a full 253-character
 * Kubernetes name, with room to spare. A longer value is decoded every time, so that one pod cannot
 * fill the cache with a few huge annotations.
 */
export const DECODED_SECRET_VALUE_CHARS = 2048;

/**
 * Annotation value -> the request it decodes to, for the values decoded lately. Flyte writes the same
 * `flyte.secrets/s<N>` values into every pod of a task (every shard of a map task, every retry), so an
 * admission mostly finds its secrets here instead of decoding base32 and protobuf text again.
 *
 * Bounded twice, since the values come from whoever creates pods: at most `maxEntries` entries and at
 * most `maxChars` code units of values altogether, dropping the least recently used first; a value
 * longer than `maxValueChars` is never kept. Only values that decoded are kept, so every error is made
 * afresh with its own message. Entries are frozen: what one admission reads, no other can change.
 */
export class DecodedSecretCache {
  readonly #maxEntries: number;
  readonly #maxChars: number;
  readonly #maxValueChars: number;
  // A Map iterates in insertion order; a hit is moved to the end, so the first key is the least recently used.
  readonly #entries = new Map<string, Readonly<SecretRequest>>();
  #chars = 0;

  constructor(maxEntries = DECODED_SECRET_CACHE_ENTRIES, maxChars = DECODED_SECRET_CACHE_CHARS, maxValueChars = DECODED_SECRET_VALUE_CHARS) {
    this.#maxEntries = maxEntries;
    this.#maxChars = maxChars;
    this.#maxValueChars = Math.min(maxValueChars, maxChars);
  }

  /** How many values are kept. */
  get size(): number {
    return this.#entries.size;
  }

  /** The total length of the values kept. */
  get chars(): number {
    return this.#chars;
  }

  /**
   * The request `value` decodes to: the kept one, else `decode(value)`, kept if it returns. What
   * `decode` throws reaches the caller unchanged, and nothing is kept.
   */
  decode(value: string, decode: (value: string) => SecretRequest): Readonly<SecretRequest> {
    const kept = this.#entries.get(value);
    if (kept !== undefined) {
      this.#entries.delete(value);
      this.#entries.set(value, kept);
      return kept;
    }
    const { group, groupVersion, key, mountRequirement, envVar } = decode(value);
    // A copy of the five fields, frozen: neither decode's object nor any other field is shared.
    const request = Object.freeze({ group, groupVersion, key, mountRequirement, envVar });
    if (value.length <= this.#maxValueChars && this.#maxEntries > 0) {
      while (this.#entries.size >= this.#maxEntries || this.#chars + value.length > this.#maxChars) this.#evictOldest();
      this.#entries.set(value, request);
      this.#chars += value.length;
    }
    return request;
  }

  #evictOldest(): void {
    const oldest = this.#entries.keys().next();
    if (oldest.done === true) return;
    this.#entries.delete(oldest.value);
    this.#chars -= oldest.value.length;
  }
}

import { expect } from 'chai';
import { SecretFetchError, type SecretValue } from '../../../core/index.js';
import { SecretValueCache, type SecretValueCacheOptions } from '../../../plugins/embedded/secret-value-cache.js';

const NEVER = new AbortController().signal;
const loadSignal = (): AbortSignal => NEVER;

function cacheWith(options: Partial<SecretValueCacheOptions>): SecretValueCache {
  return new SecretValueCache({ ttlMs: 60_000, notFoundTtlMs: 0, maxEntries: 100, maxBytes: 1 << 20, serveStaleOnError: false, maxStaleMs: 0, now: () => 0, ...options });
}

function loader(values: Record<string, SecretValue>, calls: string[]) {
  return (id: string) => async () => {
    calls.push(id);
    const value = values[id];
    if (value === undefined) throw new SecretFetchError('SecretNotFound', id, 'absent');
    return value;
  };
}

describe(SecretValueCache.name, () => {
  describe('when more ids than maxEntries are cached', () => {
    it('should evict the least recently used', async () => {
      const calls: string[] = [];
      const load = loader({ a: 'A', b: 'B', c: 'C' }, calls);
      const cache = cacheWith({ maxEntries: 2 });
      await cache.get('a', load('a'), loadSignal, NEVER);
      await cache.get('b', load('b'), loadSignal, NEVER);
      await cache.get('a', load('a'), loadSignal, NEVER);
      await cache.get('c', load('c'), loadSignal, NEVER);
      await cache.get('a', load('a'), loadSignal, NEVER);
      await cache.get('b', load('b'), loadSignal, NEVER);
      expect(calls).to.deep.equal(['a', 'b', 'c', 'b']);
      expect(cache.size.entries).to.equal(2);
    });
  });

  describe('when the values pass maxBytes', () => {
    it('should evict until they fit, and not cache a value larger than the bound', async () => {
      const calls: string[] = [];
      const load = loader({ a: 'x'.repeat(600), b: 'y'.repeat(600), huge: new Uint8Array(2000) }, calls);
      const cache = cacheWith({ maxBytes: 1000 });
      await cache.get('a', load('a'), loadSignal, NEVER);
      await cache.get('b', load('b'), loadSignal, NEVER);
      expect(cache.size).to.deep.equal({ entries: 1, bytes: 600 });
      await cache.get('huge', load('huge'), loadSignal, NEVER);
      expect(cache.size).to.deep.equal({ entries: 1, bytes: 600 });
      await cache.get('b', load('b'), loadSignal, NEVER);
      expect(calls).to.deep.equal(['a', 'b', 'huge']);
    });
  });

  describe('when notFoundTtl is 0', () => {
    it('should not remember a miss', async () => {
      const calls: string[] = [];
      const load = loader({}, calls);
      const cache = cacheWith({});
      for (let i = 0; i < 2; i++) {
        try {
          await cache.get('a', load('a'), loadSignal, NEVER);
        } catch (error) {
          expect(SecretFetchError.isNotFound(error)).to.equal(true);
        }
      }
      expect(calls).to.deep.equal(['a', 'a']);
      expect(cache.size.entries).to.equal(0);
    });
  });

  describe('when the shared load fails for concurrent callers', () => {
    it('should give every caller the failure and cache nothing', async () => {
      let calls = 0;
      const failing = async (): Promise<SecretValue> => {
        calls += 1;
        throw new SecretFetchError('SecretReadFailure', 'a', 'down');
      };
      const cache = cacheWith({});
      const results = await Promise.allSettled(Array.from({ length: 5 }, () => cache.get('a', failing, loadSignal, NEVER)));
      expect(results.map((result) => result.status)).to.deep.equal(['rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
      expect(calls).to.equal(1);
      expect(cache.size.entries).to.equal(0);
    });
  });
});

import { expect } from 'chai';
import { SecretFetchError, type SecretValue } from '../../../core/index.js';
import { SecretValueCache, type SecretValueCacheOptions } from '../../../plugins/embedded/secret-value-cache.js';

const NEVER = new AbortController().signal;
const loadSignal = (): AbortSignal => NEVER;

function cacheWith(options: Partial<SecretValueCacheOptions>): SecretValueCache {
  return new SecretValueCache({ ttlMs: 60_000, notFoundTtlMs: 0, maxEntries: 100, maxBytes: 1 << 20, serveStaleOnError: false, maxStaleMs: 0, now: () => 0, ...options });
}

/** A clock the test moves by hand. */
function manualClock(start: number) {
  const clock = { at: start, now: () => clock.at };
  return clock;
}

const readFailure = () => new SecretFetchError('SecretReadFailure', 'a', 'down');

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

  describe('when a value is younger than ttlMs', () => {
    it('should answer from the cache without asking the backend, saying it did not fetch', async () => {
      const calls: string[] = [];
      const clock = manualClock(1000);
      const cache = cacheWith({ ttlMs: 100, now: clock.now });
      expect(await cache.get('a', loader({ a: 'A' }, calls)('a'), loadSignal, NEVER)).to.deep.equal({ value: 'A', staleMs: 0, fetched: true });
      clock.at = 1099;
      expect(await cache.get('a', loader({ a: 'B' }, calls)('a'), loadSignal, NEVER)).to.deep.equal({ value: 'A', staleMs: 0, fetched: false });
      expect(calls).to.deep.equal(['a']);
    });
  });

  describe('when ttlMs has passed', () => {
    it('should ask the backend again, from the moment the value is ttlMs old', async () => {
      const calls: string[] = [];
      const clock = manualClock(1000);
      const cache = cacheWith({ ttlMs: 100, now: clock.now });
      await cache.get('a', loader({ a: 'A' }, calls)('a'), loadSignal, NEVER);
      clock.at = 1100;
      expect(await cache.get('a', loader({ a: 'B' }, calls)('a'), loadSignal, NEVER)).to.deep.equal({ value: 'B', staleMs: 0, fetched: true });
      expect(calls).to.deep.equal(['a', 'a']);
    });
  });

  describe('when notFoundTtlMs is above 0', () => {
    it('should throw the remembered not-found for notFoundTtlMs, even while ttlMs is longer, then ask again', async () => {
      const calls: string[] = [];
      const clock = manualClock(1000);
      const cache = cacheWith({ ttlMs: 60_000, notFoundTtlMs: 50, now: clock.now });
      const first = await cache.get('a', loader({}, calls)('a'), loadSignal, NEVER).catch((error: unknown) => error);
      expect(SecretFetchError.isNotFound(first)).to.equal(true);
      clock.at = 1049;
      const remembered = await cache.get('a', loader({}, calls)('a'), loadSignal, NEVER).catch((error: unknown) => error);
      expect(remembered).to.equal(first);
      expect(cache.size).to.deep.equal({ entries: 1, bytes: 0 });
      clock.at = 1050;
      expect(await cache.get('a', loader({ a: 'A' }, calls)('a'), loadSignal, NEVER)).to.deep.include({ value: 'A', fetched: true });
      expect(calls).to.deep.equal(['a', 'a']);
    });

    it('should not remember a failure that is not a not-found', async () => {
      let calls = 0;
      const failing = async (): Promise<SecretValue> => {
        calls += 1;
        throw readFailure();
      };
      const cache = cacheWith({ notFoundTtlMs: 60_000 });
      for (let i = 0; i < 2; i++) await cache.get('a', failing, loadSignal, NEVER).catch(() => undefined);
      expect(calls).to.equal(2);
      expect(cache.size.entries).to.equal(0);
    });
  });

  describe('when an id is deleted', () => {
    it('should forget it and its bytes, and ask the backend next time', async () => {
      const calls: string[] = [];
      const cache = cacheWith({});
      await cache.get('a', loader({ a: 'éé' }, calls)('a'), loadSignal, NEVER);
      await cache.get('b', loader({ b: new Uint8Array(3) }, calls)('b'), loadSignal, NEVER);
      expect(cache.size).to.deep.equal({ entries: 2, bytes: 7 });
      cache.delete('a');
      cache.delete('missing');
      expect(cache.size).to.deep.equal({ entries: 1, bytes: 3 });
      await cache.get('a', loader({ a: 'éé' }, calls)('a'), loadSignal, NEVER);
      expect(calls).to.deep.equal(['a', 'b', 'a']);
    });
  });

  describe('when the values fill maxBytes exactly', () => {
    it('should keep them all, including one value of exactly maxBytes', async () => {
      const calls: string[] = [];
      const load = loader({ a: 'x'.repeat(400), b: 'y'.repeat(600), whole: 'z'.repeat(1000) }, calls);
      const cache = cacheWith({ maxBytes: 1000 });
      await cache.get('a', load('a'), loadSignal, NEVER);
      await cache.get('b', load('b'), loadSignal, NEVER);
      expect(cache.size).to.deep.equal({ entries: 2, bytes: 1000 });
      await cache.get('whole', load('whole'), loadSignal, NEVER);
      expect(cache.size).to.deep.equal({ entries: 1, bytes: 1000 });
    });
  });

  describe("when the caller's signal aborts before the backend answers", () => {
    it('should reject that caller with SecretReadFailure naming the deadline, and still cache the answer', async () => {
      let answer: (value: SecretValue) => void = () => undefined;
      const pending = new Promise<SecretValue>((resolve) => (answer = resolve));
      const cache = cacheWith({});
      const caller = new AbortController();
      const waiting = cache.get('a', () => pending, loadSignal, caller.signal).catch((error: unknown) => error);
      caller.abort();
      const error = (await waiting) as SecretFetchError;
      expect(error).to.be.instanceOf(SecretFetchError);
      expect(error.code).to.equal('SecretReadFailure');
      expect(error.message).to.include('the admission deadline passed before the backend answered');
      answer('A');
      await pending;
      expect(await cache.get('a', () => Promise.reject(readFailure()), loadSignal, NEVER)).to.deep.include({ value: 'A', fetched: false });
    });
  });

  describe('when the backend fails and serveStaleOnError is set', () => {
    const staleCache = (clock: { now: () => number }) => cacheWith({ ttlMs: 100, serveStaleOnError: true, maxStaleMs: 50, now: clock.now });

    it('should serve the expired value up to maxStaleMs past its expiry, saying how stale it is', async () => {
      const clock = manualClock(1000);
      const cache = staleCache(clock);
      await cache.get('a', async () => 'A', loadSignal, NEVER);
      const failing = () => Promise.reject(readFailure());
      clock.at = 1100;
      expect(await cache.get('a', failing, loadSignal, NEVER)).to.deep.equal({ value: 'A', staleMs: 1, fetched: true });
      clock.at = 1130;
      expect(await cache.get('a', failing, loadSignal, NEVER)).to.deep.equal({ value: 'A', staleMs: 30, fetched: true });
      clock.at = 1150;
      expect(await cache.get('a', failing, loadSignal, NEVER)).to.deep.equal({ value: 'A', staleMs: 50, fetched: true });
    });

    it('should throw the backend error once the value is more than maxStaleMs past its expiry', async () => {
      const clock = manualClock(1000);
      const cache = staleCache(clock);
      await cache.get('a', async () => 'A', loadSignal, NEVER);
      clock.at = 1151;
      const error = await cache.get('a', () => Promise.reject(readFailure()), loadSignal, NEVER).catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(SecretFetchError).with.property('code', 'SecretReadFailure');
    });

    it('should throw the backend error when nothing, or only a not-found, was cached', async () => {
      const clock = manualClock(1000);
      const cache = cacheWith({ ttlMs: 100, notFoundTtlMs: 10, serveStaleOnError: true, maxStaleMs: 60_000, now: clock.now });
      const nothing = await cache.get('a', () => Promise.reject(readFailure()), loadSignal, NEVER).catch((caught: unknown) => caught);
      expect(nothing).to.be.instanceOf(SecretFetchError).with.property('code', 'SecretReadFailure');
      await cache.get('b', loader({}, [])('b'), loadSignal, NEVER).catch(() => undefined);
      clock.at = 1020;
      const missing = await cache.get('b', () => Promise.reject(readFailure()), loadSignal, NEVER).catch((caught: unknown) => caught);
      expect(missing).to.be.instanceOf(SecretFetchError).with.property('code', 'SecretReadFailure');
    });
  });

  describe('when the backend fails and serveStaleOnError is not set', () => {
    it('should throw the backend error, whatever is cached', async () => {
      const clock = manualClock(1000);
      const cache = cacheWith({ ttlMs: 100, serveStaleOnError: false, maxStaleMs: 60_000, now: clock.now });
      await cache.get('a', async () => 'A', loadSignal, NEVER);
      clock.at = 1100;
      const error = await cache.get('a', () => Promise.reject(readFailure()), loadSignal, NEVER).catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(SecretFetchError).with.property('code', 'SecretReadFailure');
    });
  });
});

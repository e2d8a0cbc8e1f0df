import { expect } from 'chai';
import { MountRequirement, secretRequest, type SecretRequest } from '../../../core/secret/secret-request.js';
import { DECODED_SECRET_CACHE_CHARS, DECODED_SECRET_CACHE_ENTRIES, DECODED_SECRET_VALUE_CHARS, DecodedSecretCache } from '../../../core/wire/decoded-secret-cache.js';
import { decodePodSecretRequests } from '../../../core/wire/pod-secret-requests.js';
import { SecretAnnotationError } from '../../../core/wire/secret-annotation-error.js';
import { decodeSecretAnnotations, encodeSecret } from '../../../core/wire/secret-annotations.js';
import { randomSecret, seededRandom } from './random-secrets.js';

const DB = secretRequest({ group: 'db', key: 'password', mountRequirement: MountRequirement.FILE });

/** A decode that counts its calls and returns a request named after the value. */
function countingDecode(): { calls: string[]; decode: (value: string) => SecretRequest } {
  const calls: string[] = [];
  return { calls, decode: (value) => (calls.push(value), secretRequest({ key: value })) };
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(SecretAnnotationError);
    return (error as Error).message;
  }
  return expect.fail('no error');
}

describe('DecodedSecretCache', () => {
  describe('when a value is decoded again', () => {
    it('should answer from the cache without decoding it twice', () => {
      const cache = new DecodedSecretCache();
      const { calls, decode } = countingDecode();
      const first = cache.decode('a', decode);
      const second = cache.decode('a', decode);
      expect(calls).to.deep.equal(['a']);
      expect(second).to.deep.equal(first);
    });
  });

  describe('when a kept entry is written to', () => {
    it('should refuse, so that no admission changes what another reads', () => {
      const cache = new DecodedSecretCache();
      const { decode } = countingDecode();
      const kept = cache.decode('a', decode);
      expect(Object.isFrozen(kept)).to.equal(true);
      expect(() => Object.assign(kept, { key: 'b' })).to.throw(TypeError);
      expect(cache.decode('a', decode).key).to.equal('a');
    });

    it('should not share the object the decoder returned, which its caller could still change', () => {
      const cache = new DecodedSecretCache();
      const decoded = secretRequest({ key: 'a' }) as { -readonly [K in keyof SecretRequest]: SecretRequest[K] };
      cache.decode('a', () => decoded);
      decoded.key = 'changed';
      expect(cache.decode('a', () => expect.fail('decoded again')).key).to.equal('a');
    });
  });

  describe('when decoding throws', () => {
    it('should pass the error on and keep nothing', () => {
      const cache = new DecodedSecretCache();
      const failure = new Error('bad value');
      expect(() =>
        cache.decode('bad', () => {
          throw failure;
        }),
      ).to.throw(failure);
      expect(cache.size).to.equal(0);
      const { calls, decode } = countingDecode();
      cache.decode('bad', decode);
      expect(calls).to.deep.equal(['bad']);
    });
  });

  describe('when more values come than it may keep', () => {
    it('should keep at most its number of entries, dropping the least recently used', () => {
      const cache = new DecodedSecretCache(3, 1000, 100);
      const { calls, decode } = countingDecode();
      for (const value of ['a', 'b', 'c']) cache.decode(value, decode);
      cache.decode('a', decode);
      cache.decode('d', decode);
      expect(cache.size).to.equal(3);
      calls.length = 0;
      for (const value of ['a', 'c', 'd']) cache.decode(value, decode);
      expect(calls, 'decoded again').to.deep.equal([]);
      cache.decode('b', decode);
      expect(calls, 'decoded again').to.deep.equal(['b']);
    });

    it('should keep at most its total length of values', () => {
      const cache = new DecodedSecretCache(100, 25, 10);
      const { decode } = countingDecode();
      for (let index = 0; index < 20; index++) cache.decode(`${index}`.padEnd(10, 'x'), decode);
      expect(cache.chars).to.equal(20);
      expect(cache.size).to.equal(2);
    });

    it('should not keep a value longer than its longest', () => {
      const cache = new DecodedSecretCache(100, 1000, 10);
      const { calls, decode } = countingDecode();
      const long = 'x'.repeat(11);
      cache.decode(long, decode);
      cache.decode(long, decode);
      expect(calls).to.deep.equal([long, long]);
      expect(cache.size).to.equal(0);
    });
  });

  describe('when a pod brings as many large annotations as Kubernetes allows', () => {
    it('should stay within its default bounds', () => {
      const cache = new DecodedSecretCache();
      const random = seededRandom(7);
      for (let index = 0; index < DECODED_SECRET_CACHE_ENTRIES * 2; index++) {
        const group = `g${index}-${'x'.repeat(Math.floor(random() * 1200))}`;
        decodeSecretAnnotations({ 'flyte.secrets/s0': encodeSecret(secretRequest({ group, key: 'k' })) }, cache);
      }
      expect(cache.size).to.be.at.most(DECODED_SECRET_CACHE_ENTRIES);
      expect(cache.chars).to.be.at.most(DECODED_SECRET_CACHE_CHARS);
      expect(cache.chars).to.be.greaterThan(DECODED_SECRET_CACHE_CHARS - DECODED_SECRET_VALUE_CHARS);
    });
  });
});

describe('decodeSecretAnnotations with a DecodedSecretCache', () => {
  describe('when the same annotations are decoded cold and warm', () => {
    it('should give what decoding without a cache gives', () => {
      const cache = new DecodedSecretCache();
      const random = seededRandom(12);
      const annotations = Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`flyte.secrets/s${index}`, encodeSecret(randomSecret(random))]));
      const fresh = decodeSecretAnnotations(annotations);
      expect(decodeSecretAnnotations(annotations, cache), 'cold').to.deep.equal(fresh);
      expect(decodeSecretAnnotations(annotations, cache), 'warm').to.deep.equal(fresh);
      expect(cache.size).to.be.greaterThan(0);
    });
  });

  describe('when two annotations, or two pods, carry the same value', () => {
    it('should give each request its own object, named after its own annotation', () => {
      const cache = new DecodedSecretCache();
      const value = encodeSecret(DB);
      const [first, second] = decodePodSecretRequests({ 'flyte.secrets/s0': value, 'flyte.secrets/s1': `${value}` }, cache);
      expect(first).to.deep.equal({ ...DB, source: 'flyte.secrets/s0' });
      const [again] = decodePodSecretRequests({ 'flyte.secrets/s3': value }, cache);
      (again as { key: string }).key = 'changed';
      expect(decodePodSecretRequests({ 'flyte.secrets/s3': value }, cache)).to.deep.equal([{ ...DB, source: 'flyte.secrets/s3' }]);
      expect(second).to.equal(undefined, 'the same request asked twice is kept once');
    });
  });

  describe('when a value does not decode', () => {
    it('should throw the message decoding without a cache throws, every time', () => {
      const cache = new DecodedSecretCache();
      const annotations = { 'flyte.secrets/s0': encodeSecret(DB), 'flyte.secrets/s1': 'NOT-BASE32' };
      const expected = messageOf(() => decodeSecretAnnotations(annotations));
      expect(messageOf(() => decodeSecretAnnotations(annotations, cache))).to.equal(expected);
      expect(messageOf(() => decodeSecretAnnotations(annotations, cache))).to.equal(expected);
      expect(messageOf(() => decodeSecretAnnotations({ 'flyte.secrets/s7': 'NOT-BASE32' }, cache))).to.equal(expected.replace('flyte.secrets/s1', 'flyte.secrets/s7'));
      expect(cache.size).to.equal(1);
    });
  });
});

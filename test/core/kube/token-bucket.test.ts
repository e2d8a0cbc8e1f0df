import { expect } from 'chai';
import { TokenBucket } from '../../../core/kube/token-bucket.js';

describe(TokenBucket.name, () => {
  describe('when callers arrive faster than the rate', () => {
    it('should let the burst through at once, then space the rest at 1/rate', () => {
      let now = 0;
      const bucket = new TokenBucket(10, 3, () => now);
      expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).to.deep.equal([0, 0, 0]);
      expect([bucket.reserve(), bucket.reserve()]).to.deep.equal([100, 200]);
      now = 1000;
      // Two reservations were owed: after a second the bucket holds 10 - 2, capped at the burst.
      expect([bucket.reserve(), bucket.reserve(), bucket.reserve(), bucket.reserve()]).to.deep.equal([0, 0, 0, 100]);
    });
  });

  describe('when a waiting caller gives up', () => {
    it('should give its token back and reject with the reason', async () => {
      let now = 0;
      const bucket = new TokenBucket(1, 1, () => now);
      await bucket.take();
      const controller = new AbortController();
      const waiting = bucket.take(controller.signal);
      controller.abort(new Error('gave up'));
      let reason: unknown;
      await waiting.catch((error: unknown) => (reason = error));
      expect((reason as Error).message).to.equal('gave up');
      now = 1000;
      expect(bucket.reserve()).to.equal(0);
    });
  });

  describe('when the rate or burst cannot limit anything', () => {
    it('should refuse them', () => {
      expect(() => new TokenBucket(0, 1)).to.throw('a rate above 0 and a burst of at least 1, got 0 and 1');
      expect(() => new TokenBucket(1, 0)).to.throw('got 1 and 0');
    });
  });
});

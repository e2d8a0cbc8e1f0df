import { expect } from 'chai';
import { goDurationNanoseconds, parseGoDuration } from '../../../core/index.js';

// Expected values follow Go's time.ParseDuration and flytestdlib's config.Duration.UnmarshalJSON.
describe('goDurationNanoseconds', () => {
  describe('when the value is a string in Go syntax', () => {
    it('should give its nanoseconds for each unit Go accepts, both micro signs included', () => {
      const texts = ['1h', '2m', '3s', '4ms', '5us', '6\u00b5s', '7\u03bcs', '8ns'];
      expect(texts.map((text) => goDurationNanoseconds(text))).to.deep.equal([3_600_000_000_000n, 120_000_000_000n, 3_000_000_000n, 4_000_000n, 5000n, 6000n, 7000n, 8n]);
    });

    it('should take the forms Go takes: a bare 0, signs, fractions without a whole part and without digits after the point', () => {
      expect(['0', '+0', '-0', '.5s', '1.s', '-1.5h', '+5m', '1h30m', '1m30.5s'].map((text) => goDurationNanoseconds(text))).to.deep.equal([
        0n,
        0n,
        0n,
        500_000_000n,
        1_000_000_000n,
        -5_400_000_000_000n,
        300_000_000_000n,
        5_400_000_000_000n,
        90_500_000_000n,
      ]);
    });

    it('should keep every nanosecond up to the largest duration Go has', () => {
      expect(goDurationNanoseconds('2562047h47m16.854775807s')).to.equal((1n << 63n) - 1n);
      expect(goDurationNanoseconds('1.000000001s')).to.equal(1_000_000_001n);
    });
  });

  describe('when the value is a number or empty', () => {
    it('should count a number as nanoseconds, truncated as Go converts a float64', () => {
      expect(goDurationNanoseconds(30)).to.equal(30n);
      expect(goDurationNanoseconds(1.9)).to.equal(1n);
      expect(goDurationNanoseconds(0)).to.equal(0n);
    });

    it('should read "" and nothing as zero, as Flyte does', () => {
      expect(goDurationNanoseconds('')).to.equal(0n);
      expect(goDurationNanoseconds(null)).to.equal(0n);
    });
  });

  describe('when the value is not a duration', () => {
    it("should refuse what Go refuses, naming the key, the value and Go's reason", () => {
      expect(() => goDurationNanoseconds('90', 'webhook.timeout')).to.throw('webhook.timeout: "90" is not a Go duration (Go: missing unit in duration)');
      expect(() => goDurationNanoseconds('1h 30m', 'cache.ttl')).to.throw('cache.ttl: "1h 30m" is not a Go duration (Go: unknown unit "h " in duration)');
      expect(() => goDurationNanoseconds('1d', 'cache.ttl')).to.throw('unknown unit "d"');
      for (const text of ['.s', '-', '+', 's', '1..5s', '9223372036854775808ns', '2562048h']) {
        expect(() => goDurationNanoseconds(text, 'k'), text).to.throw(`k: ${JSON.stringify(text)} is not a Go duration`);
      }
    });

    it('should refuse other types and numbers beyond 63 bits', () => {
      expect(() => goDurationNanoseconds(true, 'k')).to.throw('k: true is not a duration');
      expect(() => goDurationNanoseconds(1e19, 'k')).to.throw('k: 10000000000000000000 is out of range');
    });
  });
});

describe('parseGoDuration', () => {
  describe('when the value is a duration', () => {
    it('should give milliseconds, fractions kept', () => {
      expect(parseGoDuration('1m30.5s')).to.equal(90_500);
      expect(parseGoDuration('1500us')).to.equal(1.5);
      expect(parseGoDuration(2_000_000)).to.equal(2);
      expect(parseGoDuration('0')).to.equal(0);
    });
  });
});

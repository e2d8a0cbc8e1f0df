import { expect } from 'chai';
import { parseGoDuration } from '../../../core/index.js';

describe('parseGoDuration', () => {
  describe('when the text is a Go duration', () => {
    it('should give its milliseconds for each unit Go accepts', () => {
      expect(['1h', '2m', '3s', '4ms', '5000us', '6000µs', '7000000ns'].map((text) => parseGoDuration(text))).to.deep.equal([3_600_000, 120_000, 3000, 4, 5, 6, 7]);
    });

    it('should add up several parts and accept fractions', () => {
      expect(parseGoDuration('1h30m')).to.equal(5_400_000);
      expect(parseGoDuration('1m30.5s')).to.equal(90_500);
      expect(parseGoDuration('0s')).to.equal(0);
    });
  });

  describe('when the text is not a Go duration', () => {
    it('should refuse it, naming the key and the value', () => {
      expect(() => parseGoDuration('90', 'webhook.timeout')).to.throw('webhook.timeout: "90" is not a Go duration such as 30s, 1m30s or 500ms');
      expect(() => parseGoDuration('1h 30m', 'cache.ttl')).to.throw('cache.ttl: "1h 30m" is not a Go duration such as 30s, 1m30s or 500ms');
      expect(() => parseGoDuration('1d', 'cache.ttl')).to.throw('cache.ttl: "1d" is not a Go duration');
    });

    it('should refuse the empty text, and say "duration" when no key is given', () => {
      expect(() => parseGoDuration('')).to.throw('duration: "" is not a Go duration');
    });
  });
});

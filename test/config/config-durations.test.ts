import { expect } from 'chai';
import { ConfigError } from '../../config/config-error.js';
import { loadConfig } from '../../config/config-loader.js';
import { parseGoDuration } from '../../core/index.js';
import { thrownMessage } from '../support/thrown-message.js';

const configError = (overrides: Record<string, unknown>): string => thrownMessage(() => loadConfig({ overrides }), ConfigError);

describe('duration settings', () => {
  describe('when a duration is written as Flyte accepts it', () => {
    it('should accept 0, "", .5s and a number of nanoseconds, and read them as Flyte does', () => {
      for (const [given, ms] of [
        [0, 0],
        ['', 0],
        ['.5s', 500],
        [1_500_000_000, 1500],
        ['-1s', -1000],
      ] as const) {
        const config = loadConfig({ overrides: { webhook: { kubeClientConfig: { timeout: given } } } });
        const timeout = (config.webhook['kubeClientConfig'] as { timeout: unknown }).timeout;
        expect(parseGoDuration(timeout), JSON.stringify(given)).to.equal(ms);
      }
    });

    it("should accept them in podsecrets' own duration settings too", () => {
      const server = loadConfig({ overrides: { server: { shutdownDelay: 0, shutdownTimeout: '.5s' } } })['server'] as Record<string, unknown>;
      expect(parseGoDuration(server['shutdownDelay'])).to.equal(0);
      expect(parseGoDuration(server['shutdownTimeout'])).to.equal(500);
    });
  });

  describe('when a duration is not one', () => {
    it('should refuse it naming the key, the value and what is accepted', () => {
      expect(configError({ webhook: { kubeClientConfig: { timeout: '30' } } })).to.include('webhook.kubeClientConfig.timeout: is not a Go duration (Go: missing unit in duration)');
      expect(configError({ webhook: { kubeClientConfig: { timeout: '30' } } })).to.include('value was "30"');
    });

    it('should refuse a negative value where podsecrets has no meaning for it, and an interval under 1s', () => {
      expect(configError({ server: { shutdownTimeout: '-1s' } })).to.include('server.shutdownTimeout: must not be negative');
      expect(configError({ certificates: { reloadInterval: 0 } })).to.include('certificates.reloadInterval: must be a Go duration of at least 1s');
    });
  });
});

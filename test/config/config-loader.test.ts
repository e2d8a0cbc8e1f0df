import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../config/config-error.js';
import { loadConfig } from '../../config/config-loader.js';

describe('loadConfig', () => {
  let dir: string;
  const write = (text: string): string => {
    const file = join(dir, `config-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, text);
    return file;
  };
  const errorOf = (action: () => unknown): string => {
    try {
      action();
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('expected a ConfigError');
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'podsecrets-config-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when a section is present but empty', () => {
    it('should give that section its defaults, as a file without it would', () => {
      const file = write('# every key commented out\nwebhook:\n  # secretManagerType: K8s\nserver:\n');
      expect(loadConfig({ file })).to.deep.equal(loadConfig());
    });

    it('should give a nested section its defaults', () => {
      const file = write('webhook:\n  kubeClientConfig:\n  listenPort: 8443\n');
      const config = loadConfig({ file });
      expect(config.webhook['kubeClientConfig']).to.deep.equal({ qps: 100, burst: 25, timeout: '30s' });
      expect(config.webhook['listenPort']).to.equal(8443);
    });
  });

  describe('when a section is not a mapping', () => {
    it('should refuse it in one line naming the section and its keys', () => {
      const file = write('server: 5\n');
      expect(errorOf(() => loadConfig({ file }))).to.equal(
        `configuration ${file} is not valid:\nserver: must be a mapping of settings (host, maxRequestBytes, selfSignedCert, cacheInvalidationHost, cacheInvalidationTokenFile, headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs, clientCAFile, allowUnauthenticatedValues, maxConnections, metricsMaxNamespaces, logLevel, shutdownDelay, shutdownTimeout), got 5`,
      );
    });
  });

  describe('when keys are unknown or values bad', () => {
    it('should refuse them all at once, each line naming the key', () => {
      const file = write('webhook:\n  secretManagerTyp: K8s\n  listenPort: 0.5\nserver:\n  maxRequestBytes: 12\n');
      const lines = errorOf(() => loadConfig({ file })).split('\n');
      expect(lines[0]).to.equal(`configuration ${file} is not valid:`);
      expect(lines.slice(1).sort()).to.deep.equal([
        "configuration param 'webhook.secretManagerTyp' not declared in the schema",
        'server.maxRequestBytes: must be a whole number of bytes, at least 1024: value was 12',
        'webhook.listenPort: ports must be within range 0 - 65535: value was 0.5',
      ]);
    });

    it('should name the file and line of a YAML syntax error', () => {
      const file = write('webhook:\n  listenPort: [9443\n');
      expect(errorOf(() => loadConfig({ file }))).to.match(new RegExp(`^configuration ${file} is not valid YAML: .*line 3`, 's'));
    });
  });

  describe('when server.maxRequestBytes is set', () => {
    it('should use it', () => {
      expect((loadConfig({ file: write('server:\n  maxRequestBytes: 65536\n') })['server'] as { maxRequestBytes: number }).maxRequestBytes).to.equal(65536);
    });
  });
});

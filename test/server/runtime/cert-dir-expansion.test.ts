import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../../config/config-loader.js';
import { webhookIdentity } from '../../../server/certificates/webhook-identity.js';
import { startWebhook } from '../../../server/runtime/start-webhook.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';

const VARIABLE = 'PODSECRETS_TEST_CERT_ROOT';

describe('webhook.certDir', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'podsecrets-certdir-'));
    process.env[VARIABLE] = root;
  });
  afterEach(() => {
    delete process.env[VARIABLE];
    rmSync(root, { recursive: true, force: true });
  });

  describe("when it holds an environment variable, as Flyte's own local config does ($HOME/.flyte/webhook-certs)", () => {
    it('should serve from the expanded directory, as Flyte expands it', async () => {
      const podsecrets = createTestPodsecrets({
        config: { webhook: { certDir: `$${VARIABLE}/.flyte/webhook-certs`, cacheInvalidationPort: 0 }, server: { host: '127.0.0.1', selfSignedCert: true } },
      });
      const running = await startWebhook(podsecrets, pino({ level: 'silent' }), 0);
      try {
        expect(existsSync(join(root, '.flyte', 'webhook-certs', 'tls.crt'))).to.equal(true);
        expect(existsSync('$' + VARIABLE)).to.equal(false);
      } finally {
        await running.stop(1000);
      }
    });

    it('should give init-certs the expanded directory, and manifests the text as written', () => {
      const config = loadConfig({ overrides: { webhook: { certDir: `\${${VARIABLE}}/certs` } } });
      expect(webhookIdentity(config, process.env).certDir).to.equal(join(root, 'certs'));
      expect(webhookIdentity(config).certDir).to.equal(`\${${VARIABLE}}/certs`);
    });
  });
});

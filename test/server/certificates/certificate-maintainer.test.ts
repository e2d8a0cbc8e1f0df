import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig } from '../../../config/config-loader.js';
import { silentLogger } from '../../../core/logging/logger.js';
import { CertificateMaintainer } from '../../../server/certificates/certificate-maintainer.js';
import { reconcileCertificates } from '../../../server/certificates/certificate-reconciler.js';
import { rotationPolicyOf } from '../../../server/certificates/rotation-policy-of.js';
import { webhookIdentity } from '../../../server/certificates/webhook-identity.js';
import { makeKubeClients } from '../../../server/certificates/kube-clients.js';
import { startWebhook, type RunningWebhook } from '../../../server/runtime/start-webhook.js';
import { FakeKubeApi } from '../../support/fake-kube-api.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';

const DAY = 86_400_000;

/** The fingerprint of the certificate a fresh connection is served, trusting `ca`. */
function servedCertificate(port: number, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // The Service names are not loopback's: check the chain, not the name.
    const request = httpsRequest({ host: '127.0.0.1', port, path: '/healthz', ca, agent: false, checkServerIdentity: () => undefined }, (response) => {
      const fingerprint = (response.socket as TLSSocket).getPeerCertificate().fingerprint256;
      response.resume();
      response.on('end', () => resolve(fingerprint));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('CertificateMaintainer', () => {
  let api: FakeKubeApi;
  let certDir: string;
  let running: RunningWebhook | undefined;

  beforeEach(async () => {
    api = new FakeKubeApi();
    await api.start();
    certDir = mkdtempSync(join(tmpdir(), 'podsecrets-maintain-'));
  });

  afterEach(async () => {
    await running?.stop(1000);
    await api.stop();
    rmSync(certDir, { recursive: true, force: true });
  });

  describe('when the serving certificate comes due while serve runs', () => {
    it('should renew it in the Secret and serve the new one without a restart', async () => {
      const overrides = { webhook: { localCert: true, certDir, cacheInvalidationPort: 0 }, server: { host: '127.0.0.1' }, certificates: { reloadInterval: '1h' } };
      const identity = webhookIdentity(loadConfig({ overrides }));
      const clients = makeKubeClients(api.kubeConfig());
      // The certificates were made 80 days ago: the serving one (90 days) is now within its 30-day renewal window.
      let now = Date.now() - 80 * DAY;
      const common = { clients, identity, policy: rotationPolicyOf(identity), holder: 'replica-a', logger: silentLogger, now: () => new Date(now) };
      await reconcileCertificates(common);
      running = await startWebhook(createTestPodsecrets({ config: overrides }), pino({ level: 'silent' }), 0);
      const ca = readFileSync(join(certDir, 'ca.crt'), 'utf8');
      const before = await servedCertificate(running.port, ca);
      const outcomes: string[] = [];
      const maintainer = new CertificateMaintainer({
        ...common,
        intervalMs: 3_600_000,
        onCheck: (outcome) => outcomes.push(outcome),
        onFilesChanged: () => void running?.reloadCertificates(),
      });

      await maintainer.checkNow();
      now = Date.now();
      await maintainer.checkNow();
      await running.reloadCertificates();
      const after = await servedCertificate(running.port, ca);

      expect(outcomes).to.deep.equal(['unchanged', 'changed']);
      expect(after).to.equal(new X509Certificate(readFileSync(join(certDir, 'tls.crt'), 'utf8')).fingerprint256);
      expect(after).to.not.equal(before);
      expect(await running.metrics.registry.getSingleMetricAsString('podsecrets_certificate_reloads_total')).to.include('podsecrets_certificate_reloads_total{outcome="reloaded"} 1');
    });
  });

  describe('when the API server cannot be reached', () => {
    it('should count the failed check and keep going', async () => {
      const identity = webhookIdentity(loadConfig({ overrides: { webhook: { localCert: true, certDir } } }));
      await api.stop();
      const outcomes: string[] = [];
      const maintainer = new CertificateMaintainer({
        clients: makeKubeClients(api.kubeConfig()),
        identity,
        policy: rotationPolicyOf(identity),
        holder: 'replica-a',
        logger: silentLogger,
        intervalMs: 3_600_000,
        onCheck: (outcome) => outcomes.push(outcome),
      });

      await maintainer.checkNow();

      expect(outcomes).to.deep.equal(['failed']);
      api = new FakeKubeApi();
      await api.start();
    });
  });
});

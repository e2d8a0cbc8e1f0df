import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { pino } from 'pino';
import { createCertificateAuthority, issueServingCertificate } from '../../../server/certificates/certificate-authority.js';
import type { PemCredentials } from '../../../server/certificates/self-signed-certificate.js';
import { startWebhook, type RunningWebhook } from '../../../server/runtime/start-webhook.js';
import { startAdmissionLoad } from '../../support/admission-load.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';

const DAY = 86_400_000;

async function authorityAndCertificate(): Promise<{ ca: PemCredentials; serving: PemCredentials }> {
  const ca = await createCertificateAuthority(new Date(), 30 * DAY);
  return { ca, serving: await issueServingCertificate(ca, ['localhost'], new Date(), 10 * DAY) };
}

let generation = 0;

/** Publishes a certificate as the kubelet updates a Secret volume: a new timestamped directory, then `..data` swapped to it. */
function publishAsKubelet(certDir: string, credentials: PemCredentials): void {
  generation += 1;
  const version = `..2030_01_01_00_00_0${generation}.000000000`;
  mkdirSync(join(certDir, version));
  writeFileSync(join(certDir, version, 'tls.crt'), credentials.cert);
  writeFileSync(join(certDir, version, 'tls.key'), credentials.key);
  symlinkSync(version, join(certDir, '..data_tmp'));
  renameSync(join(certDir, '..data_tmp'), join(certDir, '..data'));
  for (const file of ['tls.crt', 'tls.key']) {
    try {
      symlinkSync(join('..data', file), join(certDir, file));
    } catch {
      // Already a link through ..data: the swap above is the whole update.
    }
  }
}

const fingerprint = (pem: string): string => new X509Certificate(pem).fingerprint256;

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('CertificateReloader', () => {
  let certDir: string;
  let running: RunningWebhook | undefined;
  let first: { ca: PemCredentials; serving: PemCredentials };
  let second: { ca: PemCredentials; serving: PemCredentials };

  before(async () => {
    first = await authorityAndCertificate();
    second = await authorityAndCertificate();
  });

  beforeEach(async () => {
    certDir = mkdtempSync(join(tmpdir(), 'podsecrets-reload-'));
    publishAsKubelet(certDir, first.serving);
    const podsecrets = createTestPodsecrets({
      config: { webhook: { certDir, cacheInvalidationPort: 0 }, server: { host: '127.0.0.1' }, certificates: { reloadInterval: '1s' } },
    });
    running = await startWebhook(podsecrets, pino({ level: 'silent' }), 0);
  });

  afterEach(async () => {
    await running?.stop(1000);
    rmSync(certDir, { recursive: true, force: true });
  });

  describe('when the Secret volume is updated while requests keep coming', () => {
    it('should serve the new certificate on new connections and fail no request', async function () {
      // Counted in answers, not timed: 50 before the update, 50 more once the reload is done (every 3rd on a
      // fresh connection). A loaded machine only makes that slower, so it gets a minute.
      this.timeout(60_000);
      const load = startAdmissionLoad({ port: running?.port ?? 0, ca: [first.ca.cert, second.ca.cert], workers: 8, freshEvery: 3 });
      await until(() => load.answered() >= 50);
      publishAsKubelet(certDir, second.serving);
      load.markAt();
      const report = await (async () => {
        // Keep the load on until the reloader (every second) takes the new files, plus some more requests.
        for (;;) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          const metrics = (await running?.metrics.registry.getSingleMetricAsString('podsecrets_certificate_reloads_total')) ?? '';
          if (metrics.includes('outcome="reloaded"} 1')) break;
        }
        const reloadedAt = load.answered();
        await until(() => load.answered() >= reloadedAt + 50);
        return load.stop();
      })();

      expect(report.dropped).to.deep.equal([]);
      expect(report.badAnswers).to.deep.equal([]);
      expect(report.refused).to.equal(0);
      expect(report.certificates[0]).to.equal(fingerprint(first.serving.cert));
      expect(report.certificates).to.include(fingerprint(second.serving.cert));
      expect(report.answeredAfterMark).to.be.at.least(50);
    });
  });

  describe('when the new key does not belong to the new certificate (an update caught half-way)', () => {
    it('should keep the certificate it has', async () => {
      publishAsKubelet(certDir, { cert: second.serving.cert, key: first.serving.key });

      expect(await running?.reloadCertificates()).to.equal('mismatched');
      const load = startAdmissionLoad({ port: running?.port ?? 0, ca: first.ca.cert, workers: 1, freshEvery: 1 });
      await until(() => load.answered() >= 3);
      const report = await load.stop();
      expect(report.certificates).to.deep.equal([fingerprint(first.serving.cert)]);
      expect(report.badAnswers).to.deep.equal([]);
    });
  });
});

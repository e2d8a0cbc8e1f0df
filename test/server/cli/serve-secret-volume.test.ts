import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { createSelfSignedCertificate } from '../../../server/certificates/self-signed-certificate.js';
import { FakeKubeApi } from '../../support/fake-kube-api.js';
import { freePort, spawnPodsecrets } from '../../support/spawn-podsecrets.js';

// webhook.localCert false (Flyte's default) in a cluster: certDir is the certificate Secret's volume,
// which serve only reads, while it keeps the Secret itself renewed through the API.
describe('podsecrets serve with webhook.localCert false, in a cluster', function () {
  this.timeout(60_000);
  let api: FakeKubeApi;
  let dir: string;

  beforeEach(async () => {
    api = new FakeKubeApi();
    await api.start();
    dir = mkdtempSync(join(tmpdir(), 'podsecrets-secret-volume-'));
  });
  afterEach(async () => {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when certDir holds the files the Secret volume provides', () => {
    it('should start from them, keep the Secret renewed through the API, and write nothing into certDir', async () => {
      const certDir = join(dir, 'certs');
      const served = await createSelfSignedCertificate({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
      mkdirSync(certDir);
      writeFileSync(join(certDir, 'tls.crt'), served.cert);
      writeFileSync(join(certDir, 'tls.key'), served.key);
      const config = join(dir, 'serve.yaml');
      writeFileSync(
        config,
        `webhook:\n  listenPort: ${await freePort()}\n  certDir: ${certDir}\n  localCert: false\nserver:\n  host: 127.0.0.1\n  shutdownDelay: 0s\ncertificates:\n  checkInterval: 1s\n`,
      );
      const server = spawnPodsecrets(['serve', '--config', config], {
        env: { KUBECONFIG: api.kubeconfigFile, KUBERNETES_SERVICE_HOST: '10.0.0.1', POD_NAMESPACE: 'ops', POD_NAME: 'podsecrets-0' },
      });
      try {
        let exited = false;
        void server.finished.then(() => (exited = true));
        // Bounded, so that a serve that never renews fails here instead of outliving the test.
        for (let look = 0; api.get('secrets', 'flyte-pod-webhook', 'ops') === undefined; look += 1) {
          if (exited) expect.fail(`serve exited before it made the Secret:\n${server.stderr()}`);
          if (look === 1000) expect.fail(`serve made no Secret after 1000 looks:\n${server.stderr()}`);
          await sleep(50);
        }
      } finally {
        server.child.kill('SIGTERM');
      }
      const finished = await server.finished;
      expect([finished.code, finished.signal], finished.stderr).to.deep.equal([0, null]);
      expect(readFileSync(join(certDir, 'tls.crt'), 'utf8'), "certDir is the kubelet's to write").to.equal(served.cert);
      expect(readFileSync(join(certDir, 'tls.key'), 'utf8')).to.equal(served.key);
    });
  });
});

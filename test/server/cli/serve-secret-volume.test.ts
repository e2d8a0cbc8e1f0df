import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { createSelfSignedCertificate } from '../../../server/certificates/self-signed-certificate.js';
import { FakeKubeApi } from '../../support/fake-kube-api.js';
import { freePort, spawnPodsecrets } from '../../support/spawn-podsecrets.js';

const CERT_FILES = ['tls.crt', 'tls.key'] as const;
type CertFiles = Record<(typeof CERT_FILES)[number], string>;

// What the kubelet does to a Secret volume (its atomic writer): the files live in a timestamped directory,
// `..data` links to it, each file name links through `..data`; an update writes a new directory and renames
// a new `..data` link over the old one, so a reader sees the old pair or the new one, never a mix.
function projectSecretVolume(certDir: string, files: CertFiles, generation: number): void {
  const version = `..2026_12_07_00_00_0${generation}.${generation}`;
  mkdirSync(join(certDir, version), { recursive: true });
  for (const name of CERT_FILES) writeFileSync(join(certDir, version, name), files[name]);
  symlinkSync(version, join(certDir, '..data_tmp'));
  renameSync(join(certDir, '..data_tmp'), join(certDir, '..data'));
  if (generation === 0) for (const name of CERT_FILES) symlinkSync(join('..data', name), join(certDir, name));
}

// The SHA-256 fingerprint of the certificate a new TLS connection is given.
async function servedFingerprint(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate().fingerprint256);
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

const fingerprintOf = (pem: string): string => new X509Certificate(pem).fingerprint256;

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

  describe('when the kubelet swaps the volume to the Secret serve renewed', () => {
    it('should serve the renewed certificate on new connections, without a restart', async () => {
      const certDir = join(dir, 'certs');
      const first = await createSelfSignedCertificate({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
      projectSecretVolume(certDir, { 'tls.crt': first.cert, 'tls.key': first.key }, 0);
      const port = await freePort();
      const config = join(dir, 'serve.yaml');
      writeFileSync(
        config,
        `webhook:\n  listenPort: ${port}\n  certDir: ${certDir}\n  localCert: false\nserver:\n  host: 127.0.0.1\n  shutdownDelay: 0s\ncertificates:\n  checkInterval: 1s\n  reloadInterval: 1s\n`,
      );
      const server = spawnPodsecrets(['serve', '--config', config], {
        env: { KUBECONFIG: api.kubeconfigFile, KUBERNETES_SERVICE_HOST: '10.0.0.1', POD_NAMESPACE: 'ops', POD_NAME: 'podsecrets-0' },
      });
      try {
        let exited = false;
        void server.finished.then(() => (exited = true));
        let secret = api.get('secrets', 'flyte-pod-webhook', 'ops');
        for (let look = 0; secret === undefined; look += 1, secret = api.get('secrets', 'flyte-pod-webhook', 'ops')) {
          if (exited) expect.fail(`serve exited before it made the Secret:\n${server.stderr()}`);
          if (look === 1000) expect.fail(`serve made no Secret after 1000 looks:\n${server.stderr()}`);
          await sleep(50);
        }
        expect(await servedFingerprint(port), 'before the kubelet updates the volume').to.equal(fingerprintOf(first.cert));
        const data = (secret as { data: Record<string, string> }).data;
        const renewed = Object.fromEntries(CERT_FILES.map((name) => [name, Buffer.from(data[name] ?? '', 'base64').toString('utf8')])) as CertFiles;
        const wanted = fingerprintOf(renewed['tls.crt']);
        expect(wanted).to.not.equal(fingerprintOf(first.cert));
        projectSecretVolume(certDir, renewed, 1);
        let served = await servedFingerprint(port);
        for (let look = 0; served !== wanted && look < 200; look += 1) {
          await sleep(50);
          served = await servedFingerprint(port);
        }
        expect(served, `the certificate of a new connection after the swap:\n${server.stderr()}`).to.equal(wanted);
        expect(exited, 'serve kept running').to.equal(false);
      } finally {
        server.child.kill('SIGTERM');
      }
      const finished = await server.finished;
      expect([finished.code, finished.signal], finished.stderr).to.deep.equal([0, null]);
    });
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

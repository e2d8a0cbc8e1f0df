import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { runCli } from '../../../server/cli/cli.js';
import { FakeCliIo } from '../../support/fake-cli-io.js';
import { FakeKubeApi } from '../../support/fake-kube-api.js';

describe('podsecrets init-certs', () => {
  let api: FakeKubeApi;
  let dir: string;
  let environment: NodeJS.ProcessEnv;
  const certDir = (replica: string) => join(dir, `certs-${replica}`);
  const configFor = (replica: string): string => {
    const file = join(dir, `config-${replica}.yaml`);
    writeFileSync(file, `webhook:\n  serviceName: podsecrets\n  secretName: podsecrets-certs\n  localCert: true\n  certDir: ${certDir(replica)}\ndeployment:\n  namespace: ops\n`);
    return file;
  };

  beforeEach(async () => {
    api = new FakeKubeApi();
    await api.start();
    dir = mkdtempSync(join(tmpdir(), 'podsecrets-init-certs-'));
    environment = { KUBECONFIG: api.kubeconfigFile, POD_NAMESPACE: 'ops' };
  });

  afterEach(async () => {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when two replicas run it at the same moment', () => {
    it('should leave one CA, which both replicas serve from and the registration trusts', async () => {
      api.delayMs = 5;
      const [a, b] = [new FakeCliIo(), new FakeCliIo()];
      const codes = await Promise.all([
        runCli(['init-certs', '--config', configFor('a')], a, { ...environment, POD_NAME: 'podsecrets-a' }),
        runCli(['init-certs', '--config', configFor('b')], b, { ...environment, POD_NAME: 'podsecrets-b' }),
      ]);

      expect(codes).to.deep.equal([0, 0]);
      const reports = [a, b].map((io) => JSON.parse(io.out) as { changes: string[]; secret: string });
      expect(reports.map((report) => report.changes.length).sort()).to.deep.equal([0, 1]);
      expect(reports[0]?.secret).to.equal('ops/podsecrets-certs');
      const caA = readFileSync(join(certDir('a'), 'ca.crt'), 'utf8');
      expect(readFileSync(join(certDir('b'), 'ca.crt'), 'utf8')).to.equal(caA);
      expect(readFileSync(join(certDir('b'), 'tls.crt'), 'utf8')).to.equal(readFileSync(join(certDir('a'), 'tls.crt'), 'utf8'));
      const registration = api.get('mutatingwebhookconfigurations', 'podsecrets') as unknown as { webhooks: Array<{ clientConfig: { caBundle: string; service: unknown } }> };
      expect(Buffer.from(registration.webhooks[0]?.clientConfig.caBundle ?? '', 'base64').toString('utf8')).to.equal(caA);
      expect(registration.webhooks[0]?.clientConfig.service).to.deep.equal({ name: 'podsecrets', namespace: 'ops', path: '/mutate--v1-pod', port: 443 });
      expect(api.writes().filter((write) => write === 'POST /api/v1/namespaces/ops/secrets')).to.have.length(1);
    });
  });

  describe('when it runs again (a restart)', () => {
    it('should keep the certificate it made before', async () => {
      await runCli(['init-certs', '--config', configFor('a')], new FakeCliIo(), environment);
      const before = readFileSync(join(certDir('a'), 'tls.crt'), 'utf8');
      const io = new FakeCliIo();

      expect(await runCli(['init-certs', '--config', configFor('a')], io, environment)).to.equal(0);

      const report = JSON.parse(io.out) as { changes: string[]; registration: string; servingCertificateExpires: string };
      expect(report.changes).to.deep.equal([]);
      expect(report.registration).to.equal('unchanged');
      expect(readFileSync(join(certDir('a'), 'tls.crt'), 'utf8')).to.equal(before);
      expect(report.servingCertificateExpires).to.equal(new Date(new X509Certificate(before).validTo).toISOString());
    });
  });

  describe('when the configuration asks for an impossible renewal schedule', () => {
    it('should exit 2 naming both keys', async () => {
      const file = join(dir, 'bad.yaml');
      writeFileSync(file, 'certificates:\n  certValidity: 24h\n  certRenewBefore: 48h\n');
      const io = new FakeCliIo();

      expect(await runCli(['init-certs', '--config', file], io, environment)).to.equal(2);
      expect(io.err).to.equal('podsecrets init-certs: certificates.certRenewBefore (48h) must be shorter than certificates.certValidity (24h)\n');
    });
  });

  describe('when the API server does not answer within webhook.kubeClientConfig.timeout', () => {
    it('should give up on the call and fail, naming the abort, instead of waiting without end', async () => {
      const file = join(dir, 'config-timeout.yaml');
      writeFileSync(file, `webhook:\n  serviceName: podsecrets\n  kubeClientConfig:\n    timeout: 300ms\ndeployment:\n  namespace: ops\n`);
      api.hang = true;
      const io = new FakeCliIo();
      const code = await runCli(['init-certs', '--config', file], io, { ...environment, POD_NAME: 'podsecrets-a' });
      expect(code).to.not.equal(0);
      expect(io.err).to.match(/timeout|aborted/i);
    });
  });

  describe('when the kubeconfig is one the Kubernetes client refuses', () => {
    it('should exit 2 before any call, naming the file and the reason', async () => {
      const kubeconfig = join(dir, 'plain-http.kubeconfig');
      writeFileSync(
        kubeconfig,
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'Config',
          clusters: [{ name: 'plain', cluster: { server: 'http://127.0.0.1:9' } }],
          users: [{ name: 'u', user: { token: 't' } }],
          contexts: [{ name: 'x', context: { cluster: 'plain', user: 'u' } }],
          'current-context': 'x',
        }),
      );
      const io = new FakeCliIo();
      expect(await runCli(['init-certs', '--config', configFor('a')], io, { ...environment, KUBECONFIG: kubeconfig })).to.equal(2);
      expect(io.err).to.include(`podsecrets init-certs: $KUBECONFIG ${kubeconfig} cannot be used: cluster "plain" is served over plain HTTP`);
      expect(api.requests).to.deep.equal([]);
    });
  });
});

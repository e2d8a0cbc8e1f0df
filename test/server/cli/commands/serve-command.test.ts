import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AdmissionReviewResponse } from '../../../../core/admission/admission-review.js';
import { metricValue } from '../../../support/http-admission.js';
import { expectExampleAnswer } from '../../../support/example-pod.js';
import { repoPath } from '../../../support/repo-path.js';
import { freePort, runPodsecrets, spawnPodsecrets, type SpawnedPodsecrets } from '../../../support/spawn-podsecrets.js';
import { sendRequest } from '../../../support/test-webhook.js';

/** Polls /readyz until the server answers 200; fails if the process exits first. */
async function waitUntilReady(server: SpawnedPodsecrets, port: number, certFile: string): Promise<string> {
  let exited = false;
  void server.finished.then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`podsecrets serve exited before it was ready:\n${server.stderr()}`);
    if (existsSync(certFile)) {
      const ca = readFileSync(certFile, 'utf8');
      const ready = await sendRequest(port, ca, '/readyz', undefined, {}).catch(() => undefined);
      if (ready?.status === 200) return ca;
    }
    await sleep(50);
  }
}

describe('podsecrets serve (the real CLI, as a child process)', function () {
  // A child Node process with TLS key generation on a shared, busy machine: generous, never asserted on.
  this.timeout(60_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'podsecrets-serve-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when started with a configuration file', () => {
    it('should become ready, answer the example AdmissionReview, and exit 0 on SIGTERM', async () => {
      const port = await freePort();
      const certDir = join(dir, 'certs');
      const config = join(dir, 'serve.yaml');
      writeFileSync(config, `webhook:\n  listenPort: ${port}\n  certDir: ${certDir}\nserver:\n  host: 127.0.0.1\n  selfSignedCert: true\n`);
      const server = spawnPodsecrets(['serve', '--config', config]);
      try {
        const ca = await waitUntilReady(server, port, join(certDir, 'tls.crt'));
        const review = JSON.parse(readFileSync(repoPath('docs/examples/admission-review.json'), 'utf8')) as { request: { uid: string; object: unknown } };

        const answer = await sendRequest(port, ca, '/mutate--v1-pod', review, {});
        const pod = expectExampleAnswer(answer, review);

        const again = await sendRequest(port, ca, '/mutate--v1-pod', { ...review, request: { ...review.request, object: pod } }, {});
        const second = (again.json as AdmissionReviewResponse).response;
        expect([second.uid, second.allowed, second.patch]).to.deep.equal([review.request.uid, true, undefined]);

        const metrics = await sendRequest(port, ca, '/metrics', undefined, {});
        expect(metricValue(metrics.text, 'podsecrets_admission_requests_total{outcome="mutated"}')).to.equal(1);
        expect(metricValue(metrics.text, 'podsecrets_admission_requests_total{outcome="unchanged"}')).to.equal(1);
      } finally {
        server.child.kill('SIGTERM');
      }
      const finished = await server.finished;
      expect([finished.code, finished.signal], finished.stderr).to.deep.equal([0, null]);
      const messages = finished.stderr
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => (JSON.parse(line) as { msg: string }).msg);
      expect(messages).to.include.members(['made a self-signed certificate: for local use only', 'podsecrets webhook serving HTTPS', 'stopped']);
      // The configuration chooses no backend: one line says K8s is used where Flyte 2 would use Embedded.
      expect(messages.filter((message) => message.includes('Flyte 2 defaults to Embedded'))).to.have.length(1);
    });
  });

  describe('when it cannot start', () => {
    it('should exit 2 naming webhook.certDir when there is no certificate and none may be made', async () => {
      const certDir = join(dir, 'no-certs');
      const config = join(dir, 'no-certs.yaml');
      writeFileSync(config, `webhook:\n  listenPort: ${await freePort()}\n  certDir: ${certDir}\nserver:\n  host: 127.0.0.1\n`);
      const finished = await runPodsecrets(['serve', '--config', config]);
      expect(finished.code).to.equal(2);
      expect(finished.stderr).to.include(`podsecrets serve: no TLS certificate: ${certDir}/tls.crt and ${certDir}/tls.key must exist (set webhook.certDir`);
      expect(finished.stderr).to.not.include('    at ');
    });

    it('should exit 2 naming webhook.listenPort when the port is taken', async () => {
      const blocker: Server = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const port = (blocker.address() as { port: number }).port;
      try {
        const config = join(dir, 'busy.yaml');
        writeFileSync(config, `webhook:\n  listenPort: ${port}\n  certDir: ${join(dir, 'busy-certs')}\nserver:\n  host: 127.0.0.1\n  selfSignedCert: true\n`);
        const finished = await runPodsecrets(['serve'], { env: { PODSECRETS_CONFIG: config } });
        expect(finished.code).to.equal(2);
        expect(finished.stderr).to.include(`podsecrets serve: cannot listen on 127.0.0.1:${port} (server.host, webhook.listenPort): EADDRINUSE`);
      } finally {
        await new Promise((resolve) => blocker.close(resolve));
      }
    });

    it('should exit 2 naming server.clientCAFile and server.allowUnauthenticatedValues when Global would hand its values to any caller', async () => {
      const config = join(dir, 'unauthenticated.yaml');
      writeFileSync(config, `webhook:\n  listenPort: ${await freePort()}\n  certDir: ${join(dir, 'unauthenticated-certs')}\nserver:\n  host: 127.0.0.1\n  selfSignedCert: true\n`);
      const finished = await runPodsecrets(['serve', '--config', config], { env: { FLYTE_SECRET_VAULT_TOKEN: 'hvs.webhook-own-token' } });
      expect(finished.code).to.equal(2);
      expect(finished.stderr).to.include("podsecrets serve: server.clientCAFile is empty, so anyone who reaches the webhook's port would receive secret values");
      expect(finished.stderr).to.include('server.allowUnauthenticatedValues: true');
      expect(finished.stderr).not.to.include('hvs.webhook-own-token');
    });

    it('should exit 2 naming an unknown key of its configuration', async () => {
      const config = join(dir, 'unknown.yaml');
      writeFileSync(config, 'webhook:\n  listenPrt: 9443\n');
      const finished = await runPodsecrets(['serve', '--config', config]);
      expect(finished.code).to.equal(2);
      expect(finished.stderr).to.equal(`podsecrets serve: configuration ${config} is not valid:\nconfiguration param 'webhook.listenPrt' not declared in the schema\n`);
    });
  });
});

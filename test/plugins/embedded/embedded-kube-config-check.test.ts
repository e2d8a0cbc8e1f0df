import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { EmbeddedKubeConfigCheck } from '../../../plugins/embedded/embedded-kube-config-check.js';
import { runStartupChecks } from '../../../server/runtime/startup-checks.js';
import { freePort, runPodsecrets, spawnPodsecrets } from '../../support/spawn-podsecrets.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';

const KEY = 'webhook.embeddedSecretManagerConfig.kubeconfig';
const PLAIN_HTTP = 'is served over plain HTTP (http://plain:8080), which the Kubernetes client refuses unless insecure-skip-tls-verify is true; give an https:// server';

describe(EmbeddedKubeConfigCheck.name, function () {
  // Child Node processes on a shared, busy machine: generous, never asserted on.
  this.timeout(60_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'podsecrets-embedded-kc-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const kubeconfig = (name: string, server: string): string =>
    write(
      name,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'c', cluster: { server } }],
        users: [{ name: 'u', user: { token: 't' } }],
        contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
        'current-context': 'x',
      }),
    );
  const embeddedConfig = (name: string, file: string, extra = ''): string =>
    write(name, `webhook:\n  secretManagerType: Embedded\n  embeddedSecretManagerConfig:\n    kubeconfig: "${file}"\n${extra}`);
  // HOME in the scratch directory: no developer's ~/.kube/config stands in for the one under test.
  const serve = (config: string, env: NodeJS.ProcessEnv = {}) => runPodsecrets(['serve', '--config', config], { env: { HOME: dir, ...env } });

  describe('when serve starts in Embedded mode with a kubeconfig the client refuses', () => {
    it('should exit 2 before listening, naming the key, the file and the reason, for a missing file', async () => {
      const missing = join(dir, 'missing-kubeconfig');
      const finished = await serve(embeddedConfig('missing.yaml', missing));
      expect([finished.code, finished.stderr]).to.deep.equal([2, `podsecrets serve: ${KEY}: kubeconfig ${missing} cannot be used: ENOENT\n`]);
    });

    it("should exit 2 for a file that is not a kubeconfig, with the parser's reason", async () => {
      const garbage = write('garbage-kubeconfig', 'clusters: [ {{{ not yaml\n');
      const finished = await serve(embeddedConfig('garbage.yaml', garbage));
      expect(finished.code).to.equal(2);
      expect(finished.stderr).to.match(new RegExp(`^podsecrets serve: ${KEY}: kubeconfig ${garbage} cannot be used: unexpected end of the stream within a flow collection`));
    });

    it('should exit 2 for an http:// server without insecure-skip-tls-verify', async () => {
      const plain = kubeconfig('plain-kubeconfig', 'http://plain:8080');
      const finished = await serve(embeddedConfig('plain.yaml', plain));
      expect([finished.code, finished.stderr]).to.deep.equal([2, `podsecrets serve: ${KEY}: kubeconfig ${plain} cannot be used: cluster "c" ${PLAIN_HTTP}\n`]);
    });
  });

  describe('when the key is empty and the default loading finds a kubeconfig the client refuses', () => {
    it('should exit 2 saying the key is empty and naming the $KUBECONFIG file and the reason', async () => {
      const plain = kubeconfig('env-kubeconfig', 'http://plain:8080');
      const finished = await serve(embeddedConfig('default.yaml', ''), { KUBECONFIG: plain });
      expect([finished.code, finished.stderr]).to.deep.equal([
        2,
        `podsecrets serve: ${KEY} is empty, so Embedded mode uses the default client configuration, and $KUBECONFIG ${plain} cannot be used: cluster "c" ${PLAIN_HTTP}\n`,
      ]);
    });
  });

  describe('when the kubeconfig is usable', () => {
    it('should serve, and exit 0 on SIGTERM', async () => {
      const port = await freePort();
      const config = embeddedConfig(
        'usable.yaml',
        kubeconfig('usable-kubeconfig', 'https://127.0.0.1:6443'),
        `  listenPort: ${port}\n  certDir: ${join(dir, 'certs')}\nserver:\n  host: 127.0.0.1\n  selfSignedCert: true\n`,
      );
      const server = spawnPodsecrets(['serve', '--config', config], { env: { HOME: dir } });
      let exited = false;
      void server.finished.then(() => (exited = true));
      while (!exited && !server.stderr().includes('podsecrets webhook serving HTTPS')) await sleep(50);
      server.child.kill('SIGTERM');
      const finished = await server.finished;
      expect([finished.code, finished.signal], finished.stderr).to.deep.equal([0, null]);
      expect(finished.stderr).to.include('podsecrets webhook serving HTTPS');
    });
  });

  describe('when the configuration never calls the Kubernetes API', () => {
    it('should not load the kubeconfig when Embedded is not in the chain', () => {
      const podsecrets = createTestPodsecrets({ config: { webhook: { secretManagerType: 'K8s', embeddedSecretManagerConfig: { kubeconfig: join(dir, 'missing-kubeconfig') } } } });
      expect(() => runStartupChecks(podsecrets)).to.not.throw();
    });

    it('should not load it for another fetcher with plainText values and no image pull Secrets, and load it for each use that calls the API', () => {
      const embedded = (settings: Record<string, unknown>) =>
        createTestPodsecrets({
          config: {
            webhook: { secretManagerType: 'Embedded', embeddedSecretManagerConfig: { kubeconfig: join(dir, 'missing-kubeconfig'), type: 'AWS', valueDelivery: 'plainText', ...settings } },
          },
        });
      expect(() => runStartupChecks(embedded({}))).to.not.throw();
      for (const settings of [{ type: 'k8s' }, { valueDelivery: 'secretRef' }, { imagePullSecrets: { enabled: true } }]) {
        expect(() => runStartupChecks(embedded(settings)), JSON.stringify(settings)).to.throw(`${KEY}: kubeconfig ${join(dir, 'missing-kubeconfig')} cannot be used: ENOENT`);
      }
    });
  });
});

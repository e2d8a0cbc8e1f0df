import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse as parseYaml } from 'yaml';
import { expectExampleAnswer, expectExamplePodMutated } from '../../support/example-pod.js';
import { repoPath } from '../../support/repo-path.js';
import { freePort, runPodsecrets, spawnPodsecrets } from '../../support/spawn-podsecrets.js';
import { sendRequest } from '../../support/test-webhook.js';

// The README's two commands, run as the README runs them (the server on another port and certificate
// directory than config/local.yaml's, so that tests running side by side do not collide).
describe('docs/examples (the README example)', function () {
  this.timeout(60_000);
  const review = JSON.parse(readFileSync(repoPath('docs/examples/admission-review.json'), 'utf8')) as { request: { uid: string; object: unknown } };

  describe('when run as the README says', () => {
    it('should use the same pod in docs/examples/pod.yaml and docs/examples/admission-review.json', () => {
      expect(parseYaml(readFileSync(repoPath('docs/examples/pod.yaml'), 'utf8'))).to.deep.equal(review.request.object);
    });

    it('should print the mutated pod for `./bin/podsecrets mutate -f docs/examples/pod.yaml`', async () => {
      const finished = await runPodsecrets(['mutate', '-f', 'docs/examples/pod.yaml']);
      expect([finished.code, finished.stderr]).to.deep.equal([0, '']);
      expectExamplePodMutated(parseYaml(finished.stdout));
    });

    it('should answer the curl of docs/examples/admission-review.json with allowed: true and a patch giving that pod', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'podsecrets-readme-'));
      const port = await freePort();
      const certDir = join(dir, '.certs');
      const local = readFileSync(repoPath('config/local.yaml'), 'utf8');
      const config = join(dir, 'local.yaml');
      writeFileSync(config, local.replace('listenPort: 9443', `listenPort: ${port}`).replace('certDir: .certs', `certDir: ${certDir}`));
      const server = spawnPodsecrets(['serve', '--config', config]);
      try {
        let answer;
        for (let attempt = 0; answer === undefined; attempt += 1) {
          if (server.child.exitCode !== null) throw new Error(`podsecrets serve exited:\n${server.stderr()}`);
          if (existsSync(join(certDir, 'tls.crt'))) {
            // curl -s --cacert .certs/tls.crt -H 'content-type: application/json' --data @docs/examples/admission-review.json https://localhost:9443/mutate--v1-pod
            const ca = readFileSync(join(certDir, 'tls.crt'), 'utf8');
            answer = await sendRequest(port, ca, '/mutate--v1-pod', readFileSync(repoPath('docs/examples/admission-review.json')), {}).catch(() => undefined);
          }
          if (answer === undefined) await sleep(50);
        }
        const pod = expectExampleAnswer(answer, review);
        const offline = await runPodsecrets(['mutate', '-f', 'docs/examples/pod.yaml', '-o', 'json']);
        expect(pod, 'the server and the CLI give the same pod').to.deep.equal(JSON.parse(offline.stdout));
      } finally {
        server.child.kill('SIGTERM');
        await server.finished;
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

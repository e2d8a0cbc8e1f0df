import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { runCli } from '../../../../server/cli/cli.js';
import { FakeCliIo } from '../../../support/fake-cli-io.js';
import { FakeKubeApi } from '../../../support/fake-kube-api.js';

const NS = 'shop-prod';
const MANAGED = { 'app.kubernetes.io/managed-by': 'podsecrets' };

/** A pod of NS that references Secrets in every way a pod can. */
function storePod(kube: FakeKubeApi, name: string, spec: Record<string, unknown>): void {
  kube.put('pods', { metadata: { name, namespace: NS }, spec: { containers: [{ name: 'main', image: 'busybox' }], ...spec } });
}

describe('podsecrets gc', () => {
  let kube: FakeKubeApi;
  let config: string;

  beforeEach(async () => {
    kube = await new FakeKubeApi().start();
    config = join(mkdtempSync(join(tmpdir(), 'podsecrets-gc-')), 'config.yaml');
    writeFileSync(config, `webhook:\n  embeddedSecretManagerConfig:\n    kubeconfig: ${kube.kubeconfigFile}\n`);
    for (const name of ['by-env', 'by-env-from', 'by-volume', 'by-projection', 'by-pull', 'by-init', 'unused-1', 'unused-2']) kube.putSecret(NS, name, { value: 'v' }, MANAGED);
    kube.putSecret(NS, 'operators-own', { value: 'v' });
    kube.putSecret('other-ns', 'unused-elsewhere', { value: 'v' }, MANAGED);
    storePod(kube, 'a', {
      containers: [{ name: 'main', image: 'busybox', env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'by-env', key: 'value' } } }], envFrom: [{ secretRef: { name: 'by-env-from' } }] }],
      initContainers: [{ name: 'init', image: 'busybox', env: [{ name: 'Y', valueFrom: { secretKeyRef: { name: 'by-init', key: 'value' } } }] }],
      imagePullSecrets: [{ name: 'by-pull' }],
    });
    storePod(kube, 'b', {
      volumes: [
        { name: 'one', secret: { secretName: 'by-volume' } },
        { name: 'two', projected: { sources: [{ configMap: { name: 'cm' } }, { secret: { name: 'by-projection' } }] } },
      ],
    });
  });

  afterEach(() => kube.stop());

  describe('when some managed Secrets of the namespace are referenced by no pod', () => {
    it('should delete those, print each, and leave the rest (referenced, not managed, other namespaces)', async () => {
      const io = new FakeCliIo();
      expect(await runCli(['gc', '--config', config, '--namespace', NS], io, {})).to.equal(0);
      expect(io.out).to.equal(`deleted secret ${NS}/unused-1\ndeleted secret ${NS}/unused-2\n`);
      expect(kube.writes()).to.deep.equal([`DELETE /api/v1/namespaces/${NS}/secrets/unused-1`, `DELETE /api/v1/namespaces/${NS}/secrets/unused-2`]);
      for (const kept of ['by-env', 'by-env-from', 'by-volume', 'by-projection', 'by-pull', 'by-init', 'operators-own']) expect(kube.get('secrets', kept, NS), kept).not.to.equal(undefined);
      expect(kube.get('secrets', 'unused-elsewhere', 'other-ns')).not.to.equal(undefined);
    });
  });

  describe('when --dry-run is given', () => {
    it('should print what it would delete and delete nothing', async () => {
      const io = new FakeCliIo();
      expect(await runCli(['gc', '--config', config, '--namespace', NS, '--dry-run'], io, {})).to.equal(0);
      expect(io.out).to.equal(`would delete secret ${NS}/unused-1 (dry run)\nwould delete secret ${NS}/unused-2 (dry run)\n`);
      expect(kube.writes()).to.deep.equal([]);
    });
  });

  describe('when an admission re-writes a Secret between the list and the delete', () => {
    it('should keep it and say why', async () => {
      kube.beforeHandle = (method, path) => {
        if (method === 'DELETE' && path.endsWith('/unused-1')) kube.putSecret(NS, 'unused-1', { value: 'rewritten' }, MANAGED);
      };
      const io = new FakeCliIo();
      expect(await runCli(['gc', '--config', config, '--namespace', NS], io, {})).to.equal(0);
      expect(io.err).to.include(`kept secret ${NS}/unused-1: it changed after it was listed`);
      expect(kube.get('secrets', 'unused-1', NS)).not.to.equal(undefined);
      expect(kube.get('secrets', 'unused-2', NS)).to.equal(undefined);
    });
  });

  describe('when the namespace is missing or not a name', () => {
    for (const args of [[], ['--namespace', 'Not_A_Namespace']]) {
      it(`should exit 2 naming the option (${JSON.stringify(args)})`, async () => {
        const io = new FakeCliIo();
        expect(await runCli(['gc', '--config', config, ...args], io, {})).to.equal(2);
        expect(io.err).to.include('is not a namespace name');
        expect(kube.requests).to.deep.equal([]);
      });
    }
  });

  describe('when the API server refuses', () => {
    it('should exit 1 naming the rights gc needs', async () => {
      kube.failWith = { code: 403, reason: 'Forbidden' };
      const io = new FakeCliIo();
      expect(await runCli(['gc', '--config', config, '--namespace', NS], io, {})).to.equal(1);
      expect(io.err).to.equal(`podsecrets gc: cannot collect in namespace ${NS}: the API server answered 403 (gc needs list on pods, list and delete on secrets there)\n`);
    });
  });
});

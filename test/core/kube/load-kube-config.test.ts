import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { expect } from 'chai';
import { KubeConfigError } from '../../../core/kube/kube-config-error.js';
import { loadKubeConfig } from '../../../core/index.js';
import { LimitedKubeConfig } from '../../../core/kube/limited-kube-config.js';
import { thrownMessage } from '../../support/thrown-message.js';

const LIMITS = { qps: 100, burst: 25, timeout: 30_000 };

function kubeconfig(server: string, name = 'c', extra: Record<string, unknown> = {}): string {
  const path = join(mkdtempSync(join(tmpdir(), 'podsecrets-kc-')), 'config');
  writeFileSync(
    path,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name, cluster: { server, ...extra } }],
      users: [{ name: `${name}-user`, user: { token: 't' } }],
      contexts: [{ name: `${name}-context`, context: { cluster: name, user: `${name}-user` } }],
      'current-context': `${name}-context`,
    }),
  );
  return path;
}

const refusal = (load: () => unknown): string => thrownMessage(load, KubeConfigError);

describe('loadKubeConfig', () => {
  describe('when a file is configured', () => {
    it('should use it before $KUBECONFIG', () => {
      const config = loadKubeConfig(kubeconfig('https://configured:6443'), LIMITS, { KUBECONFIG: kubeconfig('https://from-env:6443') });
      expect(config.getCurrentCluster()?.server).to.equal('https://configured:6443');
    });

    it('should give a configuration whose clients honour the limits (every client of podsecrets comes from here)', () => {
      expect(loadKubeConfig(kubeconfig('https://configured:6443'), LIMITS, {})).to.be.instanceOf(LimitedKubeConfig);
    });
  });

  describe('when $KUBECONFIG lists several files', () => {
    it('should merge them as kubectl and loadFromDefault do, the first file giving the current context', () => {
      const config = loadKubeConfig('', LIMITS, { KUBECONFIG: [kubeconfig('https://first:6443', 'first'), kubeconfig('https://second:6443', 'second')].join(delimiter) });
      expect(config.getCurrentCluster()?.server).to.equal('https://first:6443');
      expect(config.getClusters().map((cluster) => cluster.name)).to.deep.equal(['first', 'second']);
    });
  });

  describe('when neither a file nor $KUBECONFIG is given', () => {
    it('should read ~/.kube/config before looking for the in-cluster account', () => {
      const home = mkdtempSync(join(tmpdir(), 'podsecrets-home-'));
      const file = kubeconfig('https://home:6443');
      mkdirSync(join(home, '.kube'));
      writeFileSync(join(home, '.kube', 'config'), readFileSync(file, 'utf8'));
      expect(loadKubeConfig('', LIMITS, { HOME: home, KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' }).getCurrentCluster()?.server).to.equal('https://home:6443');
    });
  });

  describe('when the client would refuse the configuration', () => {
    it('should refuse a plain-HTTP server without insecure-skip-tls-verify at once, naming the file and the reason', () => {
      const file = kubeconfig('http://plain:8080');
      expect(refusal(() => loadKubeConfig(file, LIMITS, {}))).to.equal(
        `kubeconfig ${file} cannot be used: cluster "c" is served over plain HTTP (http://plain:8080), which the Kubernetes client refuses unless insecure-skip-tls-verify is true; give an https:// server`,
      );
      expect(loadKubeConfig(kubeconfig('http://plain:8080', 'c', { 'insecure-skip-tls-verify': true }), LIMITS, {}).getCurrentCluster()?.server).to.equal('http://plain:8080');
    });

    it('should name a file that is missing or not a kubeconfig', () => {
      expect(refusal(() => loadKubeConfig('/nonexistent/podsecrets/kubeconfig', LIMITS, {}))).to.equal('kubeconfig /nonexistent/podsecrets/kubeconfig cannot be used: ENOENT');
    });
  });
});

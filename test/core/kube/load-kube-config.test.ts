import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { LimitedKubeConfig, loadKubeConfig } from '../../../core/index.js';

const LIMITS = { qps: 100, burst: 25, timeout: 30_000 };

function kubeconfig(server: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'podsecrets-kc-')), 'config');
  writeFileSync(
    path,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'c', cluster: { server } }],
      users: [{ name: 'u', user: { token: 't' } }],
      contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'x',
    }),
  );
  return path;
}

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

  describe('when only $KUBECONFIG is set', () => {
    it('should use its first file', () => {
      const config = loadKubeConfig('', LIMITS, { KUBECONFIG: `${kubeconfig('https://first:6443')}:${kubeconfig('https://second:6443')}` });
      expect(config.getCurrentCluster()?.server).to.equal('https://first:6443');
    });
  });
});

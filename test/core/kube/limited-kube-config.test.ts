import { expect } from 'chai';
import { CoreV1Api } from '@kubernetes/client-node';
import { withKubeClientFallback } from '../../../core/index.js';
import { effectiveKubeClientLimits } from '../../../core/kube/kube-client-limits.js';
import { LimitedKubeConfig } from '../../../core/kube/limited-kube-config.js';
import { FakeKubeApi } from '../../support/fake-kube-api.js';
import { keptToRate } from '../../support/request-rate.js';

describe(LimitedKubeConfig.name, () => {
  let kube: FakeKubeApi;
  beforeEach(async () => {
    kube = await new FakeKubeApi().start();
    kube.putSecret('flyte', 'db', { password: 'x' });
  });
  afterEach(() => kube.stop());

  function client(qps: number, burst: number, timeout = 0): CoreV1Api {
    const config = new LimitedKubeConfig({ qps, burst, timeout });
    config.loadFromFile(kube.kubeconfigFile);
    return config.makeApiClient(CoreV1Api);
  }

  describe('when more calls are made at once than qps and burst allow', () => {
    it('should never let more than burst + qps·t requests reach the API server within t', async () => {
      const [qps, burst, calls] = [20, 4, 40];
      const api = client(qps, burst);
      // A first call loads and connects what every later call reuses; then the bucket fills again.
      await api.readNamespacedSecret({ name: 'db', namespace: 'flyte' });
      await new Promise((resolve) => setTimeout(resolve, (burst * 1000) / qps + 50));
      kube.requests.length = 0;
      await Promise.all(Array.from({ length: calls }, () => api.readNamespacedSecret({ name: 'db', namespace: 'flyte' })));
      const times = kube.requests.map((request) => request.receivedAt);
      expect(times).to.have.length(calls);
      // Without the limiter all 40 arrive within a few milliseconds.
      const kept = keptToRate(times, qps, burst);
      kept.windows.forEach((most, index) => expect(most, 'requests in a window').to.be.at.most(kept.bounds[index]!));
      expect(kept.afterBurst, 'requests after the burst').to.be.at.most(kept.earned);
    });
  });

  describe('when the API server does not answer within the timeout', () => {
    it('should abort the call', async () => {
      kube.hang = true;
      let failure: unknown;
      await client(100, 10, 200)
        .readNamespacedSecret({ name: 'db', namespace: 'flyte' })
        .catch((error: unknown) => (failure = error));
      expect(String((failure as Error)?.name ?? failure)).to.match(/Abort|Timeout/);
    });
  });
});

describe('kubeClientConfig limits', () => {
  describe('when embeddedSecretManagerConfig.k8sConfig.kubeClientConfig leaves a key at 0', () => {
    it("should take webhook.kubeClientConfig's value for that key alone, as Flyte's ResolveKubeClientConfigs does", () => {
      expect(withKubeClientFallback({ qps: 0, burst: 7, timeout: 0 }, { qps: 100, burst: 25, timeout: 30_000 })).to.deep.equal({ qps: 100, burst: 7, timeout: 30_000 });
    });
  });

  describe('when a value is 0 or below after the fallback', () => {
    it("should run with client-go's defaults (5 per second, burst 10) and no timeout, as Flyte's client does", () => {
      expect(effectiveKubeClientLimits({ qps: 0, burst: -1, timeout: -5 })).to.deep.equal({ qps: 5, burst: 10, timeout: 0 });
    });
  });
});

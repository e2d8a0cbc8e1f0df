import { expect } from 'chai';
import { CoreV1Api } from '@kubernetes/client-node';
import { withKubeClientFallback } from '../../../core/index.js';
import { effectiveKubeClientLimits } from '../../../core/kube/kube-client-limits.js';
import { LimitedKubeConfig } from '../../../core/kube/limited-kube-config.js';
import { FakeKubeApi } from '../../support/fake-kube-api.js';
import { soonerThanBucket } from '../../support/request-rate.js';

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
    it('should let burst requests reach the API server at once, then one per 1/qps s', async () => {
      const [qps, burst, calls] = [5, 3, 12];
      const startedAt = performance.now();
      const api = client(qps, burst);
      await Promise.all(Array.from({ length: calls }, () => api.readNamespacedSecret({ name: 'db', namespace: 'flyte' })));
      const times = kube.requests.map((request) => request.receivedAt);
      expect(times).to.have.length(calls);
      // Without the limiter all 12 arrive within a few milliseconds; the 12th may not come before 1.6 s.
      expect(soonerThanBucket(times, startedAt, qps, burst), 'requests sooner than the bucket allows').to.deep.equal([]);
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

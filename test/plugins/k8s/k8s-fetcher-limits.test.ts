import { expect } from 'chai';
import { md5Hex } from '../../../core/index.js';
import { K8sSecretFetcher } from '../../../plugins/k8s/k8s-fetcher.js';
import { FakeKubeApi } from '../../support/fake-kube-api.js';
import { fetchRejection } from '../../support/fetch-rejection.js';
import { soonerThanBucket } from '../../support/request-rate.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';

const idOf = (n: number) => `u__org__flyte__domain__development__project__flytesnacks__key__k${n}`;

describe('K8sSecretFetcher kubeClientConfig', () => {
  let kube: FakeKubeApi;
  beforeEach(async () => {
    kube = await new FakeKubeApi().start();
    for (let n = 0; n < 16; n += 1) kube.putSecret('flyte', md5Hex(idOf(n)), { [idOf(n)]: `v${n}` });
  });
  afterEach(() => kube.stop());

  function fetcher(k8sLimits: Record<string, unknown>, webhookLimits: Record<string, unknown> = {}): K8sSecretFetcher {
    const embedded = { kubeconfig: kube.kubeconfigFile, fetchTimeout: '20s', k8sConfig: { kubeClientConfig: k8sLimits } };
    return createTestPodsecrets({ config: { webhook: { embeddedSecretManagerConfig: embedded, kubeClientConfig: webhookLimits } } }).container.get(K8sSecretFetcher);
  }

  for (const [where, k8s, webhook] of [
    ['its own k8sConfig.kubeClientConfig', { qps: 10, burst: 2 }, {}],
    ["webhook.kubeClientConfig's, which it falls back to when its own are 0", { qps: 0, burst: 0 }, { qps: 10, burst: 2 }],
  ] as const) {
    describe(`when many fetches start at once, under ${where}`, () => {
      it('should keep the API server to burst 2, then 10 requests a second', async () => {
        const startedAt = performance.now();
        const limited = fetcher(k8s, webhook);
        await Promise.all(Array.from({ length: 16 }, (_, n) => limited.fetch(idOf(n), new AbortController().signal)));
        const times = kube.requests.map((request) => request.receivedAt);
        expect(times).to.have.length(16);
        // client-go's defaults (burst 10, 5 a second) would let the 3rd to 10th through at once.
        expect(soonerThanBucket(times, startedAt, 10, 2), 'requests sooner than the bucket allows').to.deep.equal([]);
      });
    });
  }

  for (const [where, k8s, webhook] of [
    ['its own k8sConfig.kubeClientConfig.timeout', { timeout: '200ms' }, { timeout: 0 }],
    ['webhook.kubeClientConfig.timeout, when its own is 0', { timeout: 0 }, { timeout: '200ms' }],
  ] as const) {
    describe(`when the API server does not answer, under ${where}`, () => {
      it('should fail the fetch with the client timeout, before embeddedSecretManagerConfig.fetchTimeout (20s)', async () => {
        kube.hang = true;
        const error = await fetchRejection(fetcher(k8s, webhook).fetch(idOf(0), new AbortController().signal));
        expect(error.code).to.equal('SecretReadFailure');
        expect(error.detail).to.match(/timeout|aborted/i);
      });
    });
  }
});

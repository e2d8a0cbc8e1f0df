import { expect } from 'chai';
import { md5Hex } from '../../../core/index.js';
import { AdmissionMetrics } from '../../../server/runtime/admission-metrics.js';
import { EmbeddedSecretReader } from '../../../plugins/embedded/embedded-secret-reader.js';
import { FakeKubeApi } from '../../support/fake-kube-api.js';
import { admit, admitAndCheck } from '../../support/admit.js';
import { reviewFor } from '../../support/pod-builders.js';
import { domainId, embeddedPodsecrets, ENV, envOf, orgId, projectId, storeFlyteSecret, taskPod, TestClock } from './embedded-fixtures.js';

const PLAIN = { valueDelivery: 'plainText' };

function flyteGets(kube: FakeKubeApi, id: string): number {
  return kube.requestsTo('GET', 'flyte').filter((request) => request.path.endsWith(`/${md5Hex(id)}`)).length;
}

describe('EmbeddedSecretInjector', () => {
  let kube: FakeKubeApi;

  beforeEach(async () => {
    kube = await new FakeKubeApi().start();
  });

  afterEach(() => kube.stop());

  describe('when a value is asked for again within its TTL', () => {
    it('should not ask the backend, and should ask again once the TTL has passed', async () => {
      storeFlyteSecret(kube, projectId('k'), 'v1');
      const clock = new TestClock();
      const { handler } = embeddedPodsecrets(kube, { ...PLAIN, cache: { ttl: '2m' } }, clock);
      await admitAndCheck(handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      expect(flyteGets(kube, projectId('k'))).to.equal(1);
      storeFlyteSecret(kube, projectId('k'), 'v2');
      clock.now += 119_999;
      const cached = await admitAndCheck(handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      expect(envOf(cached)[0]).to.deep.equal({ name: '_UNION_K', value: 'v1' });
      expect(flyteGets(kube, projectId('k'))).to.equal(1);
      clock.now += 1;
      const refreshed = await admitAndCheck(handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      expect(envOf(refreshed)[0]).to.deep.equal({ name: '_UNION_K', value: 'v2' });
      expect(flyteGets(kube, projectId('k'))).to.equal(2);
    });
  });

  describe('when 100 admissions ask for one uncached id at once', () => {
    it('should make one backend call for it', async () => {
      storeFlyteSecret(kube, orgId('shared'), 'v');
      const { handler } = embeddedPodsecrets(kube, PLAIN);
      const results = await Promise.all(Array.from({ length: 100 }, () => admit(handler, taskPod([{ key: 'shared', mountRequirement: ENV }]))));
      expect(results.filter((result) => result.response.allowed)).to.have.length(100);
      expect(new Set(results.map((result) => JSON.stringify(result.pod))).size).to.equal(1);
      await admitAndCheck(handler, taskPod([{ key: 'shared', mountRequirement: ENV }]));
      expect([projectId('shared'), domainId('shared'), orgId('shared')].map((id) => flyteGets(kube, id))).to.deep.equal([1, 1, 1]);
    });
  });

  describe("when the server's metrics are attached", () => {
    it('should count each backend call by outcome and each cache lookup as hit or miss', async () => {
      storeFlyteSecret(kube, domainId('k'), 'v');
      const podsecrets = embeddedPodsecrets(kube, PLAIN);
      const metrics = podsecrets.container.get(AdmissionMetrics);
      await admitAndCheck(podsecrets.handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      const text = await metrics.registry.metrics();
      // First admission: project scope not found, domain scope found; the second pass hits the cache for both.
      expect(text).to.match(/^podsecrets_backend_call_duration_seconds_count\{backend="K8s",operation="fetch-secret",outcome="not-found"\} 1$/m);
      expect(text).to.match(/^podsecrets_backend_call_duration_seconds_count\{backend="K8s",operation="fetch-secret",outcome="ok"\} 1$/m);
      expect(text).to.match(/^podsecrets_backend_cache_lookups_total\{backend="K8s",result="miss"\} 2$/m);
      expect(text).to.match(/^podsecrets_backend_cache_lookups_total\{backend="K8s",result="hit"\} 2$/m);
      expect(text).not.to.include('"v"');
    });
  });

  describe('when a scope has no such secret', () => {
    it('should remember it for notFoundTtl only', async () => {
      storeFlyteSecret(kube, orgId('k'), 'v');
      const clock = new TestClock();
      const { handler } = embeddedPodsecrets(kube, { ...PLAIN, cache: { ttl: '1h', notFoundTtl: '10s' } }, clock);
      await admitAndCheck(handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      expect(flyteGets(kube, projectId('k'))).to.equal(1);
      storeFlyteSecret(kube, projectId('k'), 'project-now');
      clock.now += 9_999;
      const before = await admitAndCheck(handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      expect(envOf(before)[0]).to.deep.equal({ name: '_UNION_K', value: 'v' });
      clock.now += 1;
      const after = await admitAndCheck(handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      expect(envOf(after)[0]).to.deep.equal({ name: '_UNION_K', value: 'project-now' });
    });
  });

  describe('when the cache is invalidated for a secret', () => {
    it('should forget it at every scope', async () => {
      storeFlyteSecret(kube, domainId('k'), 'old');
      const podsecrets = embeddedPodsecrets(kube, PLAIN);
      await admitAndCheck(podsecrets.handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      storeFlyteSecret(kube, domainId('k'), 'new');
      podsecrets.container.get(EmbeddedSecretReader).invalidate({ org: 'acme', domain: 'development', project: 'flytesnacks', name: 'k' });
      const pod = await admitAndCheck(podsecrets.handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      expect(envOf(pod)[0]).to.deep.equal({ name: '_UNION_K', value: 'new' });
    });
  });

  describe('when the backend fails after the TTL', () => {
    it('should serve the expired value with a warning if serveStaleOnError is set', async () => {
      storeFlyteSecret(kube, projectId('k'), 'v');
      const clock = new TestClock();
      const { handler } = embeddedPodsecrets(kube, { ...PLAIN, cache: { ttl: '1m', serveStaleOnError: true, maxStale: '10m' } }, clock);
      await admitAndCheck(handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      clock.now += 60_000 + 5_000;
      kube.failWith = { code: 503, reason: 'ServiceUnavailable' };
      const { response, pod } = await admit(handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      expect(response.allowed).to.equal(true);
      expect(response.warnings).to.deep.equal(['secret key "k": the K8s backend failed; used a value cached 5 s past its expiry']);
      expect(envOf(pod)[0]).to.deep.equal({ name: '_UNION_K', value: 'v' });
      await admitAndCheck(handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
    });

    it('should deny when serveStaleOnError is not set', async () => {
      storeFlyteSecret(kube, projectId('k'), 'v');
      const clock = new TestClock();
      const { handler } = embeddedPodsecrets(kube, { ...PLAIN, cache: { ttl: '1m' } }, clock);
      await admitAndCheck(handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      clock.now += 60_000;
      kube.failWith = { code: 503, reason: 'ServiceUnavailable' };
      const { response } = await admit(handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      expect(response.allowed).to.equal(false);
      expect(response.status?.message).to.include('[SecretReadFailure]');
    });
  });
});

describe('EmbeddedSecretInjector', () => {
  let kube: FakeKubeApi;

  beforeEach(async () => {
    kube = await new FakeKubeApi().start();
  });

  afterEach(() => kube.stop());

  describe('when the backend does not answer', () => {
    it('should deny after fetchTimeout, saying which backend and which setting', async () => {
      kube.hang = true;
      const { handler } = embeddedPodsecrets(kube, { fetchTimeout: '150ms' });
      const { response } = await admit(handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      expect(response.allowed).to.equal(false);
      expect(response.status?.message).to.include(
        'Embedded: [SecretReadFailure] [SecretReadFailure] key "k" at project scope (org "acme", domain "development", project "flytesnacks") in the K8s backend: K8s did not answer within 150 ms (webhook.embeddedSecretManagerConfig.fetchTimeout)',
      );
    });

    it('should admit without the secret and warn when onBackendFailure is admitWithWarning', async () => {
      kube.hang = true;
      const { handler } = embeddedPodsecrets(kube, { fetchTimeout: '150ms', onBackendFailure: 'admitWithWarning' });
      const { response, pod } = await admit(handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      expect(response.allowed).to.equal(true);
      expect(response.warnings?.[0]).to.match(/^secret key "k" was not injected: \[SecretReadFailure\] key "k" at project scope .* K8s did not answer within 150 ms/);
      expect(envOf(pod)).to.deep.equal([]);
    });

    it('should wait for the backend once per admission, not once per secret', async () => {
      kube.hang = true;
      const { handler } = embeddedPodsecrets(kube, { fetchTimeout: '150ms', onBackendFailure: 'admitWithWarning' });
      const { response } = await admit(handler, taskPod(['a', 'b', 'c'].map((key) => ({ key, mountRequirement: ENV }))));
      expect(response.allowed).to.equal(true);
      expect(kube.requests).to.have.length(1);
      expect(response.warnings?.slice(1)).to.deep.equal(
        ['b', 'c'].map(
          (key) =>
            `secret key "${key}" was not injected: [SecretReadFailure] key "${key}": not asked, the K8s backend already failed for this pod (K8s did not answer within 150 ms (webhook.embeddedSecretManagerConfig.fetchTimeout))`,
        ),
      );
    });

    it("should stop waiting when the admission's own deadline passes first", async () => {
      kube.hang = true;
      const { handler } = embeddedPodsecrets(kube, { fetchTimeout: '20s' });
      const deadline = new AbortController();
      const pending = handler.handle(reviewFor(taskPod([{ key: 'k', mountRequirement: ENV }])), { signal: deadline.signal });
      while (kube.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      deadline.abort();
      const { review } = await pending;
      expect(review.response.allowed).to.equal(false);
      expect(review.response.status?.message).to.include('the admission deadline passed before the backend answered');
    });
  });

  describe('when the backend is down', () => {
    it('should deny with SecretReadFailure', async () => {
      const { handler } = embeddedPodsecrets(kube);
      await kube.stop();
      const { response } = await admit(handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      expect(response.allowed).to.equal(false);
      expect(response.status?.message).to.match(
        /Embedded: \[SecretReadFailure\] \[SecretReadFailure\] key "k" at project scope .* in the K8s backend: cannot read Secret flyte\/[0-9a-f]{32}: .*ECONNREFUSED/,
      );
      kube = await new FakeKubeApi().start();
    });
  });

  describe('when fetchTimeout is not below the webhook limit', () => {
    it('should refuse to start, naming the key', () => {
      expect(() => embeddedPodsecrets(kube, { fetchTimeout: '30s' })).to.throw(
        'webhook.embeddedSecretManagerConfig.fetchTimeout: must be a Go duration above 0 and below the webhook\'s own limit of 30s (the API server\'s default is 10s), e.g. 3s: value was "30s"',
      );
    });
  });
});

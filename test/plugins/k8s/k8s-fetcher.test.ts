import { expect } from 'chai';
import { md5Hex } from '../../../core/index.js';
import { K8sSecretFetcher } from '../../../plugins/k8s/k8s-fetcher.js';
import { FakeKubeApi } from '../../support/fake-kube-api.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';
import { fetchRejection } from '../../support/fetch-rejection.js';
import { admit } from '../../support/admit.js';
import { MOUNT_WAYS, TRAVERSAL_KEYS } from '../../support/secret-id-attacks.js';
import { embeddedPodsecrets, projectId, taskPod } from '../embedded/embedded-fixtures.js';

const ID = 'u__org__flyte__domain__development__project__flytesnacks__key__db-password';

describe('K8sSecretFetcher', () => {
  let kube: FakeKubeApi;
  let fetcher: K8sSecretFetcher;

  beforeEach(async () => {
    kube = await new FakeKubeApi().start();
    const podsecrets = createTestPodsecrets({ config: { webhook: { embeddedSecretManagerConfig: { kubeconfig: kube.kubeconfigFile, k8sConfig: { namespace: 'flyte' } } } } });
    fetcher = podsecrets.container.get(K8sSecretFetcher);
  });

  afterEach(() => kube.stop());

  describe('when the Secret md5(id) holds the data key id', () => {
    it('should return its bytes, read with the client credentials', async () => {
      kube.putSecret('flyte', md5Hex(ID), { [ID]: 's3cr=t / with spaces' });
      const value = await fetcher.fetch(ID, new AbortController().signal);
      expect(Buffer.from(value).toString('utf8')).to.equal('s3cr=t / with spaces');
      expect(kube.requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal([`GET /api/v1/namespaces/flyte/secrets/${md5Hex(ID)}`]);
    });
  });

  describe('when there is no such Secret', () => {
    it('should reject with SecretNotFound naming the Secret', async () => {
      const error = await fetchRejection(fetcher.fetch(ID, new AbortController().signal));
      expect(error.code).to.equal('SecretNotFound');
      expect(error.message).to.equal(`[SecretNotFound] secret "${ID}": no Secret flyte/${md5Hex(ID)} (the md5 of the id)`);
    });
  });

  describe('when the Secret lacks the data key', () => {
    it('should reject with SecretNil', async () => {
      kube.putSecret('flyte', md5Hex(ID), { other: 'x' });
      const error = await fetchRejection(fetcher.fetch(ID, new AbortController().signal));
      expect(error.code).to.equal('SecretNil');
      expect(error.detail).to.equal(`Secret flyte/${md5Hex(ID)} has no data key "${ID}", caused by: secret data is nil`);
    });
  });

  describe('when the API server refuses', () => {
    it('should reject with SecretReadFailure, never SecretNotFound', async () => {
      kube.failWith = { code: 403, reason: 'Forbidden' };
      const error = await fetchRejection(fetcher.fetch(ID, new AbortController().signal));
      expect(error.code).to.equal('SecretReadFailure');
      expect(error.detail).to.equal(`cannot read Secret flyte/${md5Hex(ID)}: the API server answered 403 Forbidden: injected failure Forbidden`);
    });
  });

  describe('when the API server does not answer and the signal aborts', () => {
    it('should reject with SecretReadFailure', async () => {
      kube.hang = true;
      const controller = new AbortController();
      const pending = fetcher.fetch(ID, controller.signal);
      while (kube.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      controller.abort();
      const error = await fetchRejection(pending);
      expect(error.code).to.equal('SecretReadFailure');
    });
  });

  describe('when Embedded mode is asked for a key that tries to climb out of its scope', () => {
    for (const key of TRAVERSAL_KEYS) {
      for (const way of MOUNT_WAYS) {
        it(`should deny ${JSON.stringify(key)} asked as ${way.name}, and send the API server no request`, async () => {
          const { handler } = embeddedPodsecrets(kube, { valueDelivery: 'plainText' });
          const { response } = await admit(handler, taskPod([{ key, ...way.request }]));
          expect(response.allowed).to.equal(false);
          expect(kube.requests).to.deep.equal([]);
        });
      }
    }
  });

  describe('when the id is not a plain name', () => {
    for (const key of ['..', 'a/../b', 'k\u0000x', 'k\rx']) {
      it(`should refuse key ${JSON.stringify(key)} with InvalidSecretId before any request`, async () => {
        const error = await fetchRejection(fetcher.fetch(projectId(key), new AbortController().signal));
        expect(error.code).to.equal('InvalidSecretId');
        expect(error.detail).to.include(`key ${JSON.stringify(key)}`);
        expect(kube.requests).to.deep.equal([]);
      });
    }

    it("should refuse an id whose scope part ends with '_', which could be another scope's", async () => {
      const error = await fetchRejection(fetcher.fetch('u__org__acme___domain__dev__project__a__key__b', new AbortController().signal));
      expect(error.code).to.equal('InvalidSecretId');
      expect(kube.requests).to.deep.equal([]);
    });
  });
});

import { createServer } from 'node:net';
import { expect } from 'chai';
import { FakeKubeApi } from '../../support/fake-kube-api.js';
import { reviewFor } from '../../support/pod-builders.js';
import { startTestWebhook, type TestWebhook } from '../../support/test-webhook.js';
import { ENV, projectId, storeFlyteSecret, taskPod } from '../../plugins/embedded/embedded-fixtures.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function envValue(review: unknown): unknown {
  const patch = JSON.parse(Buffer.from((review as { response: { patch: string } }).response.patch, 'base64').toString('utf8')) as { path: string; value: unknown }[];
  return patch.find((operation) => operation.path === '/spec/containers/0/env')?.value;
}

describe('podsecrets serve', () => {
  let kube: FakeKubeApi;
  let webhook: TestWebhook;
  let port: number;

  beforeEach(async () => {
    kube = await new FakeKubeApi().start();
    port = await freePort();
    webhook = await startTestWebhook({
      config: {
        webhook: {
          cacheInvalidationPort: port,
          secretManagerType: 'Embedded',
          embeddedSecretManagerConfig: { kubeconfig: kube.kubeconfigFile, valueDelivery: 'plainText', organization: 'acme', cache: { ttl: '1h' } },
        },
      },
    });
  });

  afterEach(async () => {
    await webhook.stop();
    await kube.stop();
  });

  describe('when in Embedded mode the secret service reports a change on the invalidation port', () => {
    it('should serve the new value on the next admission', async () => {
      storeFlyteSecret(kube, projectId('k'), 'old');
      const pod = taskPod([{ key: 'k', mountRequirement: ENV }]);
      expect(envValue((await webhook.request('/mutate--v1-pod', reviewFor(pod))).json)).to.deep.equal([
        { name: '_UNION_K', value: 'old' },
        { name: 'FLYTE_SECRETS_ENV_PREFIX', value: '_UNION_' },
      ]);
      storeFlyteSecret(kube, projectId('k'), 'new');
      expect(envValue((await webhook.request('/mutate--v1-pod', reviewFor(pod))).json)).to.deep.include({ name: '_UNION_K', value: 'old' });
      const invalidated = await fetch(`http://127.0.0.1:${port}/invalidate-secret`, {
        method: 'POST',
        body: JSON.stringify({ org: 'acme', domain: 'development', project: 'flytesnacks', name: 'k' }),
      });
      expect(invalidated.status).to.equal(200);
      expect(envValue((await webhook.request('/mutate--v1-pod', reviewFor(pod))).json)).to.deep.include({ name: '_UNION_K', value: 'new' });
    });
  });
});

describe('podsecrets serve without Embedded mode', () => {
  describe('when no enabled backend caches values', () => {
    it('should not open the invalidation port at all', async () => {
      const port = await freePort();
      const webhook = await startTestWebhook({ config: { webhook: { cacheInvalidationPort: port, secretManagerType: 'K8s' } } });
      try {
        const refused = await fetch(`http://127.0.0.1:${port}/invalidate-secret`, { method: 'POST', body: '{}' }).then(
          () => 'answered',
          (error: unknown) => String((error as { cause?: { code?: string } }).cause?.code),
        );
        expect(refused).to.equal('ECONNREFUSED');
      } finally {
        await webhook.stop();
      }
    });
  });
});

import { expect } from 'chai';
import { loadConfig } from '../../../config/config-loader.js';
import { webhookIdentity } from '../../../server/certificates/webhook-identity.js';
import { webhookRegistration } from '../../../server/certificates/webhook-registration.js';
import { makeKubeClients } from '../../../server/certificates/kube-clients.js';
import { ensureWebhookRegistration } from '../../../server/certificates/webhook-registrar.js';
import { FakeKubeApi } from '../../support/fake-kube-api.js';

describe(ensureWebhookRegistration.name, () => {
  let api: FakeKubeApi;

  beforeEach(async () => {
    api = await new FakeKubeApi().start();
  });

  afterEach(() => api.stop());

  const wanted = () => webhookRegistration(webhookIdentity(loadConfig({ file: 'config/deploy.yaml' })), 'Y2E=');

  describe('when the registration is missing and RBAC forbids creating it (the rendered ClusterRole has no create)', () => {
    it('should fail saying to apply the webhook.yaml that manifests renders', async () => {
      api.beforeHandle = (method) => {
        api.failWith = method === 'POST' ? { code: 403, reason: 'Forbidden' } : undefined;
      };
      let error: unknown;
      try {
        await ensureWebhookRegistration(makeKubeClients(api.kubeConfig()).admission, wanted());
      } catch (caught) {
        error = caught;
      }
      expect((error as Error).message).to.equal(
        'the MutatingWebhookConfiguration podsecrets does not exist and podsecrets may not create it (HTTP 403): apply the webhook.yaml that `podsecrets manifests` renders',
      );
    });
  });

  describe('when the registration was applied from the manifests', () => {
    it('should only read and update it by name', async () => {
      const { caBundle: _omitted, ...clientConfig } = wanted().webhooks[0]?.clientConfig ?? { service: {} };
      api.put('mutatingwebhookconfigurations', { ...wanted(), webhooks: [{ ...wanted().webhooks[0], clientConfig }] });
      expect(await ensureWebhookRegistration(makeKubeClients(api.kubeConfig()).admission, wanted())).to.equal('updated');
      expect(api.requests.map((request) => `${request.method} ${request.path.split('?')[0] ?? ''}`)).to.deep.equal([
        'GET /apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations/podsecrets',
        'PUT /apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations/podsecrets',
      ]);
    });
  });
});

import { expect } from 'chai';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../../config/config-loader.js';
import { renderManifests } from '../../../server/manifests/render-manifests.js';

type Objects = Array<Record<string, unknown> & { kind: string }>;
type PodSpec = { containers: Array<{ name: string; volumeMounts: unknown[] }>; initContainers?: Array<{ volumeMounts: unknown[] }>; volumes: unknown[] };

function render(config: Record<string, unknown>): Objects {
  const files = renderManifests(loadConfig({ overrides: { webhook: { localCert: true }, ...config } }), { configText: '', configFile: 'test.yaml' });
  return files.flatMap((file) => parseAllDocuments(file.text).map((document) => document.toJS() as Objects[number]));
}

const podSpecOf = (objects: Objects): PodSpec => (objects.find((object) => object.kind === 'Deployment') as unknown as { spec: { template: { spec: PodSpec } } }).spec.template.spec;

describe('renderManifests for client authentication', () => {
  describe('when server.clientCAFile is set', () => {
    it("should mount the CA from the ConfigMap <serviceName>-client-ca at that path, in serve's container only", () => {
      const objects = render({ webhook: { localCert: true, serviceName: 'podsecrets' }, server: { clientCAFile: '/etc/podsecrets-client-ca/api-server-ca.pem' } });
      const spec = podSpecOf(objects);
      expect(spec.volumes).to.deep.include({ name: 'client-ca', configMap: { name: 'podsecrets-client-ca', items: [{ key: 'ca.crt', path: 'api-server-ca.pem' }] } });
      expect(spec.containers[0]?.volumeMounts).to.deep.include({ name: 'client-ca', mountPath: '/etc/podsecrets-client-ca', readOnly: true });
      for (const init of spec.initContainers ?? []) expect(init.volumeMounts).not.to.deep.include({ name: 'client-ca', mountPath: '/etc/podsecrets-client-ca', readOnly: true });
      expect(() => new Deployment(objects.find((object) => object.kind === 'Deployment') as never).validate()).not.to.throw();
      expect(() => new NetworkPolicy(objects.find((object) => object.kind === 'NetworkPolicy') as never).validate()).not.to.throw();
    });

    for (const path of ['ca.crt', '/ca.crt', '/etc/podsecrets/ca.crt', '/etc/webhook/certs/ca.crt', '/etc/webhook/ca.crt']) {
      it(`should refuse ${path}, naming the key, where no volume of its own can hold it`, () => {
        expect(() => render({ webhook: { localCert: true, certDir: '/etc/webhook/certs' }, server: { clientCAFile: path } })).to.throw(
          `server.clientCAFile: ${JSON.stringify(path)} is not accepted in a Deployment`,
        );
      });
    }
  });

  describe('when server.clientCAFile is empty', () => {
    it('should mount no CA', () => {
      expect(JSON.stringify(podSpecOf(render({})))).not.to.include('client-ca');
    });
  });

  describe('the NetworkPolicy', () => {
    it("should select the webhook's pods and admit ingress to the webhook port only", () => {
      const policy = render({ webhook: { localCert: true, listenPort: 8443 } }).find((object) => object.kind === 'NetworkPolicy');
      expect(policy?.['spec']).to.deep.equal({
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'podsecrets', 'app.kubernetes.io/component': 'webhook' } },
        policyTypes: ['Ingress'],
        ingress: [{ ports: [{ port: 8443, protocol: 'TCP' }] }],
      });
    });

    it('should also admit the cache invalidation port when that listener is reachable beyond loopback', () => {
      const policy = render({ webhook: { localCert: true, cacheInvalidationPort: 9444 }, server: { cacheInvalidationHost: '0.0.0.0', cacheInvalidationTokenFile: '/t' } }).find(
        (object) => object.kind === 'NetworkPolicy',
      );
      expect((policy?.['spec'] as { ingress: unknown }).ingress).to.deep.equal([
        {
          ports: [
            { port: 9443, protocol: 'TCP' },
            { port: 9444, protocol: 'TCP' },
          ],
        },
      ]);
    });
  });
});

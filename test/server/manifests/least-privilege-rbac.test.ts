import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../../config/config-loader.js';
import { silentLogger } from '../../../core/logging/logger.js';
import { reconcileCertificates } from '../../../server/certificates/certificate-reconciler.js';
import { rotationPolicyOf } from '../../../server/certificates/rotation-policy-of.js';
import { renderManifests } from '../../../server/manifests/render-manifests.js';
import { webhookIdentity } from '../../../server/certificates/webhook-identity.js';
import { makeKubeClients } from '../../../server/certificates/kube-clients.js';
import { pluginModules } from '../../../server/wiring/plugin-modules.js';
import { admitAndCheck } from '../../support/admit.js';
import { FakeKubeApi } from '../../support/fake-kube-api.js';
import { accessOf, allows, grantsOf, type PolicyRule } from '../../support/rbac-rules.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';
import { ENV, ORGANIZATION, projectId, storeFlyteSecret, TASK_NAMESPACE, taskPod } from '../../plugins/embedded/embedded-fixtures.js';

type RbacObject = Record<string, unknown> & { kind: string; metadata: { name: string; namespace?: string }; rules?: PolicyRule[] };
const MODELS: Record<string, new (data: never) => { validate(): void }> = { Role, RoleBinding, ClusterRole, ClusterRoleBinding };
const SERVICE_ACCOUNT = { name: 'podsecrets', namespace: 'podsecrets' };
const BASE = { webhook: { serviceName: 'podsecrets', secretName: 'podsecrets-webhook-certs', localCert: true, certDir: '/etc/webhook/certs' } };
const EMBEDDED_NAMESPACE = TASK_NAMESPACE;

/** The rendered objects of rbac.yaml, parsed back from the text as kubectl would read them (plugin keys included). */
function rbacOf(config: Record<string, unknown>): RbacObject[] {
  const podsecrets = createTestPodsecrets({ modules: pluginModules, config });
  const rbac = renderManifests(podsecrets.config, { configText: '', configFile: 'test.yaml' }).find((file) => file.name === 'rbac.yaml');
  return parseAllDocuments(rbac?.text ?? '').map((document) => document.toJS() as RbacObject);
}

const rulesOf = (objects: readonly RbacObject[]): PolicyRule[] => objects.flatMap((object) => object.rules ?? []);
const embedded = (fields: Record<string, unknown>, embeddedNamespaces: string[] = []) => ({
  ...BASE,
  webhook: { ...BASE.webhook, secretManagerType: 'Embedded', embeddedSecretManagerConfig: fields },
  deployment: { embeddedNamespaces },
});

const CONFIGS: Array<[string, Record<string, unknown>]> = [
  ['config/deploy.yaml', loadConfigFileAsOverrides()],
  ['certificates from files, registration by podsecrets', { ...BASE, certificates: { source: 'files' } }],
  ['cert-manager', { ...BASE, certificates: { source: 'cert-manager' } }],
  ['Embedded K8s secretRef, namespaces listed', embedded({ type: 'K8s' }, [EMBEDDED_NAMESPACE, 'team-b'])],
  ['Embedded K8s secretRef, no namespace listed', embedded({ type: 'K8s' })],
  ['Embedded AWS plainText with image pull Secrets', embedded({ type: 'AWS', valueDelivery: 'plainText', imagePullSecrets: { enabled: true } }, ['team-a'])],
];

function loadConfigFileAsOverrides(): Record<string, unknown> {
  return parseAllDocuments(readFileSync('config/deploy.yaml', 'utf8'))[0]?.toJS() as Record<string, unknown>;
}

describe('renderManifests RBAC (least privilege)', () => {
  for (const [label, config] of CONFIGS) {
    describe(`when rendering ${label}`, () => {
      it('should grant no list, watch or wildcard on Secrets, and be valid against the Kubernetes schema', () => {
        const objects = rbacOf(config);
        for (const rule of rulesOf(objects).filter((rule) => rule.resources.includes('secrets') || rule.resources.includes('*'))) {
          expect(
            rule.verbs.filter((verb) => ['list', 'watch', '*', 'deletecollection'].includes(verb)),
            JSON.stringify(rule),
          ).to.deep.equal([]);
        }
        for (const object of objects.filter((object) => MODELS[object.kind] !== undefined)) {
          expect(() => new (MODELS[object.kind] as NonNullable<(typeof MODELS)[string]>)(object as never).validate(), `${object.kind} ${object.metadata.name}`).not.to.throw();
        }
      });

      it('should grant on its webhook registration only get and update of its own, by name, and never create', () => {
        for (const rule of rulesOf(rbacOf(config)).filter((rule) => rule.resources.includes('mutatingwebhookconfigurations'))) {
          expect(rule.resourceNames, JSON.stringify(rule)).to.deep.equal(['podsecrets']);
          expect(
            rule.verbs.every((verb) => ['get', 'update', 'patch'].includes(verb)),
            JSON.stringify(rule),
          ).to.equal(true);
        }
      });
    });
  }

  describe('when Embedded mode reads from the K8s store and writes Secrets in the namespaces listed', () => {
    it('should grant get in k8sConfig.namespace only, and the writer its verbs through a RoleBinding in each listed namespace', () => {
      const grants = grantsOf(rbacOf(embedded({ type: 'K8s', k8sConfig: { namespace: 'flyte' } }, [EMBEDDED_NAMESPACE, 'team-b'])), SERVICE_ACCOUNT);
      const can = (verb: string, namespace: string) => allows(grants, { verb, group: '', resource: 'secrets', namespace, name: 'x' });
      expect(['get', 'create', 'update', 'patch'].map((verb) => can(verb, 'flyte'))).to.deep.equal([true, false, false, false]);
      for (const namespace of [EMBEDDED_NAMESPACE, 'team-b']) expect(['get', 'create', 'update', 'patch', 'delete'].map((verb) => can(verb, namespace))).to.deep.equal([true, true, true, true, false]);
      expect(can('get', 'kube-system')).to.equal(false);
      expect(
        grants
          .filter((grant) => grant.namespace === undefined)
          .flatMap((grant) => grant.rules)
          .filter((rule) => rule.resources.includes('secrets')),
      ).to.deep.equal([]);
    });
  });

  describe('when Embedded mode writes Secrets and no namespace is listed', () => {
    it('should bind the writer cluster-wide, with a comment saying that this is every Secret of every namespace', () => {
      const podsecrets = createTestPodsecrets({ modules: pluginModules, config: embedded({ type: 'K8s' }) });
      const text = renderManifests(podsecrets.config, { configText: '', configFile: 'test.yaml' }).find((file) => file.name === 'rbac.yaml')?.text ?? '';
      expect(text).to.include("the webhook may read, create and change EVERY Secret\n# of EVERY namespace, its neighbours' included");
      const grants = grantsOf(rbacOf(embedded({ type: 'K8s' })), SERVICE_ACCOUNT);
      expect(allows(grants, { verb: 'create', group: '', resource: 'secrets', namespace: 'any-namespace', name: undefined })).to.equal(true);
    });
  });

  describe('when Embedded mode neither reads from the cluster nor writes Secrets', () => {
    it('should grant it nothing on Secrets', () => {
      const objects = rbacOf({
        ...embedded({ type: 'AWS', valueDelivery: 'plainText' }),
        certificates: { source: 'files' },
        webhook: { ...BASE.webhook, secretManagerType: 'Embedded', disableCreateMutatingWebhookConfig: true, embeddedSecretManagerConfig: { type: 'AWS', valueDelivery: 'plainText' } },
      });
      expect(objects.map((object) => object.kind)).to.deep.equal(['ServiceAccount']);
    });
  });

  describe('when the webhook starts from the rendered manifests (init-certs, then serve renewing)', () => {
    it('should be allowed every call it makes', async () => {
      const api = await new FakeKubeApi().start();
      try {
        const config = loadConfig({ file: 'config/deploy.yaml' });
        const files = renderManifests(config, { configText: '', configFile: 'config/deploy.yaml' });
        const objects = files.flatMap((file) => parseAllDocuments(file.text).map((document) => document.toJS() as RbacObject));
        // kubectl apply -f deploy/ put the registration there before any webhook pod started.
        api.put('mutatingwebhookconfigurations', objects.find((object) => object.kind === 'MutatingWebhookConfiguration') as never);
        const identity = webhookIdentity(config);
        for (let start = 0; start < 2; start += 1) {
          await reconcileCertificates({
            clients: makeKubeClients(api.kubeConfig()),
            identity: { ...identity, localCert: false },
            policy: rotationPolicyOf(identity),
            holder: `pod-${start}`,
            logger: silentLogger,
          });
        }
        const grants = grantsOf(objects, SERVICE_ACCOUNT);
        const refused = api.requests.map(accessOf).filter((access) => !allows(grants, access));
        expect(api.requests.length).to.be.greaterThan(0);
        expect(refused).to.deep.equal([]);
      } finally {
        await api.stop();
      }
    });
  });

  describe('when Embedded mode admits a pod in a listed namespace (secretRef, K8s store)', () => {
    it('should be allowed every call it makes', async () => {
      const api = await new FakeKubeApi().start();
      try {
        const config = embedded({ type: 'K8s', kubeconfig: api.kubeconfigFile, organization: ORGANIZATION }, [EMBEDDED_NAMESPACE]);
        storeFlyteSecret(api, projectId('token'), 'value');
        const podsecrets = createTestPodsecrets({ config });
        await admitAndCheck(podsecrets.handler, taskPod([{ key: 'token', mountRequirement: ENV }]), { namespace: EMBEDDED_NAMESPACE });
        const objects = rbacOf(config);
        const refused = api.requests.map(accessOf).filter((access) => !allows(grantsOf(objects, SERVICE_ACCOUNT), access));
        expect(api.requests.map(accessOf).map((access) => access.verb)).to.include.members(['get', 'create']);
        expect(refused).to.deep.equal([]);
      } finally {
        await api.stop();
      }
    });
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { MutatingWebhookConfiguration } from 'kubernetes-models/admissionregistration.k8s.io/v1/MutatingWebhookConfiguration';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { Certificate } from '@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate';
import { Issuer } from '@kubernetes-models/cert-manager/cert-manager.io/v1/Issuer';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../../config/config-loader.js';
import { kustomizationFile } from '../../../server/manifests/kustomization-file.js';
import { renderManifests, type ManifestFile } from '../../../server/manifests/render-manifests.js';
import { runCli } from '../../../server/cli/cli.js';
import { isDnsSubdomain } from '../../../core/index.js';
import { silentLogger } from '../../../core/logging/logger.js';
import { reconcileCertificates } from '../../../server/certificates/certificate-reconciler.js';
import { rotationPolicyOf } from '../../../server/certificates/rotation-policy-of.js';
import { webhookIdentity } from '../../../server/certificates/webhook-identity.js';
import { makeKubeClients } from '../../../server/certificates/kube-clients.js';
import { podProblems } from '../../support/acceptable-pod.js';
import { FakeCliIo } from '../../support/fake-cli-io.js';
import { FakeKubeApi } from '../../support/fake-kube-api.js';

// kubernetes-models validates against the OpenAPI schema of each kind; the Prometheus Operator's and
// cert-manager's models against their CRDs' schemas. Keyed by apiVersion and kind, as the API server finds them.
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'rbac.authorization.k8s.io/v1/Role': Role,
  'rbac.authorization.k8s.io/v1/RoleBinding': RoleBinding,
  'rbac.authorization.k8s.io/v1/ClusterRole': ClusterRole,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': ClusterRoleBinding,
  'apps/v1/Deployment': Deployment,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration': MutatingWebhookConfiguration,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
  'cert-manager.io/v1/Certificate': Certificate,
  'cert-manager.io/v1/Issuer': Issuer,
};

function render(config: Record<string, unknown>): ManifestFile[] {
  return renderManifests(loadConfig({ overrides: config }), { configText: 'webhook: {}\n', configFile: 'test.yaml' });
}

function objectsOf(files: readonly ManifestFile[]): Array<Record<string, unknown> & { kind: string; apiVersion: string; metadata: { name: string } }> {
  // Parsed back from the text, so the YAML as written (comments and all) is what is validated.
  return files.flatMap((file) => parseAllDocuments(file.text).map((document) => document.toJS() as never));
}

function expectValid(files: readonly ManifestFile[]): void {
  for (const object of objectsOf(files)) {
    const Model = MODELS[`${object.apiVersion}/${object.kind}`];
    expect(Model, `a model for ${object.apiVersion} ${object.kind}`).to.not.equal(undefined);
    expect(() => new (Model as NonNullable<typeof Model>)(object as never).validate(), `${object.kind} ${object.metadata.name}`).to.not.throw();
    expect(isDnsSubdomain(object.metadata.name), object.metadata.name).to.equal(true);
  }
}

function find(files: readonly ManifestFile[], kind: string): (Record<string, unknown> & { rules?: Array<{ resources: string[]; verbs: string[]; resourceNames?: string[] }> }) | undefined {
  return objectsOf(files).find((object) => object.kind === kind);
}

describe('renderManifests', () => {
  describe('when rendering config/deploy.yaml', () => {
    it('should produce exactly the files in deploy/, byte for byte', async () => {
      const io = new FakeCliIo();
      const code = await runCli(['manifests', '--config', 'config/deploy.yaml'], io, {});
      const files = renderManifests(loadConfig({ file: 'config/deploy.yaml' }), { configText: readFileSync('config/deploy.yaml', 'utf8'), configFile: 'config/deploy.yaml' });

      const written = [...files, kustomizationFile(files, 'config/deploy.yaml')];

      expect(code).to.equal(0);
      expect(
        readdirSync('deploy')
          .filter((name) => name.endsWith('.yaml'))
          .sort(),
      ).to.deep.equal(written.map((file) => file.name).sort());
      for (const file of written) expect(readFileSync(join('deploy', file.name), 'utf8'), file.name).to.equal(file.text);
      expect(io.out).to.equal(files.map((file) => file.text).join('---\n'));
    });

    it('should be valid against the Kubernetes schema, every object', () => {
      expectValid(renderManifests(loadConfig({ file: 'config/deploy.yaml' }), { configText: '', configFile: 'config/deploy.yaml' }));
    });
  });

  for (const source of ['self', 'files', 'cert-manager'] as const) {
    for (const disable of [false, true]) {
      describe(`when certificates.source is ${source} and registration is ${disable ? 'disabled' : 'enabled'}`, () => {
        const config = { webhook: { localCert: true, disableCreateMutatingWebhookConfig: disable }, certificates: { source } };

        it('should render only valid objects', () => {
          expectValid(render(config));
        });

        it('should grant only what the mode uses', () => {
          const files = render(config);
          const role = find(files, 'Role');
          const clusterRole = find(files, 'ClusterRole');
          const secretRules = role?.rules?.filter((rule) => rule.resources.includes('secrets')) ?? [];
          expect(secretRules.length > 0, 'Secret rules').to.equal(source === 'self');
          expect(clusterRole !== undefined, 'ClusterRole').to.equal(!disable);
          expect(role !== undefined, 'Role').to.equal(source === 'self' || !disable);
          for (const rule of [...(role?.rules ?? []), ...(clusterRole?.rules ?? [])]) {
            expect(
              rule.verbs.filter((verb) => ['list', 'watch', 'patch', '*', 'deletecollection'].includes(verb)),
              JSON.stringify(rule),
            ).to.deep.equal([]);
            if (!(rule.verbs.length === 1 && rule.verbs[0] === 'create')) expect(rule.resourceNames, JSON.stringify(rule)).to.have.length(1);
          }
          const deployment = find(files, 'Deployment') as { spec: { template: { spec: { automountServiceAccountToken: boolean } } } };
          expect(deployment.spec.template.spec.automountServiceAccountToken).to.equal(role !== undefined || clusterRole !== undefined);
        });
      });
    }
  }

  describe("when the Deployment's pod template is made into a pod", () => {
    it('should be a pod the API server accepts, meeting Pod Security "restricted"', () => {
      const files = renderManifests(loadConfig({ file: 'config/deploy.yaml' }), { configText: '', configFile: 'config/deploy.yaml' });
      const template = (
        find(files, 'Deployment') as {
          spec: { template: { metadata: Record<string, unknown>; spec: Record<string, unknown> & { containers: Array<Record<string, unknown>>; initContainers: Array<Record<string, unknown>> } } };
        }
      ).spec.template;
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { ...template.metadata, name: 'podsecrets-0' }, spec: template.spec };

      expect(podProblems(pod)).to.deep.equal([]);
      expect(template.spec['securityContext']).to.deep.include({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      for (const container of [...template.spec.containers, ...template.spec.initContainers]) {
        expect(container['securityContext'], String(container['name'])).to.deep.include({ allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
      }
      const namespace = find(files, 'Namespace') as { metadata: { labels: Record<string, string> } };
      expect(namespace.metadata.labels['pod-security.kubernetes.io/enforce']).to.equal('restricted');
    });
  });

  describe('when certificates.source is cert-manager', () => {
    it('should give cert-manager the configured lifetimes as Go durations', () => {
      const files = render({ webhook: { localCert: true }, certificates: { source: 'cert-manager', caValidity: '8760h', caRenewBefore: '90h30m', certValidity: '2160h', certRenewBefore: '720h' } });
      const lifetimes = objectsOf(files)
        .filter((object) => object.kind === 'Certificate')
        .map((object) => [object.metadata.name, (object['spec'] as { duration: unknown }).duration, (object['spec'] as { renewBefore: unknown }).renewBefore]);
      expect(lifetimes).to.deep.equal([
        ['flyte-pod-webhook-ca', '8760h', '90h30m'],
        ['flyte-pod-webhook', '2160h', '720h'],
      ]);
    });
  });

  describe('when deployment.serviceMonitor is true', () => {
    it("should add a ServiceMonitor for /metrics that selects the webhook's Service and trusts its CA", () => {
      expect(render({ webhook: { localCert: true } }).map((file) => file.name)).to.not.include('service-monitor.yaml');
      const files = render({ webhook: { localCert: true }, deployment: { serviceMonitor: true } });
      expectValid(files);
      const monitor = find(files, 'ServiceMonitor') as {
        spec: { selector: { matchLabels: Record<string, string> }; endpoints: Array<{ port: string; path: string; scheme: string; tlsConfig: unknown }> };
      };
      const service = find(files, 'Service') as { metadata: { labels: Record<string, string> }; spec: { ports: Array<{ name: string }> } };
      expect(service.metadata.labels).to.deep.include(monitor.spec.selector.matchLabels);
      const endpoint = monitor.spec.endpoints[0];
      expect([endpoint?.port, endpoint?.path, endpoint?.scheme]).to.deep.equal(['https', '/metrics', 'https']);
      expect(service.spec.ports.map((port) => port.name)).to.include(endpoint?.port);
      expect(endpoint?.tlsConfig).to.deep.equal({ serverName: 'flyte-pod-webhook.podsecrets.svc', ca: { secret: { name: 'flyte-pod-webhook', key: 'ca.crt' } } });
    });
  });

  describe('when webhook.namespaceSelector is configured', () => {
    it('should keep its terms and still leave out the system namespaces and its own', () => {
      const files = render({ webhook: { localCert: true, namespaceSelector: { matchLabels: { team: 'ml' } } }, deployment: { namespace: 'ops' } });
      const registration = find(files, 'MutatingWebhookConfiguration') as { webhooks: Array<{ namespaceSelector: unknown }> };

      expect(registration.webhooks[0]?.namespaceSelector).to.deep.equal({
        matchLabels: { team: 'ml' },
        matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'kube-node-lease', 'ops'] }],
      });
    });
  });

  describe('when the configuration sets only webhook.secretManagerType, as a Flyte configuration may', () => {
    it('should render valid objects whose serve reads the certificate Secret at certDir (webhook.localCert false)', () => {
      const files = render({ webhook: { secretManagerType: 'K8s' } });
      expectValid(files);
      const spec = (find(files, 'Deployment') as { spec: { template: { spec: { volumes: Array<Record<string, unknown>>; containers: Array<{ volumeMounts: Array<Record<string, unknown>> }> } } } })
        .spec.template.spec;
      expect(spec.volumes.find((volume) => volume['name'] === 'certs')).to.deep.equal({
        name: 'certs',
        secret: {
          secretName: 'flyte-pod-webhook',
          defaultMode: 0o440,
          optional: true,
          items: [
            { key: 'tls.crt', path: 'tls.crt' },
            { key: 'tls.key', path: 'tls.key' },
          ],
        },
      });
      expect(spec.containers[0]?.volumeMounts).to.deep.include({ name: 'certs', mountPath: '/etc/webhook/certs', readOnly: true });
    });
  });

  describe('when webhook.localCert is true', () => {
    it('should keep the certificates in an emptyDir that init-certs and serve write', () => {
      const spec = (
        find(render({ webhook: { localCert: true } }), 'Deployment') as {
          spec: { template: { spec: { volumes: Array<Record<string, unknown>>; initContainers: Array<{ volumeMounts: Array<Record<string, unknown>> }> } } };
        }
      ).spec.template.spec;
      expect(spec.volumes.find((volume) => volume['name'] === 'certs')).to.deep.equal({ name: 'certs', emptyDir: { medium: 'Memory', sizeLimit: '1Mi' } });
      expect(spec.initContainers[0]?.volumeMounts).to.deep.include({ name: 'certs', mountPath: '/etc/webhook/certs', readOnly: false });
    });
  });

  describe('when the configuration cannot work in a Deployment', () => {
    it('should register timeoutSeconds 10 unless webhook.webhookTimeout is set, and the value set when it is', () => {
      const timeoutOf = (webhook: Record<string, unknown>): unknown =>
        (find(render({ webhook: { localCert: true, ...webhook } }), 'MutatingWebhookConfiguration') as { webhooks: Array<{ timeoutSeconds: unknown }> }).webhooks[0]?.timeoutSeconds;
      expect(timeoutOf({})).to.equal(10);
      expect(timeoutOf({ webhookTimeout: 25 })).to.equal(25);
    });

    it('should refuse a webhookTimeout the API server would refuse', () => {
      expect(() => render({ webhook: { localCert: true, webhookTimeout: 31 } })).to.throw('webhook.webhookTimeout: 31 is not accepted: the API server takes timeoutSeconds from 1 to 30');
    });
  });
});

describe('renderManifests', () => {
  describe('when its deploy/webhook.yaml is compared with the registration init-certs writes', () => {
    it('should be that registration without its caBundle', async () => {
      const api = new FakeKubeApi();
      await api.start();
      try {
        const identity = { ...webhookIdentity(loadConfig({ file: 'config/deploy.yaml' })), localCert: false };
        await reconcileCertificates({ clients: makeKubeClients(api.kubeConfig()), identity, policy: rotationPolicyOf(identity), holder: 'a', logger: silentLogger });
        const stored = api.get('mutatingwebhookconfigurations', 'podsecrets') as unknown as { webhooks: Array<{ clientConfig: Record<string, unknown> }> };
        const rendered = parseAllDocuments(readFileSync('deploy/webhook.yaml', 'utf8'))[0]?.toJS() as { webhooks: unknown[] };

        expect(typeof stored.webhooks[0]?.clientConfig['caBundle']).to.equal('string');
        delete stored.webhooks[0]?.clientConfig['caBundle'];
        expect(stored.webhooks).to.deep.equal(rendered.webhooks);
      } finally {
        await api.stop();
      }
    });
  });
});

describe('podsecrets manifests --kustomize', function () {
  // kubectl is a separate process (the machine's /usr/bin/kubectl, as in CI): a hook's limit, not a figure.
  this.timeout(60_000);
  const kustomize = async (dir: string): Promise<ManifestFile[]> => {
    const { stdout } = await promisify(execFile)('kubectl', ['kustomize', dir], { maxBuffer: 16 * 1024 * 1024 });
    return [{ name: 'kustomized', documents: [], objects: [], text: stdout }];
  };
  const identities = (files: readonly ManifestFile[]): string[] =>
    objectsOf(files)
      .map((object) => `${object.kind}/${object.metadata.name}`)
      .sort();
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'podsecrets-kustomize-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when writing to a directory', () => {
    it('should write a kustomization.yaml that kubectl kustomize builds into every rendered object, each valid', async () => {
      const io = new FakeCliIo();
      expect(await runCli(['manifests', '--config', 'config/deploy.yaml', '--out-dir', dir, '--kustomize'], io, {}), io.err).to.equal(0);
      const built = await kustomize(dir);
      expectValid(built);
      const rendered = renderManifests(loadConfig({ file: 'config/deploy.yaml' }), { configText: '', configFile: 'config/deploy.yaml' });
      expect(identities(built)).to.deep.equal(identities(rendered));
    });
  });

  describe("when given the repository's deploy/ (kubectl apply -k deploy/)", () => {
    it('should build every object of deploy/, each valid', async () => {
      const built = await kustomize('deploy');
      expectValid(built);
      const files = readdirSync('deploy').filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml');
      expect(identities(built)).to.deep.equal(identities(files.map((name) => ({ name, documents: [], objects: [], text: readFileSync(join('deploy', name), 'utf8') }))));
    });
  });

  describe('when no directory is given', () => {
    it('should exit 2 saying that it needs --out-dir', async () => {
      const io = new FakeCliIo();
      expect(await runCli(['manifests', '--kustomize'], io, {})).to.equal(2);
      expect(io.err).to.include('--kustomize writes a kustomization.yaml beside the files: give --out-dir DIR');
    });
  });
});

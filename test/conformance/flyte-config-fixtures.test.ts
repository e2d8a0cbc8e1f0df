import { expect } from 'chai';
import { MountRequirement, type Pod, type SecretRequest } from '../../core/index.js';
import { createPodsecrets } from '../../server/wiring/create-podsecrets.js';
import { admitAndCheck } from '../support/admit.js';
import { FakeKubeApi } from '../support/fake-kube-api.js';
import { podWithSecrets } from '../support/pod-builders.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { storeFlyteSecret } from '../plugins/embedded/embedded-fixtures.js';

type Json = Record<string, unknown>;

const FIXTURES = 'test/fixtures/flyte-configs';
const { ENV_VAR, FILE } = MountRequirement;
const USER_ENV = { name: 'USER_VAR', value: 'x' };
// What every FILE secret adds in front of a container's env, in this order (Flyte prepends DEFAULT_DIR, then FILE_PREFIX).
const FILE_ENV = [
  { name: 'FLYTE_SECRETS_FILE_PREFIX', value: '' },
  { name: 'FLYTE_SECRETS_DEFAULT_DIR', value: '/etc/flyte/secrets' },
];
// What Flyte v2 sets on every task pod (DefaultOrganization "flyte"), in the namespace flyteadmin maps the project and domain to.
const FLYTE_LABELS = { organization: 'flyte', project: 'flytesnacks', domain: 'development' };
const NAMESPACE = 'flytesnacks-development';

/** podsecrets started from a fixture as it is; `overrides` only points clients at the loopback servers, or restores a Flyte behaviour. */
function fromFixture(name: string, overrides?: Record<string, unknown>) {
  return createPodsecrets({ configFile: `${FIXTURES}/${name}.yaml`, logger: new RecordingLogger(), ...(overrides !== undefined ? { overrides } : {}) });
}

function taskPod(secrets: Partial<SecretRequest>[]): Pod {
  return podWithSecrets({ secrets, labels: FLYTE_LABELS, namespace: NAMESPACE, containers: [{ name: 'main', image: 'python:3.12', env: [USER_ENV] }] });
}

/** The id Flyte's secret service stores a project secret under: EncodeSecretName("flyte", domain, project, name). */
function flyteProjectId(name: string): string {
  return `u__org__flyte__domain__development__project__flytesnacks__key__${name}`;
}

function spec(pod: Json): Json {
  return pod['spec'] as Json;
}

function container(pod: Json, field: 'containers' | 'initContainers', index = 0): Json {
  return ((spec(pod)[field] as Json[] | undefined) ?? [])[index] ?? {};
}

/** The annotations podsecrets and Flyte add, with Vault's per-secret id (a random UUID in Flyte) replaced by `<id>`. */
function vaultAnnotations(pod: Json): Json {
  const annotations = (pod['metadata'] as Json)['annotations'] as Record<string, string>;
  return Object.fromEntries(
    Object.entries(annotations)
      .filter(([key]) => key.startsWith('vault.'))
      .map(([key, value]) => [key.replace(/-[0-9a-f]{32}$/, '-<id>'), value]),
  );
}

// Each expected value below is what Flyte v2's injector (flyteplugins/go/tasks/pluginmachinery/secret at
// 6fadb90d) writes for the same pod, its secrets taken in annotation order: AppendEnvVars puts each new
// variable first, so the last one added leads.
describe('Flyte configurations from its charts and docs', () => {
  describe('when flyte-core.yaml (the flyte-core chart webhook block) is loaded', () => {
    it("should inject Kubernetes Secrets exactly as Flyte's K8s injector does", async () => {
      const pod = await admitAndCheck(
        fromFixture('flyte-core').handler,
        taskPod([
          { group: 'db-creds', key: 'password', mountRequirement: ENV_VAR },
          { group: 'tls', key: 'CA.crt', mountRequirement: FILE },
        ]),
      );
      expect(container(pod, 'containers')).to.deep.equal({
        name: 'main',
        image: 'python:3.12',
        env: [
          ...FILE_ENV,
          { name: 'FLYTE_SECRETS_ENV_PREFIX', value: '_UNION_' },
          { name: '_UNION_DB-CREDS_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-creds', key: 'password', optional: true } } },
          USER_ENV,
        ],
        // Volume name: Flyte's base32 of "<group>_<group_version>".
        volumeMounts: [{ name: 'orwhgxy', readOnly: true, mountPath: '/etc/flyte/secrets/tls' }],
      });
      expect(spec(pod)['volumes']).to.deep.equal([{ name: 'orwhgxy', secret: { secretName: 'tls', items: [{ key: 'CA.crt', path: 'ca.crt' }], optional: true } }]);
    });
  });

  describe('when vault.yaml (the secrets guide: role, kvVersion "1", annotations) is loaded', () => {
    it("should annotate the pod as Flyte's Vault injector does, KV v1 and the installation's annotation included", async () => {
      const pod = await admitAndCheck(fromFixture('vault').handler, taskPod([{ group: 'secret/flyte', key: 'password', mountRequirement: FILE }]));
      expect(vaultAnnotations(pod)).to.deep.equal({
        'vault.hashicorp.com/agent-inject-secret-<id>': 'secret/flyte',
        'vault.hashicorp.com/agent-inject-file-<id>': 'secret/flyte/password',
        'vault.hashicorp.com/agent-inject-template-<id>': '{{- with secret "secret/flyte" -}}{{ .Data.password }}{{- end -}}',
        'vault.hashicorp.com/agent-inject': 'true',
        'vault.hashicorp.com/secret-volume-path': '/etc/flyte/secrets',
        'vault.hashicorp.com/role': 'flyte',
        'vault.hashicorp.com/agent-pre-populate-only': 'true',
        'vault.hashicorp.com/auth-path': 'auth/kubernetes-flyte',
      });
      expect(container(pod, 'containers')['env']).to.deep.equal([...FILE_ENV, USER_ENV]);
    });
  });

  describe('when aws.yaml (the secrets guide with Flyte’s awsSecretManager block) is loaded', () => {
    it("should add the sidecar Flyte's AWS injector adds: image, resources, env, mounts, volume", async () => {
      const group = 'arn:aws:secretsmanager:us-east-1:123456789012:secret';
      const pod = await admitAndCheck(fromFixture('aws').handler, taskPod([{ group, key: 'db-password-AbCdEf', mountRequirement: FILE }]));
      const sidecar = container(pod, 'initContainers');
      // Deliberate differences (docs/flyte-compatibility.md): the name (a hash of the secret, not Flyte's count
      // of init containers), the restricted securityContext, and PODSECRETS_SECRET_FILE after Flyte's env.
      expect(sidecar['name']).to.match(/^aws-pull-secret-[0-9a-f]{12}$/);
      expect(sidecar['image']).to.equal('docker.io/amazon/aws-secrets-manager-secret-sidecar:v0.1.4');
      expect(sidecar['resources']).to.deep.equal({ requests: { cpu: '200m', memory: '500Mi' }, limits: { cpu: '200m', memory: '500Mi' } });
      expect((sidecar['env'] as Json[]).slice(0, 4)).to.deep.equal([
        ...FILE_ENV,
        { name: 'SECRET_ARN', value: `${group}:db-password-AbCdEf` },
        { name: 'SECRET_FILENAME', value: `/${group}/db-password-abcdef` },
      ]);
      expect(sidecar['volumeMounts']).to.deep.equal([{ name: 'aws-secret-vol', mountPath: '/tmp' }]);
      expect(container(pod, 'containers')).to.deep.equal({
        name: 'main',
        image: 'python:3.12',
        env: [...FILE_ENV, USER_ENV],
        volumeMounts: [{ name: 'aws-secret-vol', readOnly: true, mountPath: '/etc/flyte/secrets' }],
      });
      expect(spec(pod)['volumes']).to.deep.equal([{ name: 'aws-secret-vol', emptyDir: { medium: 'Memory' } }]);
    });

    it('should give the sidecar exactly the resources of Flyte\'s "no CPU limit" edit of that block', async () => {
      const resources = { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '1Gi' } };
      const podsecrets = fromFixture('aws', { webhook: { awsSecretManager: { resources } } });
      const pod = await admitAndCheck(podsecrets.handler, taskPod([{ group: 'arn:aws:secretsmanager:us-east-1:123456789012:secret', key: 'k', mountRequirement: FILE }]));
      expect(container(pod, 'initContainers')['resources']).to.deep.equal(resources);
    });
  });

  for (const [fixture, what] of [
    ['flyte-binary', 'the flyte-binary chart webhook block: Embedded over K8s'],
    ['embedded-cache', "Flyte 2's manager config with a cache section"],
  ] as const) {
    describe(`when ${fixture}.yaml (${what}) is loaded`, () => {
      let kube: FakeKubeApi;
      beforeEach(async () => {
        kube = await new FakeKubeApi().start();
        storeFlyteSecret(kube, flyteProjectId('api_token'), 's3cr3t');
        storeFlyteSecret(kube, flyteProjectId('cert.pem'), 'PEM');
      });
      afterEach(() => kube.stop());

      const embedded = (extra: Record<string, unknown> = {}) => fromFixture(fixture, { webhook: { embeddedSecretManagerConfig: { kubeconfig: kube.kubeconfigFile, ...extra } } });

      it("should, with valueDelivery plainText (Flyte's way), set the env var Flyte's Embedded injector sets", async () => {
        const pod = await admitAndCheck(embedded({ valueDelivery: 'plainText' }).handler, taskPod([{ key: 'api_token', mountRequirement: ENV_VAR }]));
        expect(container(pod, 'containers')['env']).to.deep.equal([{ name: '_UNION_API_TOKEN', value: 's3cr3t' }, { name: 'FLYTE_SECRETS_ENV_PREFIX', value: '_UNION_' }, USER_ENV]);
      });

      it('should, as loaded, deliver the same variable from a Secret instead of the pod spec (the documented difference)', async () => {
        const pod = await admitAndCheck(embedded().handler, taskPod([{ key: 'api_token', mountRequirement: ENV_VAR }]));
        const env = container(pod, 'containers')['env'] as Json[];
        expect(env.map((entry) => entry['name'])).to.deep.equal(['_UNION_API_TOKEN', 'FLYTE_SECRETS_ENV_PREFIX', 'USER_VAR']);
        expect(env[0]?.['valueFrom']).to.have.property('secretKeyRef');
        expect(JSON.stringify(pod)).to.not.include('s3cr3t');
      });

      it("should, with valueDelivery plainText, mount the file where Flyte's writer puts it, with Flyte's init container image, resources and mount", async () => {
        const pod = await admitAndCheck(embedded({ valueDelivery: 'plainText' }).handler, taskPod([{ key: 'cert.pem', mountRequirement: FILE }]));
        const writer = container(pod, 'initContainers');
        expect([writer['name'], writer['image'], writer['resources'], writer['volumeMounts']]).to.deep.equal([
          'init-embedded-secret',
          'public.ecr.aws/docker/library/busybox:latest',
          { requests: { cpu: '100m', memory: '100Mi' }, limits: { cpu: '100m', memory: '100Mi' } },
          [{ name: 'embedded-secret-vol', readOnly: false, mountPath: '/etc/flyte/secrets' }],
        ]);
        expect(container(pod, 'containers')).to.deep.equal({
          name: 'main',
          image: 'python:3.12',
          env: [...FILE_ENV, USER_ENV],
          volumeMounts: [{ name: 'embedded-secret-vol', readOnly: true, mountPath: '/etc/flyte/secrets' }],
        });
        expect(spec(pod)['volumes']).to.deep.equal([{ name: 'embedded-secret-vol', emptyDir: { medium: 'Memory' } }]);
      });
    });
  }
});

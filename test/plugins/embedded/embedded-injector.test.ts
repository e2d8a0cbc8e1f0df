import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { md5Hex } from '../../../core/index.js';
import { imagePullSecretName } from '../../../plugins/embedded/image-pull-secret-name.js';
import { FakeKubeApi } from '../../support/fake-kube-api.js';
import { kubeletExpand } from '../../support/kubelet-expansion.js';
import { admit, admitAndCheck } from '../../support/admit.js';
import { ANY, domainId, embeddedPodsecrets, ENV, envOf, FILE, orgId, projectId, storeFlyteSecret, TASK_NAMESPACE, taskPod } from './embedded-fixtures.js';

const PLAIN = { valueDelivery: 'plainText' };

describe('EmbeddedSecretInjector', () => {
  let kube: FakeKubeApi;

  beforeEach(async () => {
    kube = await new FakeKubeApi().start();
  });

  afterEach(() => kube.stop());

  describe('when a scope label is missing', () => {
    for (const [label, labels] of [
      ['project', { organization: 'acme', domain: 'd' }],
      ['domain', { organization: 'acme', project: 'p' }],
      ['project', { organization: '', project: '', domain: '' }],
    ] as const) {
      it(`should deny naming the ${label} label, before any backend call (labels ${JSON.stringify(labels)})`, async () => {
        const { handler } = embeddedPodsecrets(kube);
        const { response } = await admit(handler, taskPod([{ key: 'k', mountRequirement: ENV }], labels));
        expect(response.allowed).to.equal(false);
        expect(response.status?.message).to.include(`Embedded: [SecretRequirementsError] [SecretRequirementsError] secret read requirements not met due to empty ${label} field in the pod labels`);
        expect(kube.requests).to.deep.equal([]);
      });
    }
  });

  describe('when the request has no key', () => {
    it('should deny saying a key is needed', async () => {
      const { handler } = embeddedPodsecrets(kube);
      const { response } = await admit(handler, taskPod([{ group: 'g', mountRequirement: ENV }]));
      expect(response.status?.message).to.include('Embedded: [InvalidRequest] an Embedded secret needs a key (the secret name); the request has none');
    });
  });

  describe('when the request cannot be delivered as asked', () => {
    it('should deny an env secret whose generated name is not a valid env var name, before any backend call', async () => {
      const { handler } = embeddedPodsecrets(kube);
      const { response } = await admit(handler, taskPod([{ key: 'a b', mountRequirement: ENV }]));
      expect(response.status?.message).to.include(
        `Embedded: [InvalidRequest] the generated env var name "_UNION_A B" is not a valid environment variable name (letters, digits, '_', '-' and '.', not starting with a digit)`,
      );
      expect(kube.requests).to.deep.equal([]);
    });

    it('should deny a FILE secret whose key would leave /etc/flyte/secrets', async () => {
      const { handler } = embeddedPodsecrets(kube);
      const { response } = await admit(handler, taskPod([{ key: '../../etc/passwd', mountRequirement: FILE }]));
      expect(response.status?.message).to.include(
        `Embedded: [InvalidRequest] key "../../etc/passwd" cannot be a file under /etc/flyte/secrets: it must be a relative path without empty, '.' or '..' segments or NUL`,
      );
      expect(kube.requests).to.deep.equal([]);
    });
  });

  describe('when one FILE key would be a directory of another', () => {
    for (const delivery of ['plainText', 'secretRef']) {
      it(`should deny the second with MountConflict (${delivery})`, async () => {
        storeFlyteSecret(kube, projectId('conf'), 'one');
        storeFlyteSecret(kube, projectId('conf/app.ini'), 'two');
        const { handler } = embeddedPodsecrets(kube, { valueDelivery: delivery });
        const { response } = await admit(
          handler,
          taskPod([
            { key: 'conf', mountRequirement: FILE },
            { key: 'conf/app.ini', mountRequirement: FILE },
          ]),
        );
        expect(response.status?.message).to.include(
          'Embedded: [MountConflict] key "conf/app.ini" and the file /etc/flyte/secrets/conf cannot both be files: one would have to be a directory of the other',
        );
      });
    }
  });

  describe('when the value is at the project scope (plainText)', () => {
    it('should put it in an env var named prefix + upper(key), before FLYTE_SECRETS_ENV_PREFIX, as Flyte does', async () => {
      storeFlyteSecret(kube, projectId('api_token'), 'project-value');
      storeFlyteSecret(kube, domainId('api_token'), 'domain-value');
      const { handler } = embeddedPodsecrets(kube, PLAIN);
      const pod = await admitAndCheck(handler, taskPod([{ key: 'api_token', mountRequirement: ENV }]));
      expect(envOf(pod)).to.deep.equal([
        { name: '_UNION_API_TOKEN', value: 'project-value' },
        { name: 'FLYTE_SECRETS_ENV_PREFIX', value: '_UNION_' },
      ]);
    });

    it('should use envVar as the name when the request sets one, for ANY as for ENV_VAR', async () => {
      storeFlyteSecret(kube, projectId('api_token'), 'v');
      const { handler } = embeddedPodsecrets(kube, PLAIN);
      const pod = await admitAndCheck(handler, taskPod([{ key: 'api_token', mountRequirement: ANY, envVar: 'MY_TOKEN' }]));
      expect(envOf(pod)).to.deep.equal([
        { name: 'MY_TOKEN', value: 'v' },
        { name: 'FLYTE_SECRETS_ENV_PREFIX', value: '_UNION_' },
      ]);
    });
  });

  describe('when the value is only at a wider scope', () => {
    it('should fall through project, then domain, to the org scope, asking each once', async () => {
      storeFlyteSecret(kube, orgId('k'), 'org-value');
      const { handler } = embeddedPodsecrets(kube, PLAIN);
      const pod = await admitAndCheck(handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      expect(envOf(pod)[0]).to.deep.equal({ name: '_UNION_K', value: 'org-value' });
      expect(kube.requestsTo('GET', 'flyte').map((r) => r.path)).to.deep.equal([projectId('k'), domainId('k'), orgId('k')].map((id) => `/api/v1/namespaces/flyte/secrets/${md5Hex(id)}`));
    });

    it('should take the domain scope before the org scope', async () => {
      storeFlyteSecret(kube, domainId('k'), 'domain-value');
      storeFlyteSecret(kube, orgId('k'), 'org-value');
      const { handler } = embeddedPodsecrets(kube, PLAIN);
      const pod = await admitAndCheck(handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      expect(envOf(pod)[0]).to.deep.equal({ name: '_UNION_K', value: 'domain-value' });
    });
  });

  describe('when no scope has the key', () => {
    it('should deny with SecretNotFoundAcrossAllScopes naming the key and scopes', async () => {
      const { handler } = embeddedPodsecrets(kube);
      const { response } = await admit(handler, taskPod([{ key: 'missing', mountRequirement: ENV }]));
      expect(response.allowed).to.equal(false);
      expect(response.status?.message).to.include(
        'Embedded: [SecretNotFoundAcrossAllScopes] [SecretNotFoundAcrossAllScopes] secret not found across all scopes: key "missing" is in none of project "flytesnacks", domain "development", org "acme" of the K8s backend',
      );
    });
  });

  describe('when the backend fails at a narrower scope', () => {
    it('should deny with SecretReadFailure and not fall through to a wider scope', async () => {
      storeFlyteSecret(kube, orgId('k'), 'org-value');
      kube.failWith = { code: 500, reason: 'InternalError' };
      const { handler } = embeddedPodsecrets(kube);
      const { response } = await admit(handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      expect(response.status?.message).to.include(
        `Embedded: [SecretReadFailure] [SecretReadFailure] key "k" at project scope (org "acme", domain "development", project "flytesnacks") in the K8s backend: cannot read Secret flyte/${md5Hex(projectId('k'))}: the API server answered 500 InternalError: injected failure InternalError`,
      );
      expect(kube.requestsTo('GET', 'flyte')).to.have.length(1);
    });
  });

  describe('when the Secret exists without the data key', () => {
    it('should deny with SecretNil', async () => {
      kube.putSecret('flyte', md5Hex(projectId('k')), { unrelated: 'x' });
      const { handler } = embeddedPodsecrets(kube);
      const { response } = await admit(handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      expect(response.status?.message).to.include('Embedded: [SecretNil] [SecretNil] key "k" at project scope');
      expect(response.status?.message).to.include('caused by: secret data is nil');
    });
  });

  describe('when an env secret holds bytes that are not UTF-8', () => {
    it('should deny and suggest FILE', async () => {
      storeFlyteSecret(kube, projectId('bin'), new Uint8Array([0xff, 0xfe, 0x00]));
      const { handler } = embeddedPodsecrets(kube, PLAIN);
      const { response } = await admit(handler, taskPod([{ key: 'bin', mountRequirement: ENV }]));
      expect(response.status?.message).to.include('is binary, not UTF-8 text, so it cannot be an environment variable; ask for it as FILE');
    });
  });

  describe('when FILE secrets are delivered in plain text by the init container', () => {
    const keys = ['a=b/c d', 'Upper.Case', 'q\'uo"te$(HOME)'];
    const values = ['v=1 / two', 'second\nline', 'third $(PATH) `x`'];

    it('should write every key as a file, with envVar holding the same path, case kept', async () => {
      keys.forEach((key, index) => storeFlyteSecret(kube, projectId(key), values[index] ?? ''));
      const { handler } = embeddedPodsecrets(kube, PLAIN);
      const pod = await admitAndCheck(handler, taskPod(keys.map((key, index) => ({ key, mountRequirement: FILE, envVar: `PATH_${index}` }))));
      const spec = pod['spec'] as { initContainers: Record<string, unknown>[]; volumes: unknown[]; containers: Record<string, unknown>[] };
      expect(spec.initContainers.map((c) => c['name'])).to.deep.equal(['init-embedded-secret']);
      const writer = spec.initContainers[0] ?? {};
      expect(writer['args']).to.deep.equal([
        Buffer.from(values[0] ?? '').toString('base64'),
        '/etc/flyte/secrets/a=b/c d',
        Buffer.from(values[1] ?? '').toString('base64'),
        '/etc/flyte/secrets/Upper.Case',
        Buffer.from(values[2] ?? '').toString('base64'),
        '/etc/flyte/secrets/q\'uo"te$$(HOME)',
      ]);
      expect(writer['volumeMounts']).to.deep.equal([{ name: 'embedded-secret-vol', readOnly: false, mountPath: '/etc/flyte/secrets' }]);
      expect(writer['resources']).to.deep.equal({ requests: { cpu: '100m', memory: '100Mi' }, limits: { cpu: '100m', memory: '100Mi' } });
      expect(spec.volumes).to.deep.equal([{ name: 'embedded-secret-vol', emptyDir: { medium: 'Memory' } }]);
      expect(spec.containers[0]?.['volumeMounts']).to.deep.equal([{ name: 'embedded-secret-vol', readOnly: true, mountPath: '/etc/flyte/secrets' }]);
      expect(envOf(pod)).to.deep.equal([
        { name: 'PATH_2', value: '/etc/flyte/secrets/q\'uo"te$$(HOME)' },
        { name: 'FLYTE_SECRETS_FILE_PREFIX', value: '' },
        { name: 'FLYTE_SECRETS_DEFAULT_DIR', value: '/etc/flyte/secrets' },
        { name: 'PATH_1', value: '/etc/flyte/secrets/Upper.Case' },
        { name: 'PATH_0', value: '/etc/flyte/secrets/a=b/c d' },
      ]);
    });

    it("should write exactly the values' bytes when its command runs, with no key or value parsed by the shell", async () => {
      keys.forEach((key, index) => storeFlyteSecret(kube, projectId(key), values[index] ?? ''));
      const { handler } = embeddedPodsecrets(kube, PLAIN);
      const pod = await admitAndCheck(handler, taskPod(keys.map((key) => ({ key, mountRequirement: FILE }))));
      const writer = (pod['spec'] as { initContainers: { command: string[]; args: string[] }[] }).initContainers[0];
      const root = mkdtempSync(join(tmpdir(), 'podsecrets-files-'));
      // As the kubelet would: "$$" becomes "$"; the mount at /etc/flyte/secrets is a temporary directory here.
      const args = (writer?.args ?? []).map((arg) => kubeletExpand(arg, { HOME: '/root' }).replace('/etc/flyte/secrets', root));
      const [shell, ...shellArgs] = writer?.command ?? [];
      execFileSync(shell ?? 'sh', [...shellArgs, ...args]);
      keys.forEach((key, index) => expect(readFileSync(join(root, key), 'utf8')).to.equal(values[index]));
    });
  });

  describe("when the pod has an init container of its own with the writer's name, or a volume of its name", () => {
    it("should deny the FILE secret instead of writing into the pod's container or mounting a volume it lacks", async () => {
      storeFlyteSecret(kube, projectId('tok'), 'value-1');
      const { handler } = embeddedPodsecrets(kube, PLAIN);
      const own = { ...taskPod([{ key: 'tok', mountRequirement: FILE }]) };
      own.spec = { ...own.spec, initContainers: [{ name: 'init-embedded-secret', image: 'mine', args: ['--flag'] }] };
      const denied = await admit(handler, own);
      expect(denied.response.allowed).to.equal(false);
      expect(denied.response.status?.message).to.include('Embedded: [InvalidRequest] the pod has its own init container "init-embedded-secret"');
      expect(JSON.stringify(denied.response)).not.to.include(Buffer.from('value-1').toString('base64'));
      const volume = { ...taskPod([{ key: 'tok', mountRequirement: FILE }]) };
      volume.spec = { ...volume.spec, volumes: [{ name: 'embedded-secret-vol', configMap: { name: 'x' } }] };
      const conflict = await admit(handler, volume);
      expect(conflict.response.status?.message).to.include('Embedded: [MountConflict] the pod already has a volume "embedded-secret-vol" that is not an emptyDir');
    });
  });

  describe('when fileMountInitContainer is configured', () => {
    it('should replace a default resources map with a given one, as Flyte does', async () => {
      storeFlyteSecret(kube, projectId('tok'), 'v');
      const { handler } = embeddedPodsecrets(kube, { ...PLAIN, fileMountInitContainer: { resources: { limits: { memory: '200Mi' } } } });
      const pod = await admitAndCheck(handler, taskPod([{ key: 'tok', mountRequirement: FILE }]));
      const writer = (pod['spec'] as { initContainers: Record<string, unknown>[] }).initContainers[0] ?? {};
      expect(writer['resources']).to.deep.equal({ requests: { cpu: '100m', memory: '100Mi' }, limits: { memory: '200Mi' } });
    });

    it('should refuse at start a name, image or resources the API server would refuse', () => {
      for (const [setting, message] of [
        [{ containerName: 'Bad_Name' }, 'fileMountInitContainer.containerName: must be a container name'],
        [{ image: '' }, 'fileMountInitContainer.image: must be a container image reference'],
        [{ resources: { requests: { cpu: '200m' }, limits: { cpu: '100m' } } }, 'fileMountInitContainer.resources:'],
      ] as const) {
        expect(() => embeddedPodsecrets(kube, { ...PLAIN, fileMountInitContainer: setting }), JSON.stringify(setting)).to.throw(message);
      }
    });
  });

  describe('when values go to a Secret in the pod namespace (secretRef, the default)', () => {
    it('should reference a Secret it wrote, and keep the value out of the pod spec and the logs', async () => {
      storeFlyteSecret(kube, projectId('api_token'), 'hunter2-value');
      const { handler, logger } = embeddedPodsecrets(kube);
      const pod = await admitAndCheck(handler, taskPod([{ key: 'api_token', mountRequirement: ENV }]));
      const name = `podsecrets-embedded-${md5Hex(projectId('api_token'))}`;
      expect(envOf(pod)).to.deep.equal([
        { name: '_UNION_API_TOKEN', valueFrom: { secretKeyRef: { name, key: 'value' } } },
        { name: 'FLYTE_SECRETS_ENV_PREFIX', value: '_UNION_' },
      ]);
      const written = kube.get('secrets', name, TASK_NAMESPACE);
      expect(written?.data).to.deep.equal({ value: Buffer.from('hunter2-value').toString('base64') });
      expect(written?.metadata.labels).to.deep.equal({ 'app.kubernetes.io/managed-by': 'podsecrets' });
      expect(JSON.stringify(pod)).not.to.include('hunter2-value');
      expect(logger.text()).not.to.include('hunter2-value');
      expect(kube.requestsTo('POST', TASK_NAMESPACE)).to.have.length(1);
      expect(kube.requestsTo('PUT', TASK_NAMESPACE)).to.have.length(0);
    });

    it('should project FILE secrets from their Secrets into one read-only volume', async () => {
      storeFlyteSecret(kube, projectId('a=b/c d'), 'one');
      storeFlyteSecret(kube, orgId('cert'), 'two');
      const { handler } = embeddedPodsecrets(kube);
      const pod = await admitAndCheck(
        handler,
        taskPod([
          { key: 'a=b/c d', mountRequirement: FILE, envVar: 'FIRST' },
          { key: 'cert', mountRequirement: FILE, envVar: 'SECOND' },
        ]),
      );
      const spec = pod['spec'] as { volumes: unknown[]; initContainers?: unknown[] };
      expect(spec.initContainers).to.equal(undefined);
      expect(spec.volumes).to.deep.equal([
        {
          name: 'embedded-secret-vol',
          projected: {
            sources: [
              { secret: { name: `podsecrets-embedded-${md5Hex(projectId('a=b/c d'))}`, items: [{ key: 'value', path: 'a=b/c d' }] } },
              { secret: { name: `podsecrets-embedded-${md5Hex(orgId('cert'))}`, items: [{ key: 'value', path: 'cert' }] } },
            ],
          },
        },
      ]);
      expect(envOf(pod)).to.deep.equal([
        { name: 'SECOND', value: '/etc/flyte/secrets/cert' },
        { name: 'FLYTE_SECRETS_FILE_PREFIX', value: '' },
        { name: 'FLYTE_SECRETS_DEFAULT_DIR', value: '/etc/flyte/secrets' },
        { name: 'FIRST', value: '/etc/flyte/secrets/a=b/c d' },
      ]);
    });

    it('should rewrite the Secret when the value changed', async () => {
      storeFlyteSecret(kube, projectId('k'), 'old');
      await admitAndCheck(embeddedPodsecrets(kube).handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      storeFlyteSecret(kube, projectId('k'), 'new');
      await admitAndCheck(embeddedPodsecrets(kube).handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      expect(kube.get('secrets', `podsecrets-embedded-${md5Hex(projectId('k'))}`, TASK_NAMESPACE)?.data).to.deep.equal({ value: Buffer.from('new').toString('base64') });
      expect(kube.requestsTo('PUT', TASK_NAMESPACE)).to.have.length(1);
    });

    it('should refuse to overwrite a Secret of that name that podsecrets did not make', async () => {
      storeFlyteSecret(kube, projectId('k'), 'v');
      kube.putSecret(TASK_NAMESPACE, `podsecrets-embedded-${md5Hex(projectId('k'))}`, { value: 'theirs' });
      const { response } = await admit(embeddedPodsecrets(kube).handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      expect(response.status?.message).to.include(`Embedded: [SecretWriteFailure] Secret ${TASK_NAMESPACE}/podsecrets-embedded-${md5Hex(projectId('k'))} exists and was not created by podsecrets`);
    });

    it('should write nothing on a dry run, and still answer with the same pod', async () => {
      storeFlyteSecret(kube, projectId('k'), 'v');
      const dry = await admit(embeddedPodsecrets(kube).handler, taskPod([{ key: 'k', mountRequirement: ENV }]), { dryRun: true });
      expect(kube.requestsTo('POST', TASK_NAMESPACE)).to.deep.equal([]);
      expect(kube.requestsTo('GET', TASK_NAMESPACE)).to.deep.equal([]);
      await admitAndCheck(embeddedPodsecrets(kube).handler, taskPod([{ key: 'k', mountRequirement: ENV }]), { dryRun: true });
      expect(kube.requestsTo('POST', TASK_NAMESPACE)).to.deep.equal([]);
      const real = await admitAndCheck(embeddedPodsecrets(kube).handler, taskPod([{ key: 'k', mountRequirement: ENV }]));
      expect(dry.pod).to.deep.equal(real);
    });
  });

  describe('when imagePullSecrets is enabled', () => {
    const pullName = imagePullSecretName(domainId('registry')) ?? '';

    it("should copy the scope's image pull Secret into the pod's namespace once and reference it", async () => {
      storeFlyteSecret(kube, domainId('registry'), 'v');
      kube.putSecret('flyte', pullName, { '.dockerconfigjson': '{"auths":{}}' }, { 'union.ai/secret-type': 'image-pull-secret' });
      const { handler } = embeddedPodsecrets(kube, { ...PLAIN, imagePullSecrets: { enabled: true, namespace: 'flyte' } });
      const pod = await admitAndCheck(handler, taskPod([{ key: 'registry', mountRequirement: ENV }]));
      expect((pod['spec'] as { imagePullSecrets?: unknown }).imagePullSecrets).to.deep.equal([{ name: pullName }]);
      expect(pullName).to.match(/^img-pull-[0-9a-f]{16}$/);
      const copy = kube.get('secrets', pullName, TASK_NAMESPACE);
      expect(copy?.data).to.deep.equal({ '.dockerconfigjson': Buffer.from('{"auths":{}}').toString('base64') });
      expect(copy?.metadata.labels).to.deep.equal({ 'union.ai/secret-type': 'image-pull-secret', 'app.kubernetes.io/managed-by': 'podsecrets' });
      expect(kube.requestsTo('POST', TASK_NAMESPACE)).to.have.length(1);
    });

    it('should change nothing about pull secrets when the scope has none', async () => {
      storeFlyteSecret(kube, domainId('registry'), 'v');
      const { handler } = embeddedPodsecrets(kube, { ...PLAIN, imagePullSecrets: { enabled: true, namespace: 'flyte' } });
      const pod = await admitAndCheck(handler, taskPod([{ key: 'registry', mountRequirement: ENV }]));
      expect((pod['spec'] as { imagePullSecrets?: unknown }).imagePullSecrets).to.equal(undefined);
    });
  });
});

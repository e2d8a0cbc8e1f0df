import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Container, InjectionError, MountRequirement, type Pod, secretRequest } from '../../../core/index.js';
import { PodDraft } from '../../../core/pod/pod-draft.js';
import { GlobalSecretInjector } from '../../../plugins/global/global-injector.js';
import { admit, admitAndCheck } from '../../support/admit.js';
import { createIsolatedPodsecrets } from '../../support/isolated-podsecrets.js';
import { kubeletExpand } from '../../support/kubelet-expansion.js';
import { podWithSecrets } from '../../support/pod-builders.js';

const { ANY, ENV_VAR, FILE } = MountRequirement;
const PREFIX_ENV = { name: 'FLYTE_SECRETS_ENV_PREFIX', value: '_UNION_' };
const containersOf = (pod: Record<string, unknown>): Container[] => {
  const spec = pod['spec'] as Pod['spec'];
  return [...(spec.initContainers ?? []), ...spec.containers];
};

describe('GlobalSecretInjector', () => {
  let root: string;
  let secretsDir: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'podsecrets-global-'));
    secretsDir = join(root, 'secrets');
    mkdirSync(join(secretsDir, 'db'), { recursive: true });
    writeFileSync(join(secretsDir, 'db', 'Password'), 'file-value\n');
    mkdirSync(join(secretsDir, 'db', 'folder'));
    mkdirSync(join(root, 'outside'));
    writeFileSync(join(root, 'outside', 'k'), 'webhook-private');
    writeFileSync(join(root, 'k'), 'webhook-private');
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const podsecrets = (environment: Record<string, string> = {}, config: { webhook?: Record<string, unknown>; secrets?: Record<string, unknown> } = {}) =>
    createIsolatedPodsecrets({ webhook: { secretManagerType: 'K8s', ...config.webhook }, secrets: { 'secrets-prefix': secretsDir, ...config.secrets } }, environment);

  describe('when the webhook environment has FLYTE_SECRET_<GROUP>_<KEY>', () => {
    for (const [label, mountRequirement] of [
      ['ENV_VAR', ENV_VAR],
      ['ANY', ANY],
    ] as const) {
      it(`should put its value in a plain variable before FLYTE_SECRETS_ENV_PREFIX (v2 order), for ${label}`, async () => {
        const { handler } = podsecrets({ FLYTE_SECRET_DB_PASSWORD: 'env-value' });
        const pod = await admitAndCheck(
          handler,
          podWithSecrets({
            secrets: [{ group: 'db', key: 'password', mountRequirement }],
            initContainers: [{ name: 'setup', image: 'x' }],
            containers: [{ name: 'main', image: 'x', env: [{ name: 'OWN', value: '1' }] }],
          }),
        );
        const [setup, main] = containersOf(pod);
        expect(setup?.env).to.deep.equal([{ name: '_UNION_DB_PASSWORD', value: 'env-value' }, PREFIX_ENV]);
        expect(main?.env).to.deep.equal([{ name: '_UNION_DB_PASSWORD', value: 'env-value' }, PREFIX_ENV, { name: 'OWN', value: '1' }]);
        expect((pod['spec'] as Pod['spec']).volumes).to.equal(undefined);
      });
    }

    it('should prefer the variable to the file, and ignore envVar', async () => {
      const { handler } = podsecrets({ FLYTE_SECRET_DB_PASSWORD: 'env-value' });
      const pod = await admitAndCheck(handler, podWithSecrets({ secrets: [{ group: 'db', key: 'Password', mountRequirement: ENV_VAR, envVar: 'MINE' }] }));
      expect(containersOf(pod)[0]?.env).to.deep.equal([{ name: '_UNION_DB_PASSWORD', value: 'env-value' }, PREFIX_ENV]);
    });

    it('should use secrets.env-prefix for the lookup and webhook.secretEnvVarPrefix for the pod', async () => {
      const { handler } = podsecrets({ ACME_DB_PASSWORD: 'env-value', FLYTE_SECRET_DB_PASSWORD: 'other' }, { secrets: { 'env-prefix': 'ACME_' }, webhook: { secretEnvVarPrefix: 'P_' } });
      const pod = await admitAndCheck(handler, podWithSecrets({ secrets: [{ group: 'db', key: 'password', mountRequirement: ENV_VAR }] }));
      expect(containersOf(pod)[0]?.env).to.deep.equal([
        { name: 'P_DB_PASSWORD', value: 'env-value' },
        { name: 'FLYTE_SECRETS_ENV_PREFIX', value: 'P_' },
      ]);
    });
  });

  describe('when a value holds what the kubelet would expand', () => {
    for (const [label, value] of [
      ['$(VAR) and $$', 'a$(HOME)b$$c'],
      ['a trailing $', 'end$'],
      ['$( without a close', 'x$(y'],
      ['no $ at all', 'plain'],
    ] as const) {
      it(`should write it so the container receives it byte for byte: ${label}`, async () => {
        const { handler } = podsecrets({ FLYTE_SECRET_DB_PASSWORD: value });
        const pod = await admitAndCheck(
          handler,
          podWithSecrets({ secrets: [{ group: 'db', key: 'password', mountRequirement: ENV_VAR }], containers: [{ name: 'main', image: 'x', env: [{ name: 'HOME', value: '/root' }] }] }),
        );
        const env = containersOf(pod)[0]?.env ?? [];
        const written = env.find((variable) => variable.name === '_UNION_DB_PASSWORD')?.value ?? '';
        expect(kubeletExpand(written, { HOME: '/root', _UNION_DB_PASSWORD: 'other' })).to.equal(value);
      });
    }

    it('should escape a value read from a file too', async () => {
      writeFileSync(join(secretsDir, 'db', 'Dollar'), '$(HOME)');
      const { handler } = podsecrets();
      const pod = await admitAndCheck(handler, podWithSecrets({ secrets: [{ group: 'db', key: 'Dollar', mountRequirement: ENV_VAR }] }));
      expect(kubeletExpand(String(containersOf(pod)[0]?.env?.[0]?.value), { HOME: '/root' })).to.equal('$(HOME)');
    });
  });

  describe('when only the file <secrets-prefix>/<group>/<key> exists', () => {
    it('should put its whole content in the variable, untrimmed as Flyte does', async () => {
      const { handler } = podsecrets();
      const pod = await admitAndCheck(handler, podWithSecrets({ secrets: [{ group: 'db', key: 'Password', mountRequirement: ENV_VAR }] }));
      expect(containersOf(pod)[0]?.env).to.deep.equal([{ name: '_UNION_DB_PASSWORD', value: 'file-value\n' }, PREFIX_ENV]);
    });

    it('should look the file up case-sensitively and fall back to K8s', async () => {
      const { handler } = podsecrets();
      const pod = await admitAndCheck(handler, podWithSecrets({ secrets: [{ group: 'db', key: 'password', mountRequirement: ENV_VAR }] }));
      expect(containersOf(pod)[0]?.env?.[1]).to.deep.equal({ name: '_UNION_DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password', optional: true } } });
    });

    it('should treat a directory at that path as no secret', async () => {
      const { handler, logger } = podsecrets();
      const pod = await admitAndCheck(handler, podWithSecrets({ secrets: [{ group: 'db', key: 'folder', mountRequirement: ENV_VAR }] }));
      expect(containersOf(pod)[0]?.env?.[1]?.['valueFrom']).to.deep.equal({ secretKeyRef: { name: 'db', key: 'folder', optional: true } });
      expect(logger.lines).to.deep.equal([]);
    });
  });

  describe('when the file exists but cannot be read', () => {
    it('should fail Global with SecretReadFailure naming the file, log no internal error, and let K8s deliver it', async () => {
      const onlyGlobal = podsecrets({}, { webhook: { secretManagerType: 'Global' } });
      // A symlink to itself: ELOOP, an unreadable file even for root.
      symlinkSync('loop', join(secretsDir, 'db', 'loop'));
      const { handler, logger } = podsecrets();
      const { response, pod } = await admit(handler, podWithSecrets({ secrets: [{ group: 'db', key: 'loop', mountRequirement: ENV_VAR }] }));
      expect(response.allowed).to.equal(true);
      expect(response.warnings).to.deep.equal(['flyte.secrets/s0: injected by K8s after Global [SecretReadFailure] failed']);
      expect(containersOf(pod)[0]?.env?.[1]?.['valueFrom']).to.deep.equal({ secretKeyRef: { name: 'db', key: 'loop', optional: true } });
      expect(logger.lines.filter((line) => line.includes('"level":"error"'))).to.deep.equal([]);
      const denied = await admit(onlyGlobal.handler, podWithSecrets({ secrets: [{ group: 'db', key: 'loop', mountRequirement: ENV_VAR }] }));
      expect(denied.response.status?.message).to.include(`Global: [SecretReadFailure] cannot read the global secret file ${join(secretsDir, 'db', 'loop')}: ELOOP`);
    });
  });

  describe('when the request cannot be served by Global', () => {
    const globalReason = async (secret: Record<string, unknown>, environment: Record<string, string> = {}): Promise<string> => {
      const { handler } = createIsolatedPodsecrets({ webhook: { secretManagerTypes: ['Global'] }, secrets: { 'secrets-prefix': secretsDir } }, environment);
      const { response } = await admit(handler, podWithSecrets({ secrets: [secret] }));
      expect(response.allowed).to.equal(false);
      return response.status?.message ?? '';
    };

    it('should refuse FILE even when the value exists', async () => {
      expect(await globalReason({ group: 'db', key: 'password', mountRequirement: FILE }, { FLYTE_SECRET_DB_PASSWORD: 'v' })).to.include(
        'Global: [UnsupportedMount] global secrets can only be injected as environment variables (ENV_VAR or ANY), not FILE',
      );
    });

    it('should refuse a request without group or without key', async () => {
      expect(await globalReason({ key: 'password', mountRequirement: ENV_VAR })).to.include('Global: [InvalidRequest] a global secret needs both a group and a key');
      expect(await globalReason({ group: 'db', mountRequirement: ENV_VAR })).to.include('Global: [InvalidRequest] a global secret needs both a group and a key');
    });

    it('should say SecretNotFound when neither variable nor file exists', async () => {
      expect(await globalReason({ group: 'db', key: 'nothing', mountRequirement: ENV_VAR })).to.include(
        'Global: [SecretNotFound] no such global secret in the webhook environment or secrets directory',
      );
    });

    it('should refuse a generated variable name the API server would refuse', async () => {
      expect(await globalReason({ group: 'db', key: 'a b', mountRequirement: ENV_VAR }, { 'FLYTE_SECRET_DB_A B': 'v' })).to.include(
        'Global: [InvalidRequest] the generated env var name "_UNION_DB_A B" is not a valid environment variable name',
      );
    });
  });

  describe('when asked to decline before injecting', () => {
    it('should give the refusal inject throws, and nothing for a secret it holds', () => {
      const { container } = podsecrets({ FLYTE_SECRET_DB_TOKEN: 'v' });
      const global = container.get(GlobalSecretInjector);
      const context = { namespace: 'default', uid: 'u', dryRun: false, signal: new AbortController().signal };
      const requests = [
        secretRequest({ group: 'db', key: 'token', mountRequirement: FILE }),
        secretRequest({ key: 'token', mountRequirement: ENV_VAR }),
        secretRequest({ group: '..', key: 'token', mountRequirement: ENV_VAR }),
        secretRequest({ group: 'db', key: 'missing', mountRequirement: ENV_VAR }),
      ];
      for (const request of requests) {
        const declined = global.decline(request);
        expect(declined, request.key).to.be.instanceOf(InjectionError);
        expect(() => global.inject(request, new PodDraft({ spec: { containers: [{ name: 'main' }] } }).begin(), context)).to.throw(declined!);
      }
      expect(global.decline(secretRequest({ group: 'db', key: 'token', mountRequirement: ENV_VAR }))).to.equal(undefined);
    });
  });

  describe('when group or key would leave the secrets directory', () => {
    const traversals: [string, string][] = [
      ['..', 'k'],
      ['../outside', 'k'],
      ['db', '../../k'],
      ['.', '../k'],
      ['db/..', 'k'],
      ['/abs', 'k'],
    ];
    for (const [group, key] of traversals) {
      it(`should refuse group ${JSON.stringify(group)} with key ${JSON.stringify(key)} without reading the file`, async () => {
        const { handler, logger } = createIsolatedPodsecrets({ webhook: { secretManagerTypes: ['Global'] }, secrets: { 'secrets-prefix': secretsDir } });
        const { response } = await admit(handler, podWithSecrets({ secrets: [{ group, key, mountRequirement: ENV_VAR }] }));
        expect(response.allowed).to.equal(false);
        expect(response.status?.message).to.include("Global: [InvalidRequest] a global secret's group and key must be plain names, without '/' and not '.' or '..'");
        expect(JSON.stringify(response)).not.to.include('webhook-private');
        expect(logger.text()).not.to.include('webhook-private');
      });
    }

    it('should still read a name that only contains dots', async () => {
      writeFileSync(join(secretsDir, 'db', '..hidden'), 'dotted');
      const { handler } = podsecrets();
      const pod = await admitAndCheck(handler, podWithSecrets({ secrets: [{ group: 'db', key: '..hidden', mountRequirement: ENV_VAR }] }));
      expect(containersOf(pod)[0]?.env?.[0]).to.deep.equal({ name: '_UNION_DB_..HIDDEN', value: 'dotted' });
    });
  });
});

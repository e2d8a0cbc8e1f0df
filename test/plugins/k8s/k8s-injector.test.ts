import { expect } from 'chai';
import { type Container, MountRequirement, type Pod, secretRequest } from '../../../core/index.js';
import { PodDraft } from '../../../core/pod/pod-draft.js';
import { K8sSecretInjector } from '../../../plugins/k8s/k8s-injector.js';
import { admit, admitAndCheck } from '../../support/admit.js';
import { createIsolatedPodsecrets } from '../../support/isolated-podsecrets.js';
import { type PodOptions, podWithSecrets } from '../../support/pod-builders.js';

const { ENV_VAR, FILE, ANY } = MountRequirement;
const PREFIX_ENV = { name: 'FLYTE_SECRETS_ENV_PREFIX', value: '_UNION_' };
const FILE_PREFIX_ENV = { name: 'FLYTE_SECRETS_FILE_PREFIX', value: '' };
const DEFAULT_DIR_ENV = { name: 'FLYTE_SECRETS_DEFAULT_DIR', value: '/etc/flyte/secrets' };
// md5("my_key") and b32(md5("my_key") + "_"): Flyte v2's Secret and volume for a request without a group.
const MD5_OF_MY_KEY = '9ed6e46a3ff88783ff75296a4ba523f9';
const VOLUME_OF_MD5_OF_MY_KEY = 'hfswintfgq2gcm2gmy3dqnzygntgmnzvgi3tmyjumjqtkmrtmy3v5';

const keyRef = (name: string, key: string): Record<string, unknown> => ({ valueFrom: { secretKeyRef: { name, key, optional: true } } });
const containersOf = (pod: Record<string, unknown>): Container[] => {
  const spec = pod['spec'] as Pod['spec'];
  return [...(spec.initContainers ?? []), ...spec.containers];
};
const specOf = (pod: Record<string, unknown>): Pod['spec'] => pod['spec'] as Pod['spec'];

/** A pod with one init container and two containers, the second with its own env and mount. */
function taskPod(secrets: PodOptions['secrets']): Pod {
  return podWithSecrets({
    secrets,
    initContainers: [{ name: 'setup', image: 'busybox' }],
    containers: [
      { name: 'main', image: 'busybox' },
      { name: 'sidecar', image: 'busybox', env: [{ name: 'OWN', value: 'o' }], volumeMounts: [{ name: 'data', mountPath: '/data' }] },
    ],
    volumes: [{ name: 'data', emptyDir: {} }],
  });
}

function handler(webhook: Record<string, unknown> = {}) {
  return createIsolatedPodsecrets({ webhook: { secretManagerType: 'K8s', ...webhook } }).handler;
}

describe('K8sSecretInjector', () => {
  describe('when a secret asks for ENV_VAR', () => {
    it('should prepend [FLYTE_SECRETS_ENV_PREFIX, _UNION_<GROUP>_<KEY>] with an optional secretKeyRef to every init and main container', async () => {
      const pod = await admitAndCheck(handler(), taskPod([{ group: 'db-creds', key: 'password', mountRequirement: ENV_VAR }]));
      const expected = [PREFIX_ENV, { name: '_UNION_DB-CREDS_PASSWORD', ...keyRef('db-creds', 'password') }];
      const [setup, main, sidecar] = containersOf(pod);
      expect(setup?.env).to.deep.equal(expected);
      expect(main?.env).to.deep.equal(expected);
      expect(sidecar?.env).to.deep.equal([...expected, { name: 'OWN', value: 'o' }]);
      expect(specOf(pod).volumes).to.deep.equal([{ name: 'data', emptyDir: {} }]);
      expect(sidecar?.volumeMounts).to.deep.equal([{ name: 'data', mountPath: '/data' }]);
    });

    it('should upper-case the key in the name and keep its case in the reference', async () => {
      const pod = await admitAndCheck(handler(), taskPod([{ group: 'api', key: 'Token.v2', mountRequirement: ENV_VAR }]));
      expect(containersOf(pod)[1]?.env?.[1]).to.deep.equal({ name: '_UNION_API_TOKEN.V2', ...keyRef('api', 'Token.v2') });
    });

    it('should add a copy named envVar between the prefix and the generated name (v2 order)', async () => {
      const pod = await admitAndCheck(handler(), taskPod([{ group: 'db-creds', key: 'password', mountRequirement: ENV_VAR, envVar: 'DB_PASSWORD' }]));
      expect(containersOf(pod)[1]?.env).to.deep.equal([
        PREFIX_ENV,
        { name: 'DB_PASSWORD', ...keyRef('db-creds', 'password') },
        { name: '_UNION_DB-CREDS_PASSWORD', ...keyRef('db-creds', 'password') },
      ]);
    });

    it('should use webhook.secretEnvVarPrefix', async () => {
      const pod = await admitAndCheck(handler({ secretEnvVarPrefix: 'ACME_' }), taskPod([{ group: 'g', key: 'k', mountRequirement: ENV_VAR }]));
      expect(containersOf(pod)[1]?.env).to.deep.equal([
        { name: 'FLYTE_SECRETS_ENV_PREFIX', value: 'ACME_' },
        { name: 'ACME_G_K', ...keyRef('g', 'k') },
      ]);
    });

    it('should reference the Secret named md5(key) when the group is missing', async () => {
      const pod = await admitAndCheck(handler(), taskPod([{ key: 'my_key', mountRequirement: ENV_VAR }]));
      expect(containersOf(pod)[1]?.env).to.deep.equal([PREFIX_ENV, { name: `_UNION_${MD5_OF_MY_KEY.toUpperCase()}_MY_KEY`, ...keyRef(MD5_OF_MY_KEY, 'my_key') }]);
    });

    it("should replace the pod's own variable of the generated name (the webhook wins)", async () => {
      const pod = podWithSecrets({ secrets: [{ group: 'g', key: 'k', mountRequirement: ENV_VAR }], containers: [{ name: 'main', image: 'x', env: [{ name: '_UNION_G_K', value: 'mine' }] }] });
      const mutated = await admitAndCheck(handler(), pod);
      expect(containersOf(mutated)[0]?.env).to.deep.equal([PREFIX_ENV, { name: '_UNION_G_K', ...keyRef('g', 'k') }]);
    });
  });

  for (const [label, mountRequirement] of [
    ['FILE', FILE],
    ['ANY', ANY],
  ] as const) {
    describe(`when a secret asks for ${label}`, () => {
      it('should add an optional read-only secret volume b32(group_version) with the key as lower-case file, mounted in every init and main container', async () => {
        const pod = await admitAndCheck(handler(), taskPod([{ group: 'db-creds', key: 'Password', mountRequirement }]));
        const mount = { name: 'mrrc1y2smvshgxy', readOnly: true, mountPath: '/etc/flyte/secrets/db-creds' };
        expect(specOf(pod).volumes).to.deep.equal([
          { name: 'data', emptyDir: {} },
          { name: 'mrrc1y2smvshgxy', secret: { secretName: 'db-creds', items: [{ key: 'Password', path: 'password' }], optional: true } },
        ]);
        const [setup, main, sidecar] = containersOf(pod);
        expect(setup?.volumeMounts).to.deep.equal([mount]);
        expect(main?.volumeMounts).to.deep.equal([mount]);
        expect(sidecar?.volumeMounts).to.deep.equal([{ name: 'data', mountPath: '/data' }, mount]);
        expect(setup?.env).to.deep.equal([FILE_PREFIX_ENV, DEFAULT_DIR_ENV]);
        expect(sidecar?.env).to.deep.equal([FILE_PREFIX_ENV, DEFAULT_DIR_ENV, { name: 'OWN', value: 'o' }]);
      });

      it('should put envVar, holding the file path, first (v2 order [env_var, FILE_PREFIX, DEFAULT_DIR])', async () => {
        const pod = await admitAndCheck(handler(), taskPod([{ group: 'db-creds', key: 'Password', mountRequirement, envVar: 'DB_PASSWORD_FILE' }]));
        expect(containersOf(pod)[1]?.env).to.deep.equal([{ name: 'DB_PASSWORD_FILE', value: '/etc/flyte/secrets/db-creds/password' }, FILE_PREFIX_ENV, DEFAULT_DIR_ENV]);
      });

      it('should use the group version in the volume name only', async () => {
        const pod = await admitAndCheck(handler(), taskPod([{ group: 'db-creds', groupVersion: 'v1', key: 'password', mountRequirement, envVar: 'P' }]));
        expect(specOf(pod).volumes?.[1]?.name).to.equal('mrrc1y2smvshgx2wge');
        expect(containersOf(pod)[1]?.volumeMounts).to.deep.equal([{ name: 'mrrc1y2smvshgx2wge', readOnly: true, mountPath: '/etc/flyte/secrets/db-creds' }]);
        expect(containersOf(pod)[1]?.env?.[0]).to.deep.equal({ name: 'P', value: '/etc/flyte/secrets/db-creds/password' });
      });

      it('should use the Secret named md5(key) when the group is missing', async () => {
        const pod = await admitAndCheck(handler(), taskPod([{ key: 'my_key', mountRequirement }]));
        expect(specOf(pod).volumes?.[1]).to.deep.equal({ name: VOLUME_OF_MD5_OF_MY_KEY, secret: { secretName: MD5_OF_MY_KEY, items: [{ key: 'my_key', path: 'my_key' }], optional: true } });
        expect(containersOf(pod)[0]?.volumeMounts).to.deep.equal([{ name: VOLUME_OF_MD5_OF_MY_KEY, readOnly: true, mountPath: `/etc/flyte/secrets/${MD5_OF_MY_KEY}` }]);
      });

      it('should never mount into ephemeral containers', async () => {
        const pod = podWithSecrets({ secrets: [{ group: 'g', key: 'k', mountRequirement }], spec: { ephemeralContainers: [{ name: 'debug', image: 'x' }] } });
        const { pod: mutated } = await admit(handler(), pod);
        expect(specOf(mutated)['ephemeralContainers']).to.deep.equal([{ name: 'debug', image: 'x' }]);
        expect(specOf(mutated).containers[0]?.volumeMounts).to.have.length(1);
      });
    });
  }

  describe('when two keys of one group are asked as files', () => {
    it('should add both to one volume and mount it once', async () => {
      const pod = await admitAndCheck(
        handler(),
        taskPod([
          { group: 'db-creds', key: 'user', mountRequirement: FILE },
          { group: 'db-creds', key: 'password' },
        ]),
      );
      expect(specOf(pod).volumes?.[1]).to.deep.equal({
        name: 'mrrc1y2smvshgxy',
        secret: {
          secretName: 'db-creds',
          items: [
            { key: 'user', path: 'user' },
            { key: 'password', path: 'password' },
          ],
          optional: true,
        },
      });
      expect(containersOf(pod)[1]?.volumeMounts).to.deep.equal([{ name: 'mrrc1y2smvshgxy', readOnly: true, mountPath: '/etc/flyte/secrets/db-creds' }]);
    });
  });

  describe('when the pod already has a volume of the Secret under the generated name, holding the whole Secret', () => {
    // The Secret's keys are the files of such a volume, each under its own name.
    const wholeSecretPod = (secretVolume: Record<string, unknown>, key: string): Pod => {
      const pod = taskPod([{ group: 'db-creds', key, mountRequirement: FILE }]);
      pod.spec.volumes!.push({ name: 'mrrc1y2smvshgxy', secret: { secretName: 'db-creds', ...secretVolume } });
      return pod;
    };

    for (const [form, secretVolume] of [
      ['without items', {}],
      ['with an empty items list', { items: [] }],
    ] as const) {
      it(`should mount it as it is, ${form}, when the file is named as the key`, async () => {
        const pod = wholeSecretPod(secretVolume, 'password');
        const volumes = structuredClone(pod.spec.volumes);
        const mutated = await admitAndCheck(handler(), pod);
        expect(specOf(mutated).volumes, "the pod's volumes").to.deep.equal(volumes);
        expect(containersOf(mutated)[0]?.volumeMounts).to.deep.equal([{ name: 'mrrc1y2smvshgxy', readOnly: true, mountPath: '/etc/flyte/secrets/db-creds' }]);
      });
    }

    it('should deny a key whose file podsecrets names otherwise, naming the volume, the key and the file, and leave the volume alone', async () => {
      const { response, patch } = await admit(handler(), wholeSecretPod({}, 'Password'));
      expect(response.allowed).to.equal(false);
      expect(patch).to.deep.equal([]);
      expect(response.status?.message).to.include(
        `K8s: [InvalidRequest] the pod's volume "mrrc1y2smvshgxy" holds the whole Secret "db-creds", so key "Password" is its file Password, not password as podsecrets would name it`,
      );
    });
  });

  describe('when several secrets are asked', () => {
    it('should prepend each secret in annotation order, as Flyte v2 does (the last secret first)', async () => {
      const pod = await admitAndCheck(
        handler(),
        taskPod([
          { group: 'files', key: 'a', mountRequirement: FILE, envVar: 'A_PATH' },
          { group: 'envs', key: 'b', mountRequirement: ENV_VAR, envVar: 'B' },
        ]),
      );
      expect(containersOf(pod)[2]?.env?.map((env) => env.name)).to.deep.equal([
        'FLYTE_SECRETS_ENV_PREFIX',
        'B',
        '_UNION_ENVS_B',
        'A_PATH',
        'FLYTE_SECRETS_FILE_PREFIX',
        'FLYTE_SECRETS_DEFAULT_DIR',
        'OWN',
      ]);
    });
  });

  describe('when the request cannot be served', () => {
    const denial = async (secret: Parameters<typeof secretRequest>[0], webhook: Record<string, unknown> = {}): Promise<string> => {
      const { response } = await admit(handler(webhook), podWithSecrets({ secrets: [secret] }));
      expect(response.allowed).to.equal(false);
      expect(response.status?.code).to.equal(400);
      return response.status?.message ?? '';
    };

    it('should deny a secret without a key', async () => {
      expect(await denial({ group: 'g', mountRequirement: ENV_VAR })).to.include('K8s: [InvalidRequest] a Kubernetes secret needs a key (the data key in the Secret); the request has none');
    });

    it('should deny a group that is not a valid Secret name, saying so', async () => {
      expect(await denial({ group: 'My_Group', key: 'k', mountRequirement: FILE })).to.include(
        `K8s: [InvalidRequest] group "My_Group" is not a valid Kubernetes Secret name (lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters)`,
      );
    });

    it('should deny a key that is not a valid Secret data key, saying so', async () => {
      expect(await denial({ group: 'g', key: 'a/b', mountRequirement: ENV_VAR })).to.include(
        `K8s: [InvalidRequest] key "a/b" is not a valid Secret data key (letters, digits, '-', '_' and '.', at most 253 characters)`,
      );
    });

    it('should deny an envVar that is not a valid variable name', async () => {
      expect(await denial({ group: 'g', key: 'k', mountRequirement: ENV_VAR, envVar: '1X' })).to.include('K8s: [InvalidRequest] envVar "1X" is not a valid environment variable name');
    });

    it('should deny an envVar that is not a valid variable name for a file too, naming the field', async () => {
      expect(await denial({ group: 'g', key: 'k', mountRequirement: FILE, envVar: '1X' })).to.include('K8s: [InvalidRequest] envVar "1X" is not a valid environment variable name');
    });

    it('should deny when one of several volumes of the pod has the generated name but is not the secret volume', async () => {
      const pod = taskPod([{ group: 'db-creds', key: 'password', mountRequirement: FILE }]);
      pod.spec.volumes!.push({ name: 'mrrc1y2smvshgxy', emptyDir: {} });
      const { response } = await admit(handler(), pod);
      expect(response.allowed).to.equal(false);
      expect(response.status?.message).to.include('K8s: [InvalidRequest] the pod already has a volume named "mrrc1y2smvshgxy" that is not a secret volume of Secret "db-creds"');
    });

    it('should deny a generated name that is not a valid variable name', async () => {
      expect(await denial({ group: '1password', key: 'k', mountRequirement: ENV_VAR }, { secretEnvVarPrefix: '' })).to.include(
        'K8s: [InvalidRequest] the generated env var name "1PASSWORD_K" is not a valid environment variable name',
      );
    });
  });

  describe('when called with a mount requirement outside the enum', () => {
    it('should throw UnsupportedMount', () => {
      const injector = new K8sSecretInjector({ secretManagerType: 'K8s', secretManagerTypes: [], secretEnvVarPrefix: '_UNION_' });
      const edit = new PodDraft(podWithSecrets()).begin();
      expect(() => injector.inject(secretRequest({ group: 'g', key: 'k', mountRequirement: 3 as MountRequirement }), edit))
        .to.throw('mount requirement 3 is not one of ANY, ENV_VAR, FILE')
        .with.property('code', 'UnsupportedMount');
    });
  });
});

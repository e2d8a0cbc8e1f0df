import { expect } from 'chai';
import { type Container, md5Hex, MountRequirement, type Pod } from '../../../core/index.js';
import { encodeFlyteBase32 } from '../../../core/wire/flyte-base32.js';
import { admit, admitAndCheck } from '../../support/admit.js';
import { podProblems } from '../../support/acceptable-pod.js';
import { createIsolatedPodsecrets } from '../../support/isolated-podsecrets.js';
import { podWithSecrets, reviewFor } from '../../support/pod-builders.js';

// The defects of Flyte v2's K8s injector (flyteplugins/go/tasks/pluginmachinery/secret in flyteorg/flyte,
// as docs/backends.md introduces it): one group under two group_versions, a merge into the pod's own
// secret volume, volume names over 63 characters, env names that are no shell identifiers, no
// idempotency; and collisions it lets through silently. Each test states what Flyte does and fails on it.

const { ENV_VAR, FILE } = MountRequirement;
const flyteVolumeName = (group: string, version: string): string => encodeFlyteBase32(new TextEncoder().encode(`${group}_${version}`));
const specOf = (pod: Record<string, unknown>): Pod['spec'] => pod['spec'] as Pod['spec'];
const allContainers = (pod: Record<string, unknown>): Container[] => [...(specOf(pod).initContainers ?? []), ...specOf(pod).containers];

function handler() {
  return createIsolatedPodsecrets({ webhook: { secretManagerType: 'K8s' } }).handler;
}

async function deniedMessage(pod: unknown): Promise<string> {
  const { response, patch } = await admit(handler(), pod);
  expect(response.allowed).to.equal(false);
  expect(response.status?.code).to.equal(400);
  expect(patch).to.deep.equal([]);
  return response.status?.message ?? '';
}

// The cases where Flyte produces a pod the API server refuses, or a wrong pod.
describe('K8sSecretInjector', () => {
  describe('when group and version together exceed 38 bytes', () => {
    it('should name the volume within 63 characters (Flyte: b32 name of 64+ characters, pod refused)', async () => {
      const group = 'a'.repeat(30);
      const version = 'v'.repeat(9);
      expect(flyteVolumeName(group, version)).to.have.length(64);
      const pod = await admitAndCheck(handler(), podWithSecrets({ secrets: [{ group, groupVersion: version, key: 'k', mountRequirement: FILE }] }));
      expect(specOf(pod).volumes?.map((volume) => volume.name)).to.deep.equal([`ps-${md5Hex(group)}`]);
    });

    it('should do so for a Secret name of the full 253 characters', async () => {
      const group = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
      const pod = await admitAndCheck(handler(), podWithSecrets({ secrets: [{ group, key: 'k', mountRequirement: FILE }] }));
      expect(specOf(pod).volumes?.[0]?.name).to.have.length(35);
    });
  });

  describe('when one group is asked with two versions', () => {
    it('should give one volume with both items and one mount of it (Flyte: mount of a volume that does not exist, twice at one path)', async () => {
      const pod = await admitAndCheck(
        handler(),
        podWithSecrets({
          secrets: [
            { group: 'db-creds', groupVersion: 'v1', key: 'user', mountRequirement: FILE },
            { group: 'db-creds', groupVersion: 'v2', key: 'password', mountRequirement: FILE },
          ],
          initContainers: [{ name: 'setup', image: 'x' }],
        }),
      );
      expect(specOf(pod).volumes).to.deep.equal([
        {
          name: flyteVolumeName('db-creds', 'v1'),
          secret: {
            secretName: 'db-creds',
            items: [
              { key: 'user', path: 'user' },
              { key: 'password', path: 'password' },
            ],
            optional: true,
          },
        },
      ]);
      for (const container of allContainers(pod)) {
        expect(container.volumeMounts, container.name).to.deep.equal([{ name: flyteVolumeName('db-creds', 'v1'), readOnly: true, mountPath: '/etc/flyte/secrets/db-creds' }]);
      }
    });
  });

  describe('when the same key is asked twice', () => {
    it('should list it once in the volume (Flyte: duplicate items)', async () => {
      const pod = await admitAndCheck(
        handler(),
        podWithSecrets({
          secrets: [
            { group: 'db-creds', key: 'password', mountRequirement: FILE },
            { group: 'db-creds', key: 'password', mountRequirement: FILE, envVar: 'P' },
            { group: 'db-creds', groupVersion: 'v9', key: 'password' },
          ],
        }),
      );
      expect(specOf(pod).volumes?.[0]?.secret?.items).to.deep.equal([{ key: 'password', path: 'password' }]);
    });
  });

  describe('when the pod has its own volume of the same Secret', () => {
    it('should leave it as it is and add its own (Flyte: adds items to it, hiding the other keys of a whole-Secret mount)', async () => {
      const own = { name: 'creds', secret: { secretName: 'db-creds' } };
      const pod = await admitAndCheck(
        handler(),
        podWithSecrets({
          secrets: [{ group: 'db-creds', key: 'password', mountRequirement: FILE }],
          volumes: [own],
          containers: [{ name: 'main', image: 'x', volumeMounts: [{ name: 'creds', mountPath: '/creds' }] }],
        }),
      );
      expect(specOf(pod).volumes).to.deep.equal([own, { name: flyteVolumeName('db-creds', ''), secret: { secretName: 'db-creds', items: [{ key: 'password', path: 'password' }], optional: true } }]);
      expect(specOf(pod).containers[0]?.volumeMounts).to.deep.equal([
        { name: 'creds', mountPath: '/creds' },
        { name: flyteVolumeName('db-creds', ''), readOnly: true, mountPath: '/etc/flyte/secrets/db-creds' },
      ]);
    });
  });

  describe('when the group or key is not a name Kubernetes accepts', () => {
    it('should deny a group that is not a Secret name, saying so (Flyte: a pod the API server refuses)', async () => {
      const message = await deniedMessage(podWithSecrets({ secrets: [{ group: 'My_Group', key: 'k', mountRequirement: ENV_VAR }] }));
      expect(message).to.include('group "My_Group" is not a valid Kubernetes Secret name');
    });

    it('should quote a huge invalid name cut short, so the denial stays readable', async () => {
      const message = await deniedMessage(podWithSecrets({ secrets: [{ group: 'G'.repeat(100000), key: 'k', mountRequirement: ENV_VAR }] }));
      expect(message).to.include(`group "${'G'.repeat(256)}"… (100000 characters) is not a valid Kubernetes Secret name`);
      expect(message.length).to.be.below(2000);
    });

    it('should deny a key that is not a Secret data key, saying so', async () => {
      const message = await deniedMessage(podWithSecrets({ secrets: [{ group: 'g', key: 'my key', mountRequirement: FILE }] }));
      expect(message).to.include('key "my key" is not a valid Secret data key');
    });
  });

  describe('when two requests collide', () => {
    it('should deny two keys whose lower-case file names are the same (Flyte: two items at one path)', async () => {
      const message = await deniedMessage(
        podWithSecrets({
          secrets: [
            { group: 'g', key: 'Token', mountRequirement: FILE },
            { group: 'g', key: 'token', mountRequirement: FILE },
          ],
        }),
      );
      expect(message).to.include('K8s: [InvalidRequest] keys "Token" and "token" of Secret "g" would both be the file token; ask for one of them');
    });

    it('should deny two keys whose upper-case variable names are the same (Flyte: the later silently wins)', async () => {
      const message = await deniedMessage(
        podWithSecrets({
          secrets: [
            { group: 'g', key: 'token', mountRequirement: ENV_VAR },
            { group: 'g', key: 'TOKEN', mountRequirement: ENV_VAR },
          ],
        }),
      );
      expect(message).to.include('secret [group "g", key "TOKEN", mount ENV_VAR] (flyte.secrets/s1)');
      expect(message).to.include('K8s: [EnvConflict] environment variable _UNION_G_TOKEN is already set to something else');
    });

    it('should deny two secrets that ask for the same envVar (Flyte: the later silently wins)', async () => {
      const message = await deniedMessage(
        podWithSecrets({
          secrets: [
            { group: 'a', key: 'k', mountRequirement: ENV_VAR, envVar: 'TOKEN' },
            { group: 'b', key: 'k', mountRequirement: FILE, envVar: 'TOKEN' },
          ],
        }),
      );
      expect(message).to.include('K8s: [EnvConflict] environment variable TOKEN');
    });

    it('should deny a mount path the pod already uses for another volume (Flyte: mountPath must be unique)', async () => {
      const message = await deniedMessage(
        podWithSecrets({
          secrets: [{ group: 'g', key: 'k', mountRequirement: FILE }],
          volumes: [{ name: 'mine', emptyDir: {} }],
          containers: [
            { name: 'main', image: 'x' },
            { name: 'other', image: 'x', volumeMounts: [{ name: 'mine', mountPath: '/etc/flyte/secrets/g' }] },
          ],
        }),
      );
      expect(message).to.include(`K8s: [MountConflict] mount path /etc/flyte/secrets/g is already used by volume "mine", so volume "${flyteVolumeName('g', '')}" cannot be mounted there`);
    });

    it('should deny when the pod has a volume of the generated name that is not its secret volume (Flyte: two volumes of one name)', async () => {
      const message = await deniedMessage(podWithSecrets({ secrets: [{ group: 'g', key: 'k', mountRequirement: FILE }], volumes: [{ name: flyteVolumeName('g', ''), emptyDir: {} }] }));
      expect(message).to.include(`K8s: [InvalidRequest] the pod already has a volume named "${flyteVolumeName('g', '')}" that is not a secret volume of Secret "g"`);
    });
  });

  describe('when the webhook runs on its own output', () => {
    it('should change nothing, for a pod with every kind of request (Flyte: duplicate items on reinvocation)', async () => {
      const podsecrets = handler();
      const pod = podWithSecrets({
        secrets: [
          { group: 'db-creds', groupVersion: 'v1', key: 'user', mountRequirement: FILE, envVar: 'USER_FILE' },
          { group: 'db-creds', groupVersion: 'v2', key: 'password' },
          { group: 'api', key: 'token', mountRequirement: ENV_VAR, envVar: 'API_TOKEN' },
          { key: 'my_key', mountRequirement: FILE },
          { key: 'my_key', mountRequirement: ENV_VAR },
        ],
        initContainers: [{ name: 'setup', image: 'x', env: [{ name: 'A', value: '1' }] }],
        containers: [
          { name: 'main', image: 'x' },
          { name: 'side', image: 'y', volumeMounts: [{ name: 'data', mountPath: '/data' }] },
        ],
        volumes: [{ name: 'data', emptyDir: {} }],
      });
      const once = await admitAndCheck(podsecrets, pod);
      const twice = await admitAndCheck(podsecrets, once);
      expect(twice).to.deep.equal(once);
      expect(podProblems(twice)).to.deep.equal([]);
    });
  });

  describe('when the same request comes twice', () => {
    it('should answer byte for byte the same, from two webhook instances, whatever the order of the annotations (Flyte: map order)', async () => {
      const secrets = [
        { group: 'a', key: 'k1', mountRequirement: FILE, envVar: 'K1' },
        { group: 'b', key: 'k2', mountRequirement: ENV_VAR },
        { group: 'a', key: 'k3', mountRequirement: FILE },
      ];
      const pod = podWithSecrets({
        secrets,
        containers: [
          { name: 'main', image: 'x' },
          { name: 'side', image: 'x' },
        ],
      });
      const reversed = structuredClone(pod);
      reversed.metadata!.annotations = Object.fromEntries(Object.entries(pod.metadata!.annotations!).reverse());
      const first = JSON.stringify((await handler().handle(reviewFor(pod))).review);
      const second = JSON.stringify((await handler().handle(reviewFor(pod))).review);
      const third = JSON.stringify((await handler().handle(reviewFor(reversed))).review);
      expect(second).to.equal(first);
      expect(third).to.equal(first);
      expect(first).to.include('"patchType":"JSONPatch"');
    });
  });
});

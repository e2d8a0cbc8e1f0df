import { expect } from 'chai';
import { MountRequirement, secretVolumeName } from '../../core/index.js';
import { admit, admitAndCheck } from '../support/admit.js';
import { podWithSecrets } from '../support/pod-builders.js';
import { createTestPodsecrets } from '../support/test-podsecrets.js';

// The defects the property tests found, each kept as a plain example so that it stays fixed even
// when a random run would not happen upon it again.

describe('defects found by the property tests', () => {
  const { handler } = createTestPodsecrets({ config: { webhook: { secretManagerType: 'K8s' } } });

  describe('when a pod has annotations: null', () => {
    it('should admit it unchanged instead of failing with a TypeError', async () => {
      const pod = podWithSecrets();
      (pod.metadata as Record<string, unknown>)['annotations'] = null;
      const { response, patch } = await admit(handler, pod);
      expect(response.allowed).to.equal(true);
      expect(patch).to.deep.equal([]);
    });
  });

  describe('when two containers mount different volumes at the path a secret needs', () => {
    it('should deny with MountConflict, not admit a container with one path mounted twice', async () => {
      // The first container already holds the volume podsecrets would make for "db"; the second
      // mounts another volume at the same path, which podsecrets' volume must not join.
      const own = secretVolumeName('db', '');
      const pod = podWithSecrets({
        secrets: [{ group: 'db', key: 'password', mountRequirement: MountRequirement.FILE }],
        volumes: [
          { name: own, secret: { secretName: 'db', items: [{ key: 'password', path: 'password' }], optional: true } },
          { name: 'theirs', emptyDir: {} },
        ],
        containers: [
          { name: 'first', image: 'busybox', volumeMounts: [{ name: own, mountPath: '/etc/flyte/secrets/db' }] },
          { name: 'second', image: 'busybox', volumeMounts: [{ name: 'theirs', mountPath: '/etc/flyte/secrets/db' }] },
        ],
      });
      const { response } = await admit(handler, pod);
      expect(response.allowed).to.equal(false);
      expect(response.status?.message).to.include('K8s: [MountConflict] mount path /etc/flyte/secrets/db is already used by volume "theirs"');
    });

    it('should still admit when every container that uses the path mounts the secret volume itself', async () => {
      const pod = podWithSecrets({ secrets: [{ group: 'db', key: 'password', mountRequirement: MountRequirement.FILE }] });
      const once = await admitAndCheck(handler, pod);
      const twice = await admitAndCheck(handler, {
        ...once,
        spec: { ...(once['spec'] as object), containers: [...(once['spec'] as { containers: object[] }).containers, { name: 'late', image: 'busybox' }] },
      });
      const late = (twice['spec'] as { containers: { name: string; volumeMounts?: { mountPath: string }[] }[] }).containers.find((container) => container.name === 'late');
      expect(late?.volumeMounts?.map((mount) => mount.mountPath)).to.deep.equal(['/etc/flyte/secrets/db']);
    });
  });
});

import { expect } from 'chai';
import { PodDraft } from '../../../core/pod/pod-draft.js';
import type { Container, Pod } from '../../../core/pod/pod-types.js';
import { catchInjectionError, edited, pod } from './pod-draft-helpers.js';

describe('PodDraft', () => {
  describe('when nothing is recorded', () => {
    it('should give back an equal pod, and never the request object itself', () => {
      const source = pod({ initContainers: [{ name: 'init', image: 'x', env: [{ name: 'A', value: '1' }] }] });
      const result = edited(source);
      expect(result).to.deep.equal(source);
      expect(result).not.to.equal(source);
    });
  });

  describe('mountInAllContainers', () => {
    const mount = { name: 'vol', mountPath: '/etc/flyte/secrets/g', readOnly: true };

    it('should add the mount to every init and main container', () => {
      const source = pod({
        initContainers: [{ name: 'init', image: 'x' }],
        containers: [
          { name: 'a', image: 'x' },
          { name: 'b', image: 'x' },
        ],
      });
      const result = edited(source, (edit) => edit.mountInAllContainers(mount));
      for (const container of [...(result.spec.initContainers ?? []), ...result.spec.containers]) {
        expect(container.volumeMounts, container.name).to.deep.equal([mount]);
      }
    });

    it('should skip a container that already mounts a volume of that name, wherever', () => {
      const own = { name: 'vol', mountPath: '/elsewhere' };
      const source = pod({
        containers: [
          { name: 'a', image: 'x', volumeMounts: [own] },
          { name: 'b', image: 'x', volumeMounts: [{ name: 'other', mountPath: '/o' }] },
        ],
      });
      const result = edited(source, (edit) => edit.mountInAllContainers(mount));
      expect(result.spec.containers[0]?.volumeMounts).to.deep.equal([own]);
      expect(result.spec.containers[1]?.volumeMounts).to.deep.equal([{ name: 'other', mountPath: '/o' }, mount]);
    });

    it('should add a mount asked by two secrets once', () => {
      const result = edited(
        pod(),
        (edit) => edit.mountInAllContainers(mount),
        (edit) => edit.mountInAllContainers(mount),
      );
      expect(result.spec.containers[0]?.volumeMounts).to.deep.equal([mount]);
    });

    it('should throw MountConflict when a container of the pod mounts another volume at that path', () => {
      const source = pod({
        containers: [
          { name: 'a', image: 'x' },
          { name: 'b', image: 'x', volumeMounts: [{ name: 'mine', mountPath: mount.mountPath }] },
        ],
      });
      const error = catchInjectionError(() => new PodDraft(source).begin().mountInAllContainers(mount));
      expect(error.code).to.equal('MountConflict');
      expect(error.message).to.equal('mount path /etc/flyte/secrets/g is already used by volume "mine", so volume "vol" cannot be mounted there');
    });

    it('should throw MountConflict when another volume holds the path in one container and ours in another', () => {
      const source = pod({
        containers: [
          { name: 'a', image: 'x', volumeMounts: [{ name: 'vol', mountPath: mount.mountPath }] },
          { name: 'b', image: 'x', volumeMounts: [{ name: 'mine', mountPath: mount.mountPath }] },
        ],
      });
      expect(catchInjectionError(() => new PodDraft(source).begin().mountInAllContainers(mount)).code).to.equal('MountConflict');
    });

    it('should throw MountConflict when an earlier secret, or the same edit, mounted another volume there', () => {
      const draft = new PodDraft(pod());
      const first = draft.begin();
      first.mountInAllContainers({ name: 'first', mountPath: mount.mountPath });
      draft.apply(first);
      expect(catchInjectionError(() => draft.begin().mountInAllContainers(mount)).code).to.equal('MountConflict');
      const same = new PodDraft(pod()).begin();
      same.mountInAllContainers({ name: 'first', mountPath: mount.mountPath });
      expect(catchInjectionError(() => same.mountInAllContainers(mount)).code).to.equal('MountConflict');
    });

    it('should not count the mounts of an edit that was not applied', () => {
      const draft = new PodDraft(pod());
      draft.begin().mountInAllContainers({ name: 'first', mountPath: mount.mountPath });
      const edit = draft.begin();
      edit.mountInAllContainers(mount);
      draft.apply(edit);
      expect(draft.finish().spec.containers[0]?.volumeMounts).to.deep.equal([mount]);
    });
  });

  describe('addVolume and updateVolume', () => {
    it('should append a volume, and skip one whose name the pod already has', () => {
      const own = { name: 'vol', emptyDir: {} };
      const result = edited(pod({ volumes: [own] }), (edit) => {
        edit.addVolume({ name: 'vol', secret: { secretName: 's' } });
        edit.addVolume({ name: 'new', secret: { secretName: 's' } });
      });
      expect(result.spec.volumes).to.deep.equal([own, { name: 'new', secret: { secretName: 's' } }]);
    });

    it('should let a later edit update a volume an earlier one added, and show it in pod', () => {
      const draft = new PodDraft(pod());
      const first = draft.begin();
      first.addVolume({ name: 'v', secret: { secretName: 's', items: [{ key: 'a', path: 'a' }] } });
      expect(first.pod.spec.volumes).to.equal(undefined);
      draft.apply(first);
      const second = draft.begin();
      expect(second.pod.spec.volumes?.map((volume) => volume.name)).to.deep.equal(['v']);
      second.updateVolume('v', (volume) => volume.secret?.items?.push({ key: 'b', path: 'b' }));
      draft.apply(second);
      expect(draft.finish().spec.volumes?.[0]?.secret?.items).to.deep.equal([
        { key: 'a', path: 'a' },
        { key: 'b', path: 'b' },
      ]);
    });

    it('should not keep a reference to the volume given', () => {
      const volume = { name: 'v', secret: { secretName: 's', items: [{ key: 'a', path: 'a' }] } };
      const draft = new PodDraft(pod());
      const edit = draft.begin();
      edit.addVolume(volume);
      volume.secret.items.push({ key: 'late', path: 'late' });
      draft.apply(edit);
      expect(draft.finish().spec.volumes?.[0]?.secret?.items).to.deep.equal([{ key: 'a', path: 'a' }]);
    });
  });

  describe('addInitContainer and updateInitContainer', () => {
    it("should put podsecrets' init containers before the pod's own, in the order added", () => {
      const source = pod({ initContainers: [{ name: 'own', image: 'x' }] });
      const result = edited(
        source,
        (edit) => edit.addInitContainer({ name: 'fetch-1', image: 'f' }),
        (edit) => edit.addInitContainer({ name: 'fetch-2', image: 'f' }),
      );
      expect(result.spec.initContainers?.map((container) => container.name)).to.deep.equal(['fetch-1', 'fetch-2', 'own']);
    });

    it('should skip an init container whose name the pod already has', () => {
      const own: Container = { name: 'fetch', image: 'mine' };
      const result = edited(pod({ initContainers: [own] }), (edit) => edit.addInitContainer({ name: 'fetch', image: 'ours' }));
      expect(result.spec.initContainers).to.deep.equal([own]);
    });

    it('should give added init containers the env and mounts of every secret', () => {
      const result = edited(pod(), (edit) => {
        edit.addInitContainer({ name: 'fetch', image: 'f' });
        edit.setEnv({ name: 'X', value: '1' });
        edit.mountInAllContainers({ name: 'v', mountPath: '/m' });
      });
      expect(result.spec.initContainers?.[0]).to.deep.equal({ name: 'fetch', image: 'f', env: [{ name: 'X', value: '1' }], volumeMounts: [{ name: 'v', mountPath: '/m' }] });
    });

    it('should update an init container added earlier', () => {
      const result = edited(
        pod(),
        (edit) => edit.addInitContainer({ name: 'fetch', image: 'f', env: [] }),
        (edit) => edit.updateInitContainer('fetch', (container) => container.env?.push({ name: 'SECRETS', value: 'a' })),
      );
      expect(result.spec.initContainers?.[0]?.env).to.deep.equal([{ name: 'SECRETS', value: 'a' }]);
    });
  });

  describe('setAnnotationsIfAbsent', () => {
    it("should set missing annotations and keep the pod's own", () => {
      const result = edited(pod({}, { annotations: { a: 'mine' } }), (edit) => edit.setAnnotationsIfAbsent({ a: 'ours', b: 'ours' }));
      expect(result.metadata?.annotations).to.deep.equal({ a: 'mine', b: 'ours' });
    });

    it('should create metadata and annotations when the pod has none', () => {
      const source: Pod = { spec: { containers: [{ name: 'a' }] } };
      expect(edited(source, (edit) => edit.setAnnotationsIfAbsent({ b: '1' })).metadata).to.deep.equal({ annotations: { b: '1' } });
    });
  });

  describe('addImagePullSecret', () => {
    it('should add the name once and sort the list by name', () => {
      const result = edited(
        pod({ imagePullSecrets: [{ name: 'zeta' }, { name: 'alpha' }] }),
        (edit) => edit.addImagePullSecret('mid'),
        (edit) => edit.addImagePullSecret('alpha'),
      );
      expect(result.spec.imagePullSecrets).to.deep.equal([{ name: 'alpha' }, { name: 'mid' }, { name: 'zeta' }]);
    });
  });

  describe('warn', () => {
    it('should keep the warnings of applied edits only', () => {
      const draft = new PodDraft(pod());
      draft.begin().warn('dropped');
      const edit = draft.begin();
      edit.warn('kept');
      draft.apply(edit);
      expect(draft.warnings).to.deep.equal(['kept']);
    });
  });

  describe('when an edit is not applied (its injector failed)', () => {
    it('should leave no trace of it', () => {
      const source = pod({ initContainers: [{ name: 'own', image: 'x' }], imagePullSecrets: [{ name: 'b' }] }, { annotations: { a: '1' } });
      const draft = new PodDraft(source);
      const failed = draft.begin();
      failed.setEnv({ name: 'X', value: '1' });
      failed.mountInAllContainers({ name: 'v', mountPath: '/m' });
      failed.addVolume({ name: 'v', emptyDir: {} });
      failed.addInitContainer({ name: 'fetch', image: 'f' });
      failed.setAnnotationsIfAbsent({ b: '2' });
      failed.addImagePullSecret('a');
      expect(draft.finish()).to.deep.equal(source);
    });
  });

  describe('when a change fails while the edit is applied', () => {
    it('should throw and leave the draft as it was before the edit', () => {
      const source = pod({ volumes: [{ name: 'v', secret: { secretName: 's' } }] });
      const draft = new PodDraft(source);
      const edit = draft.begin();
      edit.addVolume({ name: 'new', emptyDir: {} });
      edit.addInitContainer({ name: 'fetch', image: 'f' });
      edit.setAnnotationsIfAbsent({ added: '1' });
      edit.addImagePullSecret('registry');
      edit.updateVolume('v', (volume) => {
        volume['touched'] = true;
        throw new Error('plugin bug');
      });
      expect(() => draft.apply(edit)).to.throw('plugin bug');
      const next = draft.begin();
      next.addInitContainer({ name: 'other', image: 'o' });
      draft.apply(next);
      expect(draft.finish()).to.deep.equal({ ...source, spec: { ...source.spec, initContainers: [{ name: 'other', image: 'o' }] } });
    });

    it('should throw for an update of a volume or init container that does not exist', () => {
      const draft = new PodDraft(pod());
      const edit = draft.begin();
      edit.updateVolume('missing', () => undefined);
      expect(() => draft.apply(edit)).to.throw('no volume "missing"');
      const other = draft.begin();
      other.updateInitContainer('missing', () => undefined);
      expect(() => draft.apply(other)).to.throw('no init container "missing"');
    });
  });

  describe('when the request pod is edited afterwards', () => {
    it('should not see it, and never change the request pod', () => {
      const source = pod({ containers: [{ name: 'a', image: 'x', env: [{ name: 'A', value: '1' }] }] });
      const copy = structuredClone(source);
      const result = edited(
        source,
        (edit) => edit.setEnv({ name: 'X', value: '1' }),
        (edit) => edit.addVolume({ name: 'v', emptyDir: {} }),
      );
      expect(source).to.deep.equal(copy);
      expect(result.spec.containers[0]?.env?.length).to.equal(2);
    });
  });
});

import { expect } from 'chai';
import fc from 'fast-check';
import { InjectionError } from '../../../core/injector/injection-error.js';
import { PodDraft, type PendingPodEdit } from '../../../core/pod/pod-draft.js';
import type { Container, EnvVar, Pod } from '../../../core/pod/pod-types.js';

function pod(spec: Partial<Pod['spec']> = {}, metadata: Pod['metadata'] = {}): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ...metadata }, spec: { containers: [{ name: 'main', image: 'busybox' }], ...spec } };
}

/** Records edits for one secret with `record` and applies them; returns the finished pod. */
function edited(source: Pod, ...records: ((edit: PendingPodEdit) => void)[]): Pod {
  const draft = new PodDraft(source);
  for (const record of records) {
    const edit = draft.begin();
    record(edit);
    draft.apply(edit);
  }
  return draft.finish();
}

function catchInjectionError(action: () => void): InjectionError {
  try {
    action();
  } catch (error) {
    expect(error).to.be.instanceOf(InjectionError);
    return error as InjectionError;
  }
  expect.fail('no InjectionError was thrown');
}

/** Flyte v2's AppendEnvVars on one container: for each env in argument order, drop the same name, then prepend. */
function flyteAppendEnvVars(existing: readonly EnvVar[], ...env: EnvVar[]): EnvVar[] {
  let result = [...existing];
  for (const entry of env) result = [entry, ...result.filter((other) => other.name !== entry.name)];
  return result;
}

const names = (env: readonly EnvVar[] | undefined): string[] => (env ?? []).map((entry) => `${entry.name}=${entry.value ?? ''}`);

describe('PodDraft', () => {
  describe('when nothing is recorded', () => {
    it('should give back an equal pod, and never the request object itself', () => {
      const source = pod({ initContainers: [{ name: 'init', image: 'x', env: [{ name: 'A', value: '1' }] }] });
      const result = edited(source);
      expect(result).to.deep.equal(source);
      expect(result).not.to.equal(source);
    });
  });

  describe('setEnv', () => {
    it('should put the variables first in every init and main container, in the order given', () => {
      const source = pod({
        initContainers: [{ name: 'init', image: 'x' }],
        containers: [{ name: 'a', image: 'x', env: [{ name: 'OWN', value: 'o' }] }, { name: 'b', image: 'x' }],
      });
      const result = edited(source, (edit) => edit.setEnv({ name: 'X', value: '1' }, { name: 'Y', value: '2' }));
      expect(names(result.spec.initContainers?.[0]?.env)).to.deep.equal(['X=1', 'Y=2']);
      expect(names(result.spec.containers[0]?.env)).to.deep.equal(['X=1', 'Y=2', 'OWN=o']);
      expect(names(result.spec.containers[1]?.env)).to.deep.equal(['X=1', 'Y=2']);
    });

    it("should replace the pod's variable of the same name (Flyte v2: the webhook wins)", () => {
      const source = pod({ containers: [{ name: 'a', image: 'x', env: [{ name: 'A', value: 'a' }, { name: 'X', value: 'mine' }, { name: 'B', value: 'b' }] }] });
      const result = edited(source, (edit) => edit.setEnv({ name: 'X', value: 'webhook' }));
      expect(names(result.spec.containers[0]?.env)).to.deep.equal(['X=webhook', 'A=a', 'B=b']);
    });

    it('should put a later secret before an earlier one and keep a name both set once, where the later put it', () => {
      const result = edited(
        pod(),
        (edit) => edit.setEnv({ name: 'E1', value: '1' }, { name: 'PREFIX', value: 'p' }),
        (edit) => edit.setEnv({ name: 'E2', value: '2' }, { name: 'PREFIX', value: 'p' }),
      );
      expect(names(result.spec.containers[0]?.env)).to.deep.equal(['E2=2', 'PREFIX=p', 'E1=1']);
    });

    it('should throw EnvConflict when an earlier secret set the name to something else (Flyte: the later silently wins)', () => {
      const draft = new PodDraft(pod());
      const first = draft.begin();
      first.setEnv({ name: '_UNION_G_TOKEN', valueFrom: { secretKeyRef: { name: 'g', key: 'token', optional: true } } });
      draft.apply(first);
      const second = draft.begin();
      const error = catchInjectionError(() => second.setEnv({ name: '_UNION_G_TOKEN', valueFrom: { secretKeyRef: { name: 'g', key: 'TOKEN', optional: true } } }));
      expect(error.code).to.equal('EnvConflict');
      expect(error.message).to.equal(
        'environment variable _UNION_G_TOKEN is already set to something else for another secret of this pod; two secrets cannot share one variable',
      );
    });

    it('should accept the same variable again, whatever the order of its fields', () => {
      const draft = new PodDraft(pod());
      const first = draft.begin();
      first.setEnv({ name: 'X', valueFrom: { secretKeyRef: { name: 'g', key: 'k', optional: true } } });
      draft.apply(first);
      const second = draft.begin();
      second.setEnv({ valueFrom: { secretKeyRef: { optional: true, key: 'k', name: 'g' } }, name: 'X' });
      draft.apply(second);
      expect(draft.finish().spec.containers[0]?.env).to.have.length(1);
    });

    it('should throw EnvConflict for two values of one name in one edit, and never name a value', () => {
      const edit = new PodDraft(pod()).begin();
      edit.setEnv({ name: 'X', value: 'secret-one' });
      const error = catchInjectionError(() => edit.setEnv({ name: 'X', value: 'secret-two' }));
      expect(error.code).to.equal('EnvConflict');
      expect(error.message).not.to.include('secret-');
    });

    it('should not count the variables of an edit that was not applied', () => {
      const draft = new PodDraft(pod());
      draft.begin().setEnv({ name: 'X', value: 'dropped' });
      const edit = draft.begin();
      edit.setEnv({ name: 'X', value: 'kept' });
      draft.apply(edit);
      expect(names(draft.finish().spec.containers[0]?.env)).to.deep.equal(['X=kept']);
    });

    it('should put a later call of the same edit first', () => {
      const result = edited(pod(), (edit) => {
        edit.setEnv({ name: 'A', value: '1' });
        edit.setEnv({ name: 'B', value: '2' });
      });
      expect(names(result.spec.containers[0]?.env)).to.deep.equal(['B=2', 'A=1']);
    });

    it("should give the same order as Flyte v2's AppendEnvVars for any sequence of calls", () => {
      // One value per name among the secrets (two values for a name is an EnvConflict); the pod's own may differ.
      const envArb = fc.constantFrom('A', 'B', 'C', 'D', 'E').map((name) => ({ name, value: name.toLowerCase() }));
      const ownArb = fc.record({ name: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'), value: fc.constantFrom('1', '2') });
      const callsArb = fc.array(fc.array(fc.array(envArb, { maxLength: 4 }), { maxLength: 3 }), { maxLength: 5 });
      const existingArb = fc.uniqueArray(ownArb, { selector: (entry) => entry.name, maxLength: 4 });
      fc.assert(
        fc.property(existingArb, callsArb, (existing, secrets) => {
          let expected: EnvVar[] = existing;
          // setEnv(a, b, c) is Flyte's AppendEnvVars(c, b, a): both leave a, b, c in front in that order.
          for (const calls of secrets) for (const call of calls) expected = flyteAppendEnvVars(expected, ...[...call].reverse());
          const result = edited(pod({ containers: [{ name: 'a', image: 'x', env: existing }] }), ...secrets.map((calls) => (edit: PendingPodEdit) => {
            for (const call of calls) edit.setEnv(...call);
          }));
          expect(names(result.spec.containers[0]?.env ?? [])).to.deep.equal(names(expected));
        }),
      );
    });

    it('should never touch ephemeral containers', () => {
      const source = pod({ ephemeralContainers: [{ name: 'debug', image: 'x' }] });
      const result = edited(source, (edit) => edit.setEnv({ name: 'X', value: '1' }));
      expect(result.spec['ephemeralContainers']).to.deep.equal([{ name: 'debug', image: 'x' }]);
    });
  });

  describe('mountInAllContainers', () => {
    const mount = { name: 'vol', mountPath: '/etc/flyte/secrets/g', readOnly: true };

    it('should add the mount to every init and main container', () => {
      const source = pod({ initContainers: [{ name: 'init', image: 'x' }], containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'x' }] });
      const result = edited(source, (edit) => edit.mountInAllContainers(mount));
      for (const container of [...(result.spec.initContainers ?? []), ...result.spec.containers]) {
        expect(container.volumeMounts, container.name).to.deep.equal([mount]);
      }
    });

    it('should skip a container that already mounts a volume of that name, wherever', () => {
      const own = { name: 'vol', mountPath: '/elsewhere' };
      const source = pod({ containers: [{ name: 'a', image: 'x', volumeMounts: [own] }, { name: 'b', image: 'x', volumeMounts: [{ name: 'other', mountPath: '/o' }] }] });
      const result = edited(source, (edit) => edit.mountInAllContainers(mount));
      expect(result.spec.containers[0]?.volumeMounts).to.deep.equal([own]);
      expect(result.spec.containers[1]?.volumeMounts).to.deep.equal([{ name: 'other', mountPath: '/o' }, mount]);
    });

    it('should add a mount asked by two secrets once', () => {
      const result = edited(pod(), (edit) => edit.mountInAllContainers(mount), (edit) => edit.mountInAllContainers(mount));
      expect(result.spec.containers[0]?.volumeMounts).to.deep.equal([mount]);
    });

    it("should throw MountConflict when a container of the pod mounts another volume at that path", () => {
      const source = pod({ containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'x', volumeMounts: [{ name: 'mine', mountPath: mount.mountPath }] }] });
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
      expect(draft.finish().spec.volumes?.[0]?.secret?.items).to.deep.equal([{ key: 'a', path: 'a' }, { key: 'b', path: 'b' }]);
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
      const result = edited(source, (edit) => edit.setEnv({ name: 'X', value: '1' }), (edit) => edit.addVolume({ name: 'v', emptyDir: {} }));
      expect(source).to.deep.equal(copy);
      expect(result.spec.containers[0]?.env?.length).to.equal(2);
    });
  });
});

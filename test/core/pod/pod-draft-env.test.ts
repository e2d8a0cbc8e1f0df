import { expect } from 'chai';
import fc from 'fast-check';
import { PodDraft, type PendingPodEdit } from '../../../core/pod/pod-draft.js';
import type { EnvVar } from '../../../core/pod/pod-types.js';
import { catchInjectionError, edited, names, pod } from './pod-draft-helpers.js';

/** Flyte v2's AppendEnvVars on one container: for each env in argument order, drop the same name, then prepend. */
function flyteAppendEnvVars(existing: readonly EnvVar[], ...env: EnvVar[]): EnvVar[] {
  let result = [...existing];
  for (const entry of env) result = [entry, ...result.filter((other) => other.name !== entry.name)];
  return result;
}

describe('PodDraft', () => {
  describe('setEnv', () => {
    it('should put the variables first in every init and main container, in the order given', () => {
      const source = pod({
        initContainers: [{ name: 'init', image: 'x' }],
        containers: [
          { name: 'a', image: 'x', env: [{ name: 'OWN', value: 'o' }] },
          { name: 'b', image: 'x' },
        ],
      });
      const result = edited(source, (edit) => edit.setEnv({ name: 'X', value: '1' }, { name: 'Y', value: '2' }));
      expect(names(result.spec.initContainers?.[0]?.env)).to.deep.equal(['X=1', 'Y=2']);
      expect(names(result.spec.containers[0]?.env)).to.deep.equal(['X=1', 'Y=2', 'OWN=o']);
      expect(names(result.spec.containers[1]?.env)).to.deep.equal(['X=1', 'Y=2']);
    });

    it("should replace the pod's variable of the same name (Flyte v2: the webhook wins)", () => {
      const source = pod({
        containers: [
          {
            name: 'a',
            image: 'x',
            env: [
              { name: 'A', value: 'a' },
              { name: 'X', value: 'mine' },
              { name: 'B', value: 'b' },
            ],
          },
        ],
      });
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
      expect(error.message).to.equal('environment variable _UNION_G_TOKEN is already set to something else for another secret of this pod; two secrets cannot share one variable');
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
          const result = edited(
            pod({ containers: [{ name: 'a', image: 'x', env: existing }] }),
            ...secrets.map((calls) => (edit: PendingPodEdit) => {
              for (const call of calls) edit.setEnv(...call);
            }),
          );
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
});

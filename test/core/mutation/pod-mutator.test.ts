import { expect } from 'chai';
import { InjectionError, MountRequirement, type Pod, type SecretInjector, secretRequest } from '../../../core/index.js';
import { encodeSecret } from '../../../core/wire/secret-annotations.js';
import type { MutationResult } from '../../../core/mutation/mutation-result.js';
import { type FakeCall, FakeInjector, fakeInjectorModule } from '../../support/fake-injector.js';
import { podWithSecrets } from '../../support/pod-builders.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';

const context = { namespace: 'team-a', uid: 'uid-1', dryRun: false, signal: new AbortController().signal };

function mutator(injectors: SecretInjector[], webhook: Record<string, unknown>) {
  return createTestPodsecrets({ modules: [fakeInjectorModule(...injectors)], config: { webhook } });
}

const fail = (code: string, message: string) => () => {
  throw new InjectionError(code, message);
};
const envOf = (result: MutationResult): unknown => (result.outcome === 'mutated' ? result.pod.spec.containers[0]?.env : result.outcome);

describe('PodMutator', () => {
  describe('when the pod asks for no secret', () => {
    it('should leave it unchanged without calling any injector', async () => {
      const calls: FakeCall[] = [];
      const { mutator: podMutator } = mutator([new FakeInjector('A', undefined, calls)], { secretManagerType: 'A' });
      expect(await podMutator.mutate(podWithSecrets(), context)).to.deep.equal({ outcome: 'unchanged', warnings: [] });
      expect(await podMutator.mutate({ spec: { containers: [{ name: 'a' }] } }, context)).to.deep.equal({ outcome: 'unchanged', warnings: [] });
      expect(calls).to.deep.equal([]);
    });
  });

  describe('when the pod asks for several secrets', () => {
    it('should process them in the numeric order of their annotations', async () => {
      const calls: FakeCall[] = [];
      const { mutator: podMutator } = mutator([new FakeInjector('A', undefined, calls)], { secretManagerType: 'A' });
      const annotations = {
        'flyte.secrets/s10': encodeSecret(secretRequest({ key: 'ten' })),
        'flyte.secrets/s2': encodeSecret(secretRequest({ key: 'two' })),
        'flyte.secrets/s1': encodeSecret(secretRequest({ key: 'one' })),
      };
      const result = await podMutator.mutate(podWithSecrets({ annotations }), context);
      expect(result.outcome).to.equal('mutated');
      expect(calls.map((call) => call.secret.key)).to.deep.equal(['one', 'two', 'ten']);
      expect(result.outcome === 'mutated' && result.injections.map((injection) => `${injection.type}:${injection.secret.key}`)).to.deep.equal(['A:one', 'A:two', 'A:ten']);
    });
  });

  describe('when choosing injectors', () => {
    it('should try Global first, then the configured type, and stop at the first success', async () => {
      const calls: FakeCall[] = [];
      const injectors = [new FakeInjector('Global', fail('SecretNotFound', 'not in the environment'), calls), new FakeInjector('A', undefined, calls), new FakeInjector('B', undefined, calls)];
      const { mutator: podMutator } = mutator(injectors, { secretManagerType: 'A' });
      expect(podMutator.chain).to.deep.equal(['Global', 'A']);
      await podMutator.mutate(podWithSecrets({ secrets: [{ group: 'g', key: 'k' }] }), context);
      expect(calls.map((call) => call.type)).to.deep.equal(['Global', 'A']);
    });

    it('should use secretManagerTypes in its order instead of secretManagerType', async () => {
      const calls: FakeCall[] = [];
      const injectors = [
        new FakeInjector('Global', fail('SecretNotFound', 'no'), calls),
        new FakeInjector('A', fail('SecretNotFound', 'no'), calls),
        new FakeInjector('B', fail('SecretNotFound', 'no'), calls),
        new FakeInjector('C', undefined, calls),
      ];
      const { mutator: podMutator } = mutator(injectors, { secretManagerType: 'C', secretManagerTypes: ['B', 'A', 'C'] });
      await podMutator.mutate(podWithSecrets({ secrets: [{ key: 'k' }] }), context);
      expect(calls.map((call) => call.type)).to.deep.equal(['Global', 'B', 'A', 'C']);
    });

    it('should give each injector the request context', async () => {
      const calls: FakeCall[] = [];
      const { mutator: podMutator } = mutator([new FakeInjector('A', undefined, calls)], { secretManagerType: 'A' });
      await podMutator.mutate(podWithSecrets({ secrets: [{ key: 'k' }] }), { ...context, dryRun: true });
      expect(calls[0]?.context).to.include({ namespace: 'team-a', uid: 'uid-1', dryRun: true });
    });

    it('should wait for an asynchronous injector', async () => {
      const slow = new FakeInjector('A', async (_secret, edit) => {
        await new Promise((resolve) => setImmediate(resolve));
        edit.setEnv({ name: 'LATE', value: '1' });
      });
      const result = await mutator([slow], { secretManagerType: 'A' }).mutator.mutate(podWithSecrets({ secrets: [{ key: 'k' }] }), context);
      expect(envOf(result)).to.deep.equal([{ name: 'LATE', value: '1' }]);
    });
  });

  describe('when every injector answers at once', () => {
    it('should settle without a turn of the microtask queue per secret or per backend', async () => {
      const injectors = [new FakeInjector('Global', fail('SecretNotFound', 'no')), new FakeInjector('A')];
      const pod = podWithSecrets({ secrets: Array.from({ length: 8 }, (_, index) => ({ key: `k${index}` })) });
      let settled = false;
      const mutation = mutator(injectors, { secretManagerType: 'A' })
        .mutator.mutate(pod, context)
        .then(() => (settled = true));
      await Promise.resolve();
      await Promise.resolve();
      expect(settled, 'settled after two turns').to.equal(true);
      expect((await mutation) && settled).to.equal(true);
    });
  });

  describe('when an injector declines a secret before injecting it', () => {
    it('should pass the secret on with that code and message, without calling inject', async () => {
      const calls: FakeCall[] = [];
      const declining = Object.assign(new FakeInjector('Global', undefined, calls), {
        decline: (secret: { key: string }) => (secret.key === 'mine' ? undefined : new InjectionError('SecretReadFailure', 'the store is down')),
      });
      const injectors = [declining, new FakeInjector('A', (_secret, edit) => edit.setEnv({ name: 'FROM_A', value: '1' }), calls)];
      const result = await mutator(injectors, { secretManagerType: 'A' }).mutator.mutate(podWithSecrets({ secrets: [{ key: 'theirs' }, { key: 'mine' }] }), context);
      expect(calls.map((call) => `${call.type}:${call.secret.key}`)).to.deep.equal(['A:theirs', 'Global:mine']);
      expect(result.outcome === 'mutated' && result.failures).to.deep.equal([{ type: 'Global', code: 'SecretReadFailure', message: 'the store is down' }]);
      expect(result.outcome === 'mutated' && result.injections.map((injection) => injection.type)).to.deep.equal(['A', 'Global']);
    });

    it('should count a decline that throws as that injector failing', async () => {
      const declining = Object.assign(new FakeInjector('Global'), {
        decline: () => {
          throw new InjectionError('SecretReadFailure', 'cannot look');
        },
      });
      const result = await mutator([declining, new FakeInjector('A')], { secretManagerType: 'A' }).mutator.mutate(podWithSecrets({ secrets: [{ key: 'k' }] }), context);
      expect(result.outcome === 'mutated' && result.failures).to.deep.equal([{ type: 'Global', code: 'SecretReadFailure', message: 'cannot look' }]);
    });
  });

  describe('when an asynchronous injector fails', () => {
    it('should go on down the chain in order, with synchronous and asynchronous injectors alike', async () => {
      const calls: FakeCall[] = [];
      const later = (code: string) => async () => {
        await new Promise((resolve) => setImmediate(resolve));
        throw new InjectionError(code, 'not here');
      };
      const injectors = [
        new FakeInjector('Global', later('SecretNotFound'), calls),
        new FakeInjector('A', fail('SecretNotFound', 'no'), calls),
        new FakeInjector('B', later('SecretReadFailure'), calls),
        new FakeInjector(
          'C',
          async (_secret, edit) => {
            await new Promise((resolve) => setImmediate(resolve));
            edit.setEnv({ name: 'FROM_C', value: '1' });
          },
          calls,
        ),
      ];
      const result = await mutator(injectors, { secretManagerTypes: ['A', 'B', 'C'] }).mutator.mutate(podWithSecrets({ secrets: [{ key: 'k' }] }), context);
      expect(calls.map((call) => call.type)).to.deep.equal(['Global', 'A', 'B', 'C']);
      expect(envOf(result)).to.deep.equal([{ name: 'FROM_C', value: '1' }]);
      expect(result.outcome === 'mutated' && result.failures).to.deep.equal([{ type: 'B', code: 'SecretReadFailure', message: 'not here' }]);
    });
  });

  describe('when an injector fails after recording edits', () => {
    it('should apply none of them and use the next injector', async () => {
      const failing = new FakeInjector('A', (_secret, edit) => {
        edit.setEnv({ name: 'FROM_A', value: '1' });
        edit.addVolume({ name: 'a', emptyDir: {} });
        edit.addInitContainer({ name: 'a', image: 'a' });
        edit.setAnnotationsIfAbsent({ a: '1' });
        throw new InjectionError('SecretNotFound', 'no');
      });
      const succeeding = new FakeInjector('B', (_secret, edit) => edit.setEnv({ name: 'FROM_B', value: '2' }));
      const source = podWithSecrets({ secrets: [{ key: 'k' }] });
      const result = await mutator([failing, succeeding], { secretManagerTypes: ['A', 'B'] }).mutator.mutate(source, context);
      expect(result.outcome).to.equal('mutated');
      const pod = (result as { pod: Pod }).pod;
      expect(pod.spec).to.deep.equal({ containers: [{ name: 'main', image: 'busybox', env: [{ name: 'FROM_B', value: '2' }] }] });
      expect(pod.metadata?.annotations).to.deep.equal(source.metadata?.annotations);
    });
  });

  describe('when no injector delivers a secret', () => {
    it('should deny, naming the secret and every backend tried with its reason', async () => {
      const k8s = new FakeInjector('K8s', (secret) => {
        if (secret.group !== 'ok') throw new InjectionError('InvalidRequest', 'group "My_Group" is not a valid name');
      });
      const injectors = [new FakeInjector('Global', fail('SecretNotFound', 'not in the environment')), k8s];
      const pod = podWithSecrets({
        secrets: [
          { group: 'ok', key: 'k' },
          { group: 'My_Group', key: 'k', mountRequirement: MountRequirement.FILE },
        ],
      });
      const result = await mutator(injectors, { secretManagerType: 'K8s' }).mutator.mutate(pod, context);
      expect(result).to.deep.equal({
        outcome: 'denied',
        secret: { group: 'My_Group', groupVersion: '', key: 'k', mountRequirement: MountRequirement.FILE, envVar: '', source: 'flyte.secrets/s1' },
        failures: [
          { type: 'Global', code: 'SecretNotFound', message: 'not in the environment' },
          { type: 'K8s', code: 'InvalidRequest', message: 'group "My_Group" is not a valid name' },
        ],
        message:
          'none of the secret managers injected secret [group "My_Group", key "k", mount FILE] (flyte.secrets/s1); tried Global, K8s: ' +
          'Global: [SecretNotFound] not in the environment; K8s: [InvalidRequest] group "My_Group" is not a valid name',
      });
    });
  });

  describe('when an injector throws something other than an InjectionError', () => {
    it('should log its type and frames but not its text, keep it out of the result, and try the next injector', async () => {
      const broken = new FakeInjector('A', () => {
        throw new TypeError('cannot read value s3cr3t-value');
      });
      const { mutator: podMutator, logger } = mutator([broken, new FakeInjector('B', fail('SecretNotFound', 'no'))], { secretManagerTypes: ['A', 'B'] });
      const result = await podMutator.mutate(podWithSecrets({ secrets: [{ key: 'k' }] }), context);
      expect(result.outcome).to.equal('denied');
      expect(JSON.stringify(result)).not.to.include('s3cr3t');
      expect(result.outcome === 'denied' && result.failures[0]).to.deep.equal({ type: 'A', code: 'InternalError', message: 'the A injector failed unexpectedly (see the webhook log)' });
      expect(logger.lines).to.have.length(1);
      const line = JSON.parse(logger.lines[0] ?? '{}') as Record<string, unknown>;
      expect(line).to.include({ level: 'error', uid: 'uid-1', backend: 'A', source: 'flyte.secrets/s0', msg: 'secret injector failed unexpectedly' });
      expect(line['errorType']).to.equal('TypeError');
      expect((line['frames'] as string[])[0]).to.match(/^\s*at /);
      expect(logger.text()).not.to.include('s3cr3t');
    });

    it('should accept a thrown value that is not an Error', async () => {
      const broken = new FakeInjector('A', () => {
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        throw 'plain string';
      });
      const { mutator: podMutator, logger } = mutator([broken, new FakeInjector('B')], { secretManagerTypes: ['A', 'B'] });
      expect((await podMutator.mutate(podWithSecrets({ secrets: [{ key: 'k' }] }), context)).outcome).to.equal('mutated');
      expect(logger.text()).to.include('"errorType":"string"');
      expect(logger.text()).not.to.include('plain string');
    });
  });

  describe('when an edit fails while it is applied', () => {
    it('should count it as that injector failing and keep the pod free of it', async () => {
      const bad = new FakeInjector('A', (_secret, edit) => {
        edit.addVolume({ name: 'half', emptyDir: {} });
        edit.updateVolume('missing', () => undefined);
      });
      const good = new FakeInjector('B', (_secret, edit) => edit.addVolume({ name: 'whole', emptyDir: {} }));
      const result = await mutator([bad, good], { secretManagerTypes: ['A', 'B'] }).mutator.mutate(podWithSecrets({ secrets: [{ key: 'k' }] }), context);
      expect(result.outcome === 'mutated' && result.pod.spec.volumes).to.deep.equal([{ name: 'whole', emptyDir: {} }]);
      expect(result.outcome === 'mutated' && result.injections[0]?.type).to.equal('B');
    });
  });

  describe('when mutating', () => {
    it('should never change the pod it was given, and collect the warnings of applied edits', async () => {
      const injector = new FakeInjector('A', (_secret, edit) => {
        edit.setEnv({ name: 'X', value: '1' });
        edit.warn('careful');
      });
      const pod = podWithSecrets({ secrets: [{ key: 'k' }] });
      const copy = structuredClone(pod);
      const result = await mutator([injector], { secretManagerType: 'A' }).mutator.mutate(pod, context);
      expect(pod).to.deep.equal(copy);
      expect(result.outcome === 'mutated' && result.warnings).to.deep.equal(['careful']);
    });
  });
});

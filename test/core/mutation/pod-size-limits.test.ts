import { expect } from 'chai';
import { type FakeCall, FakeInjector, fakeInjectorModule } from '../../support/fake-injector.js';
import { podWithSecrets } from '../../support/pod-builders.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';

const context = { namespace: 'team-a', uid: 'uid-1', dryRun: false, signal: new AbortController().signal };

function mutatorWith(calls: FakeCall[], webhook: Record<string, unknown> = {}) {
  return createTestPodsecrets({ modules: [fakeInjectorModule(new FakeInjector('A', undefined, calls))], config: { webhook: { secretManagerType: 'A', ...webhook } } }).mutator;
}

const secrets = (count: number) => Array.from({ length: count }, (_, index) => ({ group: 'g', key: `k${index}` }));
const containers = (count: number) => Array.from({ length: count }, (_, index) => ({ name: `c${index}`, image: 'busybox' }));

describe('PodMutator size limits', () => {
  describe('when a pod asks for more secrets than webhook.maxSecretsPerPod (default 64)', () => {
    it('should deny it naming the count, the limit and the key, without calling any injector', async () => {
      const calls: FakeCall[] = [];
      const result = await mutatorWith(calls).mutate(podWithSecrets({ secrets: secrets(65) }), context);
      expect(result).to.deep.equal({
        outcome: 'denied',
        message: 'the pod asks for 65 secrets (flyte.secrets/s* and secrets.podsecrets.io/* annotations); at most 64 are accepted (webhook.maxSecretsPerPod)',
        failures: [],
      });
      expect(calls).to.deep.equal([]);
    });

    it('should admit one at the limit', async () => {
      const result = await mutatorWith([]).mutate(podWithSecrets({ secrets: secrets(64) }), context);
      expect(result.outcome).to.equal('mutated');
    });

    it('should count the readable form and a request asked twice too', async () => {
      const annotations = { 'secrets.podsecrets.io/a': 'group=g,key=k0', 'secrets.podsecrets.io/b': 'group=g,key=k0' };
      const result = await mutatorWith([], { maxSecretsPerPod: 2 }).mutate(podWithSecrets({ secrets: secrets(1), annotations }), context);
      expect(result.outcome === 'denied' && result.message).to.match(/^the pod asks for 3 secrets .* at most 2 are accepted \(webhook\.maxSecretsPerPod\)$/);
    });
  });

  describe('when 5,000 annotations that do not decode ask for secrets', () => {
    it('should deny the pod for its count, before decoding any of them', async () => {
      const annotations = Object.fromEntries(Array.from({ length: 5000 }, (_, index) => [`flyte.secrets/s${index}`, '!not base32!']));
      const result = await mutatorWith([]).mutate(podWithSecrets({ annotations }), context);
      expect(result.outcome === 'denied' && result.message).to.include('asks for 5000 secrets');
    });
  });

  describe('when secrets times containers exceed webhook.maxInjectedEntries (default 4,096)', () => {
    it('should deny the pod naming the entries, the limit and the key, counting init containers', async () => {
      const calls: FakeCall[] = [];
      const pod = podWithSecrets({ secrets: secrets(64), containers: containers(60), spec: { initContainers: containers(5) } });
      const result = await mutatorWith(calls).mutate(pod, context);
      expect(result).to.deep.equal({
        outcome: 'denied',
        message: 'the pod asks for 64 secrets in 65 containers (init containers included): 4160 injected entries; at most 4096 are accepted (webhook.maxInjectedEntries)',
        failures: [],
      });
      expect(calls).to.deep.equal([]);
    });

    it('should admit a pod of exactly that many', async () => {
      const pod = podWithSecrets({ secrets: secrets(64), containers: containers(60), spec: { initContainers: containers(4) } });
      expect((await mutatorWith([]).mutate(pod, context)).outcome).to.equal('mutated');
    });

    it('should follow a configured limit', async () => {
      const pod = podWithSecrets({ secrets: secrets(3), containers: containers(2) });
      expect((await mutatorWith([], { maxInjectedEntries: 6 }).mutate(pod, context)).outcome).to.equal('mutated');
      const denied = await mutatorWith([], { maxInjectedEntries: 5 }).mutate(pod, context);
      expect(denied.outcome === 'denied' && denied.message).to.include('6 injected entries; at most 5 are accepted (webhook.maxInjectedEntries)');
    });
  });

  describe('when a pod asks for no secret', () => {
    it('should not count its containers against any limit', async () => {
      const result = await mutatorWith([], { maxInjectedEntries: 1 }).mutate(podWithSecrets({ containers: containers(10) }), context);
      expect(result.outcome).to.equal('unchanged');
    });
  });

  describe('when the configuration sets a limit below 1', () => {
    it('should refuse to start, naming the key and what is accepted', () => {
      for (const key of ['maxSecretsPerPod', 'maxInjectedEntries']) {
        expect(() => mutatorWith([], { [key]: 0 })).to.throw(new RegExp(`webhook\\.${key}.*at least 1`));
      }
    });
  });
});

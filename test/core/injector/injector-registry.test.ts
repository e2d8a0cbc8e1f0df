import { expect } from 'chai';
import { ContainerModule, injectable } from 'inversify';
import { SecretInjector } from '../../../core/index.js';
import { DuplicateInjectorError, UnknownInjectorError } from '../../../core/keyed-registry.js';
import { InjectorRegistry } from '../../../core/injector/injector-registry.js';
import { globalModule } from '../../../plugins/global/global-module.js';
import { k8sModule } from '../../../plugins/k8s/k8s-module.js';
import { FakeInjector, fakeInjectorModule } from '../../support/fake-injector.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';

@injectable()
class ShadowK8sInjector implements SecretInjector {
  readonly type = 'k8s';
  inject(): void {}
}

function thrown(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  expect.fail('nothing was thrown');
}

describe('InjectorRegistry', () => {
  describe('when injectors are registered', () => {
    const registry = new InjectorRegistry([new FakeInjector('Global'), new FakeInjector('K8s'), new FakeInjector('Vault')]);

    it('should find each by its type in any case', () => {
      for (const type of ['K8s', 'k8s', 'K8S']) expect(registry.find(type)?.type, type).to.equal('K8s');
      expect(registry.get('vAULT').type).to.equal('Vault');
    });

    it('should list the types as the plugins spell them, in load order', () => {
      expect(registry.types()).to.deep.equal(['Global', 'K8s', 'Vault']);
    });

    it('should give undefined from find, and an error naming the installed types from get, for an unknown type', () => {
      expect(registry.find('AWS')).to.equal(undefined);
      const error = thrown(() => registry.get('AWS'));
      expect(error).to.be.instanceOf(UnknownInjectorError);
      expect(error.message).to.equal('unknown secret manager type "AWS"; installed: Global, K8s, Vault');
    });
  });

  describe('when no injector is installed', () => {
    it('should say so', () => {
      expect(thrown(() => new InjectorRegistry([]).get('K8s')).message).to.equal('unknown secret manager type "K8s"; installed: (none)');
    });
  });

  describe('when two plugins claim one type, in any case', () => {
    it('should refuse to start, naming the type and both classes', () => {
      const shadowModule = new ContainerModule(({ bind }) => {
        bind(ShadowK8sInjector).toSelf().inSingletonScope();
        bind(SecretInjector).toService(ShadowK8sInjector);
      });
      const error = thrown(() => createTestPodsecrets({ modules: [globalModule, k8sModule, shadowModule] }));
      expect(error).to.be.instanceOf(DuplicateInjectorError);
      expect(error.message).to.equal('two secret injectors claim the type "k8s": K8sSecretInjector and ShadowK8sInjector; each type must be provided by one plugin');
    });
  });

  describe('when the configuration names a type no plugin provides', () => {
    it('should refuse to start, naming the key and the installed types', () => {
      const error = thrown(() => createTestPodsecrets({ modules: [globalModule, k8sModule], config: { webhook: { secretManagerType: 'Keychain' } } }));
      expect(error).to.be.instanceOf(UnknownInjectorError);
      expect(error.message).to.equal('webhook.secretManagerType: unknown secret manager type "Keychain"; installed: Global, K8s (any case)');
    });

    it('should name the entry of secretManagerTypes', () => {
      const error = thrown(() => createTestPodsecrets({ modules: [globalModule, k8sModule], config: { webhook: { secretManagerTypes: ['K8s', 'Keychain'] } } }));
      expect(error.message).to.equal('webhook.secretManagerTypes[1]: unknown secret manager type "Keychain"; installed: Global, K8s (any case)');
    });

    it('should say when no plugin is installed at all', () => {
      const error = thrown(() => createTestPodsecrets({ modules: [] }));
      expect(error.message).to.equal('webhook.secretManagerType: unknown secret manager type "K8s"; installed: (none) (any case)');
    });

    it('should accept the type in any case', () => {
      expect(createTestPodsecrets({ modules: [fakeInjectorModule(new FakeInjector('K8s'))], config: { webhook: { secretManagerType: 'k8S' } } }).mutator.chain).to.deep.equal(['K8s']);
    });
  });
});

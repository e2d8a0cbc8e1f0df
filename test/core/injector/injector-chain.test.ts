import { expect } from 'chai';
import type { WebhookSettings } from '../../../core/index.js';
import { InjectorRegistry } from '../../../core/injector/injector-registry.js';
import { resolveInjectorChain } from '../../../core/injector/injector-chain.js';
import { UnknownInjectorError } from '../../../core/keyed-registry.js';
import { FakeInjector } from '../../support/fake-injector.js';

const webhook = (fields: Partial<WebhookSettings>): WebhookSettings => ({ secretManagerType: 'K8s', secretManagerTypes: [], secretEnvVarPrefix: '_UNION_', ...fields });
const typesOf = (registry: InjectorRegistry, config: WebhookSettings): string[] => resolveInjectorChain(registry, config).map((injector) => injector.type);

describe('resolveInjectorChain', () => {
  const registry = new InjectorRegistry(['K8s', 'Vault', 'Global', 'AWS'].map((type) => new FakeInjector(type)));

  describe('when only secretManagerType is set', () => {
    it('should try Global first, then that type', () => {
      expect(typesOf(registry, webhook({ secretManagerType: 'vault' }))).to.deep.equal(['Global', 'Vault']);
    });
  });

  describe('when secretManagerTypes is not empty', () => {
    it('should replace secretManagerType, keeping the list order after Global', () => {
      expect(typesOf(registry, webhook({ secretManagerType: 'K8s', secretManagerTypes: ['AWS', 'Vault'] }))).to.deep.equal(['Global', 'AWS', 'Vault']);
    });

    it('should try a type listed twice, or Global listed again, once', () => {
      expect(typesOf(registry, webhook({ secretManagerTypes: ['aws', 'Global', 'AWS', 'K8s'] }))).to.deep.equal(['Global', 'AWS', 'K8s']);
    });
  });

  describe('when an installed injector is turned off (disabledBy)', () => {
    const off = Object.assign(new FakeInjector('Global'), { disabledBy: 'secrets.type: none' });
    const withGlobalOff = new InjectorRegistry([off, new FakeInjector('K8s')]);

    it('should leave Global out of the chain', () => {
      expect(typesOf(withGlobalOff, webhook({}))).to.deep.equal(['K8s']);
    });

    it('should refuse it as a configured type, naming the key and what turned it off', () => {
      expect(() => resolveInjectorChain(withGlobalOff, webhook({ secretManagerType: 'global' }))).to.throw(
        UnknownInjectorError,
        'webhook.secretManagerType: secret manager type "global" is turned off by secrets.type: none',
      );
    });
  });

  describe('when Global is not installed', () => {
    it('should try the configured types only', () => {
      const withoutGlobal = new InjectorRegistry([new FakeInjector('K8s')]);
      expect(typesOf(withoutGlobal, webhook({}))).to.deep.equal(['K8s']);
    });
  });
});

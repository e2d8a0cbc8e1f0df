import { expect } from 'chai';
import { ConfigError } from '../../../config/config-error.js';
import { VaultSettings } from '../../../plugins/vault/vault-config.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';
import { thrownMessage } from '../../support/thrown-message.js';

const configError = (vaultSecretManager: unknown): string => thrownMessage(() => createTestPodsecrets({ config: { webhook: { secretManagerType: 'Vault', vaultSecretManager } } }), ConfigError);

describe('vaultConfigSchema', () => {
  describe('when nothing is configured', () => {
    it("should have Flyte's defaults", () => {
      const { config, container } = createTestPodsecrets();
      expect(config.webhook['vaultSecretManager']).to.deep.equal({ role: 'flyte', kvVersion: '2', annotations: {} });
      expect(container.get(VaultSettings)).to.deep.equal({ role: 'flyte', kvVersion: '2', annotations: {} });
    });
  });

  describe('when kvVersion is given as a string or an integer', () => {
    for (const [given, read] of [
      ['1', '1'],
      [1, '1'],
      ['2', '2'],
      [2, '2'],
    ] as const) {
      it(`should read ${JSON.stringify(given)} as KV version ${read}`, () => {
        const { container } = createTestPodsecrets({ config: { webhook: { vaultSecretManager: { kvVersion: given } } } });
        expect(container.get<VaultSettings>(VaultSettings).kvVersion).to.equal(read);
      });
    }
  });

  describe('when a value is bad', () => {
    it('should refuse a kvVersion other than 1 or 2, naming the key', () => {
      expect(configError({ kvVersion: 3 })).to.include('webhook.vaultSecretManager.kvVersion: must be 1 or 2');
      expect(configError({ kvVersion: 'kv2' })).to.include('webhook.vaultSecretManager.kvVersion: must be 1 or 2');
    });

    it('should refuse annotations that are not a mapping of keys to strings, naming the key', () => {
      expect(configError({ annotations: ['a'] })).to.include('webhook.vaultSecretManager.annotations: must be a mapping');
      expect(configError({ annotations: { 'bad key!': 'x' } })).to.include('webhook.vaultSecretManager.annotations: "bad key!" is not an annotation key');
      expect(configError({ annotations: { 'vault.hashicorp.com/x': { nested: 1 } } })).to.include('the value of "vault.hashicorp.com/x" must be a string, not object');
    });

    it('should refuse an unknown key of the section', () => {
      expect(configError({ rol: 'x' })).to.include("configuration param 'webhook.vaultSecretManager.rol' not declared in the schema");
    });
  });

  describe('when annotations with dotted keys are configured', () => {
    it('should keep them whole, scalars as strings', () => {
      const { container } = createTestPodsecrets({ config: { webhook: { vaultSecretManager: { annotations: { 'vault.hashicorp.com/namespace': 'ns', 'a.b/c': 5 } } } } });
      expect(container.get<VaultSettings>(VaultSettings).annotations).to.deep.equal({ 'vault.hashicorp.com/namespace': 'ns', 'a.b/c': '5' });
    });
  });
});

import { expect } from 'chai';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';

describe('pluginModules', () => {
  describe('when podsecrets is wired with the shipped plugins', () => {
    it('should install every backend, each selectable in any case', () => {
      const podsecrets = createTestPodsecrets();
      // Inclusion, not the exact list: a backend added to server/wiring/plugin-modules.ts needs no edit here.
      expect(podsecrets.registry.types(), 'the backends podsecrets has always shipped').to.include.members(['Global', 'K8s', 'Vault', 'AWS', 'GCP', 'Azure', 'Embedded']);
      for (const type of ['k8s', 'VAULT', 'aws', 'gcp', 'AzUrE']) {
        expect(createTestPodsecrets({ config: { webhook: { secretManagerType: type } } }).mutator.chain).to.deep.equal(['Global', podsecrets.registry.get(type).type]);
      }
    });

    it('should try secretManagerTypes in order, each once', () => {
      const podsecrets = createTestPodsecrets({ config: { webhook: { secretManagerType: 'K8s', secretManagerTypes: ['gcp', 'Vault', 'AWS', 'azure', 'GCP'] } } });
      expect(podsecrets.mutator.chain).to.deep.equal(['Global', 'GCP', 'Vault', 'AWS', 'Azure']);
    });

    it("should merge every plugin's configuration section", () => {
      const { webhook } = createTestPodsecrets().config;
      expect(Object.keys(webhook)).to.include.members(['vaultSecretManager', 'awsSecretManager', 'gcpSecretManager', 'azureSecretManager']);
    });
  });
});

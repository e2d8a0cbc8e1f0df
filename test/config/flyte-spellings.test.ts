import { expect } from 'chai';
import { ConfigError } from '../../config/config-error.js';
import { createIsolatedPodsecrets } from '../support/isolated-podsecrets.js';
import { createTestPodsecrets } from '../support/test-podsecrets.js';
import { thrownMessage } from '../support/thrown-message.js';

const configError = (config: Record<string, unknown>): string => thrownMessage(() => createTestPodsecrets({ config }), ConfigError);

describe("Flyte's spellings of its keys", () => {
  describe('when webhook.secretManagerTypes is a comma-separated string, as Flyte takes it', () => {
    it('should try those backends in that order after Global', () => {
      expect(createTestPodsecrets({ config: { webhook: { secretManagerTypes: 'K8s,Vault' } } }).mutator.chain).to.deep.equal(['Global', 'K8s', 'Vault']);
      expect(createTestPodsecrets({ config: { webhook: { SecretManagerTypes: ' vault , k8s ' } } }).mutator.chain).to.deep.equal(['Global', 'Vault', 'K8s']);
    });

    it('should read an empty string as an empty list, so that secretManagerType applies', () => {
      expect(createTestPodsecrets({ config: { webhook: { secretManagerType: 'Vault', secretManagerTypes: '' } } }).mutator.chain).to.deep.equal(['Global', 'Vault']);
    });

    it('should refuse an empty entry, naming the key', () => {
      expect(configError({ webhook: { secretManagerTypes: 'K8s,,Vault' } })).to.include('webhook.secretManagerTypes: must be a list of installed secret manager names');
    });
  });

  describe('when secrets.type is free text, as in Flyte (which reads it nowhere)', () => {
    it('should keep Global on for any text but none, and turn it off for none in any case', () => {
      for (const type of ['local', 'Local', 's3', 'vault']) expect(createIsolatedPodsecrets({ secrets: { type } }).mutator.chain, type).to.deep.equal(['Global', 'K8s']);
      for (const type of ['none', 'None', 'NONE']) expect(createIsolatedPodsecrets({ secrets: { type } }).mutator.chain, type).to.deep.equal(['K8s']);
    });
  });
});

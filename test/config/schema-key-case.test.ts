import { expect } from 'chai';
import { ConfigError } from '../../config/config-error.js';
import { loadConfig } from '../../config/config-loader.js';
import type { FetcherContainerSettings } from '../../core/index.js';
import { AwsSettings } from '../../plugins/aws/aws-config.js';
import { createTestPodsecrets } from '../support/test-podsecrets.js';
import { thrownMessage } from '../support/thrown-message.js';

const configError = (overrides: Record<string, unknown>): string => thrownMessage(() => createTestPodsecrets({ config: overrides }), ConfigError);

describe('configuration key spelling', () => {
  describe('when keys are spelled in another case, as Flyte accepts them', () => {
    it('should read them as the keys they name, sections included', () => {
      const config = loadConfig({ overrides: { Webhook: { SecretManagerType: 'Vault', SECRETENVVARPREFIX: '_FSEC_', KubeClientConfig: { QPS: 7 } } } });
      expect(config.webhook.secretManagerType).to.equal('Vault');
      expect(config.webhook.secretEnvVarPrefix).to.equal('_FSEC_');
      expect((config.webhook['kubeClientConfig'] as { qps: number }).qps).to.equal(7);
    });

    it("should match a container's resources fields, and keep resource names and annotation keys as written", () => {
      const { config, container } = createTestPodsecrets({
        config: { webhook: { AwsSecretManager: { Resources: { Limits: { memory: '1Gi' } } }, vaultSecretManager: { Annotations: { 'vault.hashicorp.com/Auth-Path': 'auth/x' } } } },
      });
      expect(container.get<FetcherContainerSettings>(AwsSettings).resources).to.deep.equal({ requests: { cpu: '200m', memory: '500Mi' }, limits: { memory: '1Gi' } });
      expect((config.webhook['vaultSecretManager'] as { annotations: unknown }).annotations).to.deep.equal({ 'vault.hashicorp.com/Auth-Path': 'auth/x' });
    });
  });

  describe('when a key is unknown or given twice', () => {
    it('should refuse it, naming the key', () => {
      expect(configError({ webhook: { SecretManagerTyp: 'K8s' } })).to.include("configuration param 'webhook.SecretManagerTyp' not declared in the schema");
      expect(configError({ webhook: { secretManagerType: 'K8s', SecretManagerType: 'Vault' } })).to.include(
        'webhook.secretManagerType: given twice, as secretManagerType and SecretManagerType (keys are matched without regard to case, as in Flyte); keep one',
      );
    });
  });
});

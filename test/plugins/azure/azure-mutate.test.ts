import { expect } from 'chai';
import { expectCliExit, expectCliMutation } from '../../support/cli-mutate.js';
import { initContainerNames } from '../../support/backend-checks.js';
import { podWithSecrets } from '../../support/pod-builders.js';

const CONFIG = 'webhook:\n  secretManagerTypes: [K8s, AZURE]\n  azureSecretManager:\n    sidecarImage: mcr.microsoft.com/azure-cli:2.67.0\n';
const VAULT = 'https://kv1.vault.azure.net/secrets';

describe('podsecrets mutate', () => {
  describe('when the config selects Azure after K8s', () => {
    it('should fetch what K8s cannot serve with an az fetcher, stable on a second pass', async () => {
      // K8s refuses a group that is not a Secret name, so the URI falls through to Azure.
      const pod = await expectCliMutation(CONFIG, podWithSecrets({ secrets: [{ group: `${VAULT}/db-password` }, { group: 'k8s-secret', key: 'token' }] }));
      expect(initContainerNames(pod)).to.have.length(1);
      const fetcher = (pod['spec'] as { initContainers: Record<string, unknown>[] }).initContainers[0]!;
      expect(fetcher['image']).to.equal('mcr.microsoft.com/azure-cli:2.67.0');
      expect((fetcher['command'] as string[])[2]).to.include(`az keyvault secret download --id '${VAULT}/db-password' --file '/etc/flyte/secrets/db-password'`);
    });
  });

  describe('when an Azure request is not a Key Vault URI', () => {
    it('should exit 1 with every backend’s reason', async () => {
      await expectCliExit(CONFIG, podWithSecrets({ secrets: [{ group: 'Not A Secret' }] }), 1, 'Azure: [InvalidRequest] group "Not A Secret" is not a Key Vault secret URI', 'K8s: [InvalidRequest]');
    });
  });

  describe('when azureSecretManager.resources are bad', () => {
    it('should exit 2 naming the key', async () => {
      await expectCliExit(
        'webhook:\n  secretManagerType: Azure\n  azureSecretManager:\n    resources: {limits: {memory: 100Mi}}\n',
        podWithSecrets(),
        2,
        'webhook.azureSecretManager.resources: requests.memory (500Mi) is above limits.memory (100Mi)',
      );
    });
  });
});

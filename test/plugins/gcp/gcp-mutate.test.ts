import { expect } from 'chai';
import { expectCliExit, expectCliMutation } from '../../support/cli-mutate.js';
import { initContainerNames } from '../../support/backend-checks.js';
import { podWithSecrets } from '../../support/pod-builders.js';

const CONFIG = 'webhook:\n  secretManagerType: gcp\n';

describe('podsecrets mutate', () => {
  describe('when the config selects GCP', () => {
    it('should add a gcloud fetcher per secret version, stable on a second pass', async () => {
      const pod = await expectCliMutation(
        CONFIG,
        podWithSecrets({
          secrets: [
            { group: 'db-password', groupVersion: 'latest' },
            { group: 'projects/p1/secrets/token', groupVersion: '2' },
          ],
        }),
      );
      expect(initContainerNames(pod).every((name) => /^gcp-pull-secret-[0-9a-f]{12}$/.test(name))).to.equal(true);
      expect(initContainerNames(pod)).to.have.length(2);
    });
  });

  describe('when a GCP request misses its version', () => {
    it('should exit 1 and say what is needed', async () => {
      await expectCliExit(
        CONFIG,
        podWithSecrets({ secrets: [{ group: 'db-password', key: 'k' }] }),
        1,
        'GCP: [InvalidRequest] a Google Secret Manager secret needs a group (the secret) and a group_version (its version)',
      );
    });
  });

  describe('when gcpSecretManager.sidecarImage is empty', () => {
    it('should exit 2 naming the key', async () => {
      await expectCliExit(
        'webhook:\n  secretManagerType: GCP\n  gcpSecretManager:\n    sidecarImage: ""\n',
        podWithSecrets(),
        2,
        'webhook.gcpSecretManager.sidecarImage: must be a container image reference',
      );
    });
  });
});

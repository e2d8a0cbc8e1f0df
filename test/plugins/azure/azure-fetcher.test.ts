import type { TokenCredential } from '@azure/identity';
import { expect } from 'chai';
import { AzureFetcherClientOptions, AzureFetcherCredential, AzureSecretFetcher, azureSecretName } from '../../../plugins/azure/azure-fetcher.js';
import { FakeKeyVault } from '../../support/backends/fake-key-vault.js';
import { admitAndCheck } from '../../support/admit.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';
import { ENV, envOf, FILE, orgId, ORGANIZATION, projectId, taskPod } from '../embedded/embedded-fixtures.js';
import { fetchRejection } from '../../support/fetch-rejection.js';

const ID = projectId('db-password');

describe('azureSecretName', () => {
  describe('when scope parts hold "0" and "-"', () => {
    it('should escape them as Flyte does and base32 the key', () => {
      expect(azureSecretName('u__org__a-0__domain__dev__project__p__key__my_key')).to.equal('1-a0100-dev-p-NV4V623FPE');
    });
  });
});

describe('AzureSecretFetcher', () => {
  let vault: FakeKeyVault;
  const scopes: string[][] = [];

  const podsecrets = () =>
    createTestPodsecrets({
      config: {
        webhook: { secretManagerType: 'Embedded', embeddedSecretManagerConfig: { type: 'azure', valueDelivery: 'plainText', organization: ORGANIZATION, azureConfig: { vaultURI: vault.server.url } } },
      },
      configure: (container) => {
        // The real SecretClient and its challenge-based authentication, over plain HTTP to the loopback vault.
        const credential: TokenCredential = {
          getToken: (scope) => {
            scopes.push(Array.isArray(scope) ? scope : [scope]);
            return Promise.resolve({ token: vault.token, expiresOnTimestamp: Date.now() + 3_600_000 });
          },
        };
        container.unbind(AzureFetcherCredential);
        container.bind(AzureFetcherCredential).toConstantValue(() => credential);
        container.unbind(AzureFetcherClientOptions);
        container.bind(AzureFetcherClientOptions).toConstantValue({ allowInsecureConnection: true, disableChallengeResourceVerification: true, retryOptions: { maxRetries: 0 } });
      },
    });
  const fetcher = () => podsecrets().container.get(AzureSecretFetcher);

  beforeEach(async () => {
    scopes.length = 0;
    vault = await new FakeKeyVault().start();
  });

  afterEach(() => vault.stop());

  describe("when the secret holds Flyte's STRING envelope", () => {
    it('should answer the challenge, ask for the encoded name and return the value', async () => {
      vault.secrets.set(azureSecretName(ID), JSON.stringify({ type: 'STRING', value: 'az=value / x' }));
      expect(await fetcher().fetch(ID, new AbortController().signal)).to.equal('az=value / x');
      expect(scopes).to.deep.equal([['https://vault.azure.net/.default']]);
      expect(vault.server.requests.map((r) => r.path.replace(/\?.*$/, ''))).to.deep.equal([`/secrets/${azureSecretName(ID)}/`, `/secrets/${azureSecretName(ID)}/`]);
    });
  });

  describe("when the secret holds Flyte's BINARY envelope", () => {
    it('should return the decoded bytes', async () => {
      vault.secrets.set(azureSecretName(ID), JSON.stringify({ type: 'BINARY', value: Buffer.from([0, 255, 1]).toString('base64') }));
      expect([...((await fetcher().fetch(ID, new AbortController().signal)) as Uint8Array)]).to.deep.equal([0, 255, 1]);
    });
  });

  describe('when there is no such secret', () => {
    it('should reject with SecretNotFound', async () => {
      const error = await fetchRejection(fetcher().fetch(ID, new AbortController().signal));
      expect(error.code).to.equal('SecretNotFound');
      expect(error.detail).to.equal(`Key Vault has no secret "${azureSecretName(ID)}"`);
    });
  });

  describe('when access is forbidden', () => {
    it('should reject with SecretReadFailure', async () => {
      vault.failWith = { status: 403, code: 'Forbidden' };
      const error = await fetchRejection(fetcher().fetch(ID, new AbortController().signal));
      expect(error.code).to.equal('SecretReadFailure');
      expect(error.detail).to.include('(403)');
    });
  });

  describe('when Embedded mode reads through it', () => {
    it('should inject the org-scope value as env and a file', async () => {
      vault.secrets.set(azureSecretName(orgId('token')), JSON.stringify({ type: 'STRING', value: 'az-token' }));
      const pod = await admitAndCheck(
        podsecrets().handler,
        taskPod([
          { key: 'token', mountRequirement: ENV },
          { key: 'token', mountRequirement: FILE },
        ]),
      );
      expect(envOf(pod)).to.deep.equal([
        { name: 'FLYTE_SECRETS_FILE_PREFIX', value: '' },
        { name: 'FLYTE_SECRETS_DEFAULT_DIR', value: '/etc/flyte/secrets' },
        { name: '_UNION_TOKEN', value: 'az-token' },
        { name: 'FLYTE_SECRETS_ENV_PREFIX', value: '_UNION_' },
      ]);
      const writer = (pod['spec'] as { initContainers: { args: string[] }[] }).initContainers[0];
      expect(writer?.args).to.deep.equal([Buffer.from('az-token').toString('base64'), '/etc/flyte/secrets/token']);
    });
  });

  describe('when the id is not a plain name', () => {
    for (const id of ['u__org__a/b__domain__d__project__p__key__k', 'u__org__a__domain__..__project__p__key__k', projectId('k\u0000x'), projectId('..')]) {
      it(`should refuse ${JSON.stringify(id)} with InvalidSecretId before any call`, async () => {
        const error = await fetchRejection(fetcher().fetch(id, new AbortController().signal));
        expect(error.code).to.equal('InvalidSecretId');
        expect(vault.server.requests).to.deep.equal([]);
      });
    }

    it('should take any other key, base32 in the name', async () => {
      vault.secrets.set(azureSecretName(projectId('a/b c')), JSON.stringify({ type: 'STRING', value: 'slashed' }));
      expect(await fetcher().fetch(projectId('a/b c'), new AbortController().signal)).to.equal('slashed');
    });
  });
});

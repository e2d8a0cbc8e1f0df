import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { VaultSecretFetcher } from '../../../plugins/vault/vault-fetcher.js';
import { FakeVault } from '../../support/backends/fake-vault.js';
import { admitAndCheck } from '../../support/admit.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';
import { domainId, ENV, envOf, FILE, ORGANIZATION, projectId, taskPod } from '../embedded/embedded-fixtures.js';
import { fetchRejection } from '../../support/fetch-rejection.js';
import { admit } from '../../support/admit.js';
import { MOUNT_WAYS, OUTSIDE_SCOPE_PATH, TRAVERSAL_KEYS } from '../../support/secret-id-attacks.js';

const ID = projectId('db pass=word');

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'podsecrets-vault-')), 'file');
  writeFileSync(path, `${content}\n`);
  return path;
}

describe('VaultSecretFetcher', () => {
  let vault: FakeVault;

  const podsecrets = (vaultConfig: Record<string, unknown>) =>
    createTestPodsecrets({
      config: {
        webhook: {
          secretManagerType: 'Embedded',
          embeddedSecretManagerConfig: { type: 'Vault', valueDelivery: 'plainText', organization: ORGANIZATION, vaultConfig: { address: vault.server.url, ...vaultConfig } },
        },
      },
    });
  const tokenAuth = () => ({ authMethod: 'token', tokenFile: file('s.static-token') });
  const kubernetesAuth = () => ({ authMethod: 'kubernetes', jwtFile: file('sa-jwt'), role: 'podsecrets' });

  afterEach(() => vault.stop());

  describe('when reading KV v2 with a token', () => {
    beforeEach(async () => {
      vault = await new FakeVault('secret', '2').start();
    });

    it('should GET /v1/<mount>/data/<id> with X-Vault-Token and return the field', async () => {
      vault.secrets.set(ID, { value: 'v=1 / two', other: 'x' });
      const value = await podsecrets(tokenAuth()).container.get(VaultSecretFetcher).fetch(ID, new AbortController().signal);
      expect(value).to.equal('v=1 / two');
      expect(vault.server.requests.map((r) => `${r.method} ${r.path} ${String(r.headers['x-vault-token'])}`)).to.deep.equal([
        `GET /v1/secret/data/${ID.split('/').map(encodeURIComponent).join('/')} s.static-token`,
      ]);
    });

    it('should reject with SecretNotFound on 404', async () => {
      const error = await fetchRejection(podsecrets(tokenAuth()).container.get(VaultSecretFetcher).fetch(ID, new AbortController().signal));
      expect(error.code).to.equal('SecretNotFound');
    });

    it('should reject with SecretNil when the field is missing', async () => {
      vault.secrets.set(ID, { other: 'x' });
      const error = await fetchRejection(podsecrets(tokenAuth()).container.get(VaultSecretFetcher).fetch(ID, new AbortController().signal));
      expect(error.code).to.equal('SecretNil');
      expect(error.detail).to.include('has no text field "value" (vaultConfig.field)');
    });

    it('should reject with SecretReadFailure, not NotFound, when the token is refused', async () => {
      vault.revokeAll();
      const error = await fetchRejection(podsecrets(tokenAuth()).container.get(VaultSecretFetcher).fetch(ID, new AbortController().signal));
      expect(error.code).to.equal('SecretReadFailure');
      expect(error.detail).to.match(/^Vault answered 403 for \/v1\/secret\/data\/.*: permission denied$/);
    });
  });

  describe('when reading KV v1 with Kubernetes auth', () => {
    beforeEach(async () => {
      vault = await new FakeVault('kv', '1').start();
    });

    it('should log in with the service account token once and read /v1/<mount>/<id>', async () => {
      vault.secrets.set(ID, { value: 'kv1-value' });
      const fetcher = podsecrets({ ...kubernetesAuth(), kvVersion: '1', mount: 'kv' }).container.get(VaultSecretFetcher);
      expect(await fetcher.fetch(ID, new AbortController().signal)).to.equal('kv1-value');
      expect(await fetcher.fetch(ID, new AbortController().signal)).to.equal('kv1-value');
      expect(vault.server.requests.map((r) => r.method)).to.deep.equal(['POST', 'GET', 'GET']);
      expect(JSON.parse(vault.server.requests[0]?.body ?? '')).to.deep.equal({ role: 'podsecrets', jwt: 'sa-jwt' });
    });

    it('should log in again once when Vault refuses the token', async () => {
      vault.secrets.set(ID, { value: 'v' });
      const fetcher = podsecrets({ ...kubernetesAuth(), kvVersion: '1', mount: 'kv' }).container.get(VaultSecretFetcher);
      await fetcher.fetch(ID, new AbortController().signal);
      vault.revokeAll();
      expect(await fetcher.fetch(ID, new AbortController().signal)).to.equal('v');
      expect(vault.server.requests.map((r) => r.method)).to.deep.equal(['POST', 'GET', 'GET', 'POST', 'GET']);
    });

    it('should reject with SecretReadFailure naming the role when the login is refused', async () => {
      const fetcher = podsecrets({ ...kubernetesAuth(), role: 'wrong', kvVersion: '1', mount: 'kv' }).container.get(VaultSecretFetcher);
      const error = await fetchRejection(fetcher.fetch(ID, new AbortController().signal));
      expect(error.code).to.equal('SecretReadFailure');
      expect(error.detail).to.equal('Vault Kubernetes login (auth/kubernetes, role "wrong") answered 400: invalid role name or service account token');
    });
  });

  describe('when Embedded mode reads through it', () => {
    beforeEach(async () => {
      vault = await new FakeVault('secret', '2').start();
    });

    it('should find the key at the domain scope', async () => {
      vault.secrets.set(domainId('api key'), { value: 'domain-value' });
      const pod = await admitAndCheck(podsecrets(tokenAuth()).handler, taskPod([{ key: 'api key', mountRequirement: ENV, envVar: 'API_KEY' }]));
      expect(envOf(pod)[0]).to.deep.equal({ name: 'API_KEY', value: 'domain-value' });
    });

    it('should write a FILE secret whose key holds "=", "/" and spaces to that path', async () => {
      vault.secrets.set(projectId('a=b c.ini'), { value: 'x = 1' });
      const pod = await admitAndCheck(podsecrets(tokenAuth()).handler, taskPod([{ key: 'a=b c.ini', mountRequirement: FILE, envVar: 'CONF' }]));
      const writer = (pod['spec'] as { initContainers: { args: string[] }[] }).initContainers[0];
      expect(writer?.args).to.deep.equal([Buffer.from('x = 1').toString('base64'), '/etc/flyte/secrets/a=b c.ini']);
      expect(envOf(pod)[0]).to.deep.equal({ name: 'CONF', value: '/etc/flyte/secrets/a=b c.ini' });
    });
  });

  for (const kvVersion of ['1', '2'] as const) {
    describe(`when a key tries to climb out of its scope (KV v${kvVersion})`, () => {
      beforeEach(async () => {
        vault = await new FakeVault('secret', kvVersion).start();
        vault.secrets.set(OUTSIDE_SCOPE_PATH, { value: 'root-credentials-value' });
      });

      for (const key of TRAVERSAL_KEYS) {
        for (const way of MOUNT_WAYS) {
          it(`should deny ${JSON.stringify(key)} asked as ${way.name}, and send Vault no request`, async () => {
            const { response } = await admit(podsecrets({ ...tokenAuth(), kvVersion }).handler, taskPod([{ key, ...way.request }]));
            expect(response.allowed).to.equal(false);
            expect(JSON.stringify(response)).not.to.include('root-credentials-value');
            expect(vault.server.requests).to.deep.equal([]);
          });
        }
      }

      it('should name the key, the rule and what Vault accepts', async () => {
        const { response } = await admit(podsecrets({ ...tokenAuth(), kvVersion }).handler, taskPod([{ key: '/../platform/root-credentials', mountRequirement: ENV, envVar: 'STOLEN' }]));
        expect(response.status?.message).to.include(
          `Embedded: [InvalidSecretId] [InvalidSecretId] key "/../platform/root-credentials" at project scope (org "acme", domain "development", project "flytesnacks") in the Vault backend: refused before any call to the backend: key "/../platform/root-credentials" is or holds a '.' or '..' path segment; Vault accepts any text without '/', '\\' or control characters, other than '.' and '..'`,
        );
      });

      for (const key of ['a/b', 'a\\b', 'k\u0000x', 'k\nx', 'k\u007fx']) {
        it(`should refuse the id with key ${JSON.stringify(key)} with InvalidSecretId before any request`, async () => {
          const error = await fetchRejection(
            podsecrets({ ...tokenAuth(), kvVersion })
              .container.get(VaultSecretFetcher)
              .fetch(projectId(key), new AbortController().signal),
          );
          expect(error.code).to.equal('InvalidSecretId');
          expect(error.detail).to.include(`key ${JSON.stringify(key)}`);
          expect(vault.server.requests).to.deep.equal([]);
        });
      }

      for (const key of ['a..b', 'q?x=1', 'h#frag', 'pct%2F..%2Fplatform']) {
        it(`should read ${JSON.stringify(key)} as one secret under the mount, never elsewhere`, async () => {
          vault.secrets.set(projectId(key), { value: 'plain' });
          const value = await podsecrets({ ...tokenAuth(), kvVersion })
            .container.get(VaultSecretFetcher)
            .fetch(projectId(key), new AbortController().signal);
          expect(value).to.equal('plain');
          const prefix = kvVersion === '2' ? '/v1/secret/data/' : '/v1/secret/';
          expect(vault.server.requests.map((request) => request.path)).to.deep.equal([`${prefix}${encodeURIComponent(projectId(key))}`]);
        });
      }
    });
  }
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { VaultSecretFetcher } from '../../../plugins/vault/vault-fetcher.js';
import { FakeVault } from '../../support/backends/fake-vault.js';
import { admitAndCheck } from '../../support/admit.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';
import { domainId, ENV, envOf, FILE, projectId, taskPod } from '../embedded/embedded-fixtures.js';
import { fetchRejection } from '../../support/fetch-rejection.js';

const ID = projectId('db/pass word');

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'podsecrets-vault-')), 'file');
  writeFileSync(path, `${content}\n`);
  return path;
}

describe('VaultSecretFetcher', () => {
  let vault: FakeVault;

  const podsecrets = (vaultConfig: Record<string, unknown>) =>
    createTestPodsecrets({
      config: { webhook: { secretManagerType: 'Embedded', embeddedSecretManagerConfig: { type: 'Vault', valueDelivery: 'plainText', vaultConfig: { address: vault.server.url, ...vaultConfig } } } },
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
      vault.secrets.set(projectId('conf/a=b c.ini'), { value: 'x = 1' });
      const pod = await admitAndCheck(podsecrets(tokenAuth()).handler, taskPod([{ key: 'conf/a=b c.ini', mountRequirement: FILE, envVar: 'CONF' }]));
      const writer = (pod['spec'] as { initContainers: { args: string[] }[] }).initContainers[0];
      expect(writer?.args).to.deep.equal([Buffer.from('x = 1').toString('base64'), '/etc/flyte/secrets/conf/a=b c.ini']);
      expect(envOf(pod)[0]).to.deep.equal({ name: 'CONF', value: '/etc/flyte/secrets/conf/a=b c.ini' });
    });
  });
});

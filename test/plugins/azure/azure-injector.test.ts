import { readFileSync, statSync } from 'node:fs';
import { expect } from 'chai';
import { md5Hex, MountRequirement, type SecretRequest } from '../../../core/index.js';
import { AzureSecretInjector } from '../../../plugins/azure/azure-injector.js';
import { admitAndCheck } from '../../support/admit.js';
import { containersOf, expectFetcherLayout, failureOf, fileSecretEnv, initContainerNames } from '../../support/backend-checks.js';
import { createFetcherSandbox } from '../../support/fetcher-shell.js';
import { podWithSecrets } from '../../support/pod-builders.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';

const VAULT = 'https://my-vault.vault.azure.net/secrets';
const LATEST: Partial<SecretRequest> = { group: `${VAULT}/DB-Password/` };
const PINNED: Partial<SecretRequest> = { group: `${VAULT}/api-key`, groupVersion: '0123456789ABCDEF0123456789abcdef', mountRequirement: MountRequirement.FILE };
const LOGIN = 'az login --service-principal -u "$AZURE_CLIENT_ID" -t "$AZURE_TENANT_ID" --federated-token "$(cat "$AZURE_FEDERATED_TOKEN_FILE")"';

function azure(azureSecretManager: Record<string, unknown> = {}) {
  return createTestPodsecrets({ config: { webhook: { secretManagerType: 'Azure', azureSecretManager } } });
}

// A fake az: login succeeds; `keyvault secret download` refuses an existing file, as az does, and
// writes the value exactly, 0600.
const FAKE_AZ = `[ "$1" = login ] && exit 0
file=''; while [ $# -gt 0 ]; do [ "$1" = --file ] && file="$2"; shift; done
[ -e "$file" ] && { echo "File or directory named '$file' already exists." >&2; exit 1; }
printf 'pa ss\\n\\nword' > "$file"; chmod 600 "$file"`;

describe('AzureSecretInjector', () => {
  describe('when secretManagerType names it', () => {
    it("should be selected by secretManagerType 'Azure' in any case", () => {
      for (const type of ['Azure', 'azure', 'AZURE']) {
        const podsecrets = createTestPodsecrets({ config: { webhook: { secretManagerTypes: ['K8s', type] } } });
        expect(podsecrets.mutator.chain).to.deep.equal(['Global', 'K8s', 'Azure']);
        expect(podsecrets.registry.get(type)).to.be.instanceOf(AzureSecretInjector);
      }
    });
  });

  describe('when a pod asks for the latest version and a pinned one', () => {
    it('should add az fetchers writing /etc/flyte/secrets/<lc name>[/<lc version>], with every argument quoted', async () => {
      const pod = await admitAndCheck(azure().handler, podWithSecrets({ secrets: [LATEST, PINNED], initContainers: [{ name: 'user-init', image: 'busybox' }] }));
      const fetchers = expectFetcherLayout(pod, 'azure-pull-secret', 'azure-secret-vol', '/etc/flyte/secrets');
      const pinnedFile = '/etc/flyte/secrets/api-key/0123456789abcdef0123456789abcdef';
      expect(fetchers.map((fetcher) => fetcher['command'])).to.deep.equal([
        [
          'sh',
          '-ec',
          `${LOGIN}; rm -f '/etc/flyte/secrets/db-password'; az keyvault secret download --id '${VAULT}/DB-Password' --file '/etc/flyte/secrets/db-password'; ` +
            "chmod a+rX '/etc/flyte/secrets/db-password'",
        ],
        [
          'sh',
          '-ec',
          `${LOGIN}; mkdir -p '/etc/flyte/secrets/api-key'; rm -f '${pinnedFile}'; ` +
            `az keyvault secret download --id '${VAULT}/api-key/0123456789ABCDEF0123456789abcdef' --file '${pinnedFile}'; chmod a+rX '/etc/flyte/secrets/api-key' '${pinnedFile}'`,
        ],
      ]);
      expect(fetchers[0]).to.deep.include({
        name: `azure-pull-secret-${md5Hex(JSON.stringify([`${VAULT}/DB-Password`, '/etc/flyte/secrets/db-password'])).slice(0, 12)}`,
        image: 'mcr.microsoft.com/azure-cli:cbl-mariner2.0',
        resources: { requests: { cpu: '200m', memory: '500Mi' }, limits: { cpu: '200m', memory: '500Mi' } },
      });
      expect(initContainerNames(pod)[2]).to.equal('user-init');
      expect(containersOf(pod, 'containers')[0]?.['env']).to.deep.equal(fileSecretEnv());
    });

    it('should honour envVar with the file path', async () => {
      const pod = await admitAndCheck(azure().handler, podWithSecrets({ secrets: [{ ...PINNED, envVar: 'API_KEY_FILE' }] }));
      expect(containersOf(pod, 'containers')[0]?.['env']).to.deep.equal(fileSecretEnv({ name: 'API_KEY_FILE', value: '/etc/flyte/secrets/api-key/0123456789abcdef0123456789abcdef' }));
    });

    it('should name fetchers by secret, not by position', async () => {
      const forward = await admitAndCheck(azure().handler, podWithSecrets({ secrets: [LATEST, PINNED] }));
      const backward = await admitAndCheck(azure().handler, podWithSecrets({ secrets: [PINNED, LATEST, PINNED] }));
      expect(initContainerNames(backward)).to.deep.equal([...initContainerNames(forward)].reverse());
    });
  });

  describe('when the fetcher command runs', () => {
    it('should leave the exact value, without a trailing newline, readable by every user, also on a restart', async () => {
      const pod = await admitAndCheck(azure().handler, podWithSecrets({ secrets: [PINNED] }));
      const command = containersOf(pod, 'initContainers')[0]?.['command'] as string[];
      const sandbox = createFetcherSandbox({ az: FAKE_AZ });
      const first = sandbox.run(command);
      expect(first.status, first.stderr).to.equal(0);
      const file = `${sandbox.secretsDir}/api-key/0123456789abcdef0123456789abcdef`;
      expect(readFileSync(file, 'utf8')).to.equal('pa ss\n\nword');
      expect(statSync(file).mode & 0o777).to.equal(0o644);
      expect(statSync(`${sandbox.secretsDir}/api-key`).mode & 0o777).to.equal(0o755);
      const download = ['keyvault', 'secret', 'download', '--id', `${VAULT}/api-key/0123456789ABCDEF0123456789abcdef`, '--file', file];
      const login = ['login', '--service-principal', '-u', '', '-t', '', '--federated-token', ''];
      expect(sandbox.calls()).to.deep.equal([login, download]);
      // Init containers run again when the pod sandbox is re-created; the volume keeps the old file.
      const again = sandbox.run(command);
      expect(again.status, again.stderr).to.equal(0);
      expect(readFileSync(file, 'utf8')).to.equal('pa ss\n\nword');
      expect(sandbox.calls()).to.deep.equal([login, download, login, download]);
      sandbox.cleanup();
    });
  });

  describe('when two requests would write one file', () => {
    it('should refuse the same secret name from two vaults, and a name that another needs as a directory', async () => {
      for (const second of [{ group: 'https://other.vault.azure.net/secrets/db-password' }, { group: `${VAULT}/db-password`, groupVersion: 'abc' }]) {
        const failure = await failureOf(azure(), podWithSecrets({ secrets: [LATEST, second] }), 'Azure');
        expect(failure.code).to.equal('InvalidRequest');
        expect(failure.message).to.match(
          /^this secret would be written to \/etc\/flyte\/secrets\/db-password(\/abc)?, where init container "azure-pull-secret-[0-9a-f]{12}" already writes \/etc\/flyte\/secrets\/db-password;/,
        );
      }
    });
  });

  describe('when the request cannot be served', () => {
    it('should refuse ENV_VAR and say why', async () => {
      const failure = await failureOf(azure(), podWithSecrets({ secrets: [{ ...LATEST, mountRequirement: MountRequirement.ENV_VAR }] }), 'Azure');
      expect(failure.code).to.equal('UnsupportedMount');
      expect(failure.message).to.include('Azure Key Vault delivers a secret only as a file');
    });

    it('should say that only the group is required (Flyte asks for a group version it does not need)', async () => {
      const failure = await failureOf(azure(), podWithSecrets({ secrets: [{ key: 'k' }] }), 'Azure');
      expect(failure.message).to.equal(
        'an Azure Key Vault secret needs a group, the secret\'s URI (group_version is optional), e.g. group "https://my-vault.vault.azure.net/secrets/my-secret" and, optionally, group_version "<32-character version id>"',
      );
    });

    const invalid: [Partial<SecretRequest>, string][] = [
      [{ group: 'my-secret' }, 'is not a Key Vault secret URI'],
      [{ group: 'http://my-vault.vault.azure.net/secrets/x' }, 'is not a Key Vault secret URI'],
      [{ group: `${VAULT}/x/0123` }, 'is not a Key Vault secret URI'],
      [{ group: `${VAULT}/x'; id; '` }, 'is not a Key Vault secret URI'],
      [{ group: `${VAULT}/my secret` }, 'is not a Key Vault secret URI'],
      [{ group: `${VAULT}/x`, groupVersion: '../y' }, 'group_version "../y" is not a Key Vault secret version'],
    ];
    for (const [fields, reason] of invalid) {
      it(`should refuse ${JSON.stringify(fields)}`, async () => {
        const failure = await failureOf(azure(), podWithSecrets({ secrets: [fields] }), 'Azure');
        expect(failure.code).to.equal('InvalidRequest');
        expect(failure.message).to.include(reason);
      });
    }
  });
});

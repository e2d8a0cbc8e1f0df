import { expect } from 'chai';
import { md5Hex, MountRequirement } from '../../../core/index.js';
import { expectCliExit, expectCliMutation } from '../../support/cli-mutate.js';
import { podWithSecrets } from '../../support/pod-builders.js';

const CONFIG = `webhook:
  secretManagerType: vault
  vaultSecretManager:
    role: tasks
    kvVersion: 1
    annotations:
      vault.hashicorp.com/namespace: team-a
`;

describe('podsecrets mutate', () => {
  describe('when the config selects Vault', () => {
    it('should write the Vault Agent annotations, stable on a second pass', async () => {
      const pod = await expectCliMutation(CONFIG, podWithSecrets({ secrets: [{ group: 'kv/team', key: 'token', envVar: 'TOKEN_FILE' }] }));
      const id = md5Hex('kv/team/token');
      expect((pod['metadata'] as { annotations: Record<string, string> }).annotations).to.include({
        [`vault.hashicorp.com/agent-inject-template-${id}`]: '{{- with secret "kv/team" -}}{{ .Data.token }}{{- end -}}',
        'vault.hashicorp.com/role': 'tasks',
        'vault.hashicorp.com/namespace': 'team-a',
      });
    });
  });

  describe('when a pod asks Vault for an env var', () => {
    it('should exit 1 and say why on stderr', async () => {
      await expectCliExit(
        CONFIG,
        podWithSecrets({ secrets: [{ group: 'kv/team', key: 'token', mountRequirement: MountRequirement.ENV_VAR }] }),
        1,
        'Vault: [UnsupportedMount] Vault delivers a secret only as a file',
      );
    });
  });

  describe('when the Vault section holds a bad value', () => {
    it('should exit 2 naming the key', async () => {
      await expectCliExit(
        'webhook:\n  secretManagerType: Vault\n  vaultSecretManager:\n    kvVersion: 3\n',
        podWithSecrets({ secrets: [{ group: 'g', key: 'k' }] }),
        2,
        'webhook.vaultSecretManager.kvVersion: must be 1 or 2',
      );
    });
  });
});

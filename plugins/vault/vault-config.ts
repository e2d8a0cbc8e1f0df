import { defineSettings, setting, type SettingsOf } from '../../core/index.js';

/** The KV secrets engine version the template reads when a request's group_version does not say. */
export type KvVersion = '1' | '2';

// An annotation key: an optional DNS-subdomain prefix and '/', then a name of at most 63 characters.
const ANNOTATION_KEY = /^(?:[a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

function checkAnnotations(value: Record<string, unknown>): void {
  const problems: string[] = [];
  for (const [key, annotation] of Object.entries(value)) {
    if (!ANNOTATION_KEY.test(key)) problems.push(`"${key}" is not an annotation key (an optional DNS prefix and '/', then up to 63 letters, digits, '-', '_' or '.')`);
    if (!['string', 'number', 'boolean'].includes(typeof annotation)) problems.push(`the value of "${key}" must be a string, not ${Array.isArray(annotation) ? 'a list' : typeof annotation}`);
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
}

/** Flyte's `webhook.vaultSecretManager`: how the Vault Agent authenticates and reads. */
export const VaultSettings = Symbol.for('podsecrets.vault.VaultSettings');

export const vaultSettings = defineSettings(VaultSettings, {
  path: 'webhook.vaultSecretManager',
  owner: 'Vault',
  schema: {
    role: setting.string('Vault role the Vault Agent authenticates as (vault.hashicorp.com/role).', 'flyte'),
    kvVersion: setting.custom({
      doc: 'KV secrets engine version for requests whose group_version is not kv1, kv2 or db: 1 or 2 (a string or a number).',
      format(value: unknown) {
        if (value !== '1' && value !== '2' && value !== 1 && value !== 2) throw new Error('must be 1 or 2 (the KV secrets engine version, as "1"/"2" or 1/2)');
      },
      default: '2',
      // A YAML integer 1 means KV version 1 here; Flyte's enum decoding turned it into version 2.
      convert: (value): KvVersion => (String(value) === '1' ? '1' : '2'),
    }),
    /** Laid over the injector's own annotations (the pod's annotations still win). */
    annotations: setting.mapping<Readonly<Record<string, string>>>(
      "Annotations added to every pod that gets a Vault secret, over the injector's own (the pod's annotations win), e.g. vault.hashicorp.com/namespace.",
      {},
      checkAnnotations,
      (value) => Object.fromEntries(Object.entries(value).map(([key, annotation]) => [key, String(annotation)])),
    ),
  },
});

export interface VaultSettings extends SettingsOf<typeof vaultSettings> {}

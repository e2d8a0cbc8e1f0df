import { type ConfigSchemaContribution, MAPPING_FORMAT, type MappingSetting, type PodsecretsConfig } from '../../core/index.js';

/** The KV secrets engine version the template reads when a request's group_version does not say. */
export type KvVersion = '1' | '2';

/** Flyte's `webhook.vaultSecretManager`, as the plugin uses it. */
export interface VaultSettings {
  readonly role: string;
  readonly kvVersion: KvVersion;
  /** Annotations laid over the injector's own (the pod's annotations still win). */
  readonly annotations: Readonly<Record<string, string>>;
}

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

const annotationsSetting: MappingSetting<Record<string, string>> = {
  doc: "Annotations added to every pod that gets a Vault secret, over the injector's own (the pod's annotations win), e.g. vault.hashicorp.com/namespace.",
  format: MAPPING_FORMAT,
  default: {},
  check: checkAnnotations,
};

export const vaultConfigSchema: ConfigSchemaContribution = {
  owner: 'Vault',
  schema: {
    webhook: {
      vaultSecretManager: {
        role: { doc: 'Vault role the Vault Agent authenticates as (vault.hashicorp.com/role).', format: String, default: 'flyte' },
        kvVersion: {
          doc: 'KV secrets engine version for requests whose group_version is not kv1, kv2 or db: 1 or 2 (a string or a number).',
          format(value: unknown) {
            if (value !== '1' && value !== '2' && value !== 1 && value !== 2) throw new Error('must be 1 or 2 (the KV secrets engine version, as "1"/"2" or 1/2)');
          },
          default: '2',
        },
        annotations: annotationsSetting,
      },
    },
  },
};

/** The plugin's settings from the validated configuration. */
export function readVaultSettings(config: PodsecretsConfig): VaultSettings {
  const section = (config.webhook['vaultSecretManager'] ?? {}) as { role?: unknown; kvVersion?: unknown; annotations?: unknown };
  // A YAML integer 1 means KV version 1 here; Flyte's enum decoding turned it into version 2.
  const kvVersion: KvVersion = String(section.kvVersion) === '1' ? '1' : '2';
  const annotations = Object.fromEntries(Object.entries((section.annotations ?? {}) as Record<string, unknown>).map(([key, value]) => [key, String(value)]));
  return { role: String(section.role), kvVersion, annotations };
}

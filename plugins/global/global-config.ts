import { type ConfigSchemaContribution, isDnsLabel, type PodsecretsConfig } from '../../core/index.js';

/** `secrets.type`: `local` reads the webhook's environment and files (Flyte's only kind); `none` turns Global off. */
export const GlobalSecretsType = { Local: 'local', None: 'none' } as const;
export type GlobalSecretsType = (typeof GlobalSecretsType)[keyof typeof GlobalSecretsType];

/** Flyte's `secrets:` section: where the Global injector finds values in the webhook's own environment. */
export interface GlobalSecretsConfig {
  readonly 'secrets-prefix': string;
  readonly 'env-prefix': string;
  readonly type: GlobalSecretsType;
  /** Namespaces whose pods may receive Global values; empty: every namespace (Flyte's behaviour). */
  readonly allowedNamespaces: readonly string[];
}

/** The section the {@link globalConfigSchema} declared. */
export function readGlobalConfig(config: PodsecretsConfig): GlobalSecretsConfig {
  return config['secrets'] as GlobalSecretsConfig;
}

function envVarPrefix(value: unknown): void {
  // An empty prefix would make every variable of the webhook process a Global secret: its own
  // VAULT_TOKEN, AWS keys or KUBERNETES_* would go to any pod that names them as group and key.
  if (typeof value !== 'string' || value === '' || /[=\0]/.test(value)) {
    throw new Error('must be a non-empty prefix of environment variable names (without = or NUL), e.g. FLYTE_SECRET_; to turn Global off set secrets.type: none');
  }
}

function namespaceList(value: unknown): void {
  if (!Array.isArray(value) || value.some((namespace) => typeof namespace !== 'string' || !isDnsLabel(namespace))) {
    throw new Error('must be a list of namespace names (lower-case letters, digits and -, at most 63 characters), e.g. [flyte, team-a]; empty: every namespace');
  }
}

export const globalConfigSchema: ConfigSchemaContribution = {
  owner: 'Global',
  schema: {
    secrets: {
      'secrets-prefix': {
        doc: 'Directory of the webhook pod where the Global injector reads <group>/<key> files.',
        format: String,
        default: '/etc/secrets',
      },
      'env-prefix': {
        doc: "Prefix of the webhook process's environment variables that the Global injector reads (<prefix><GROUP>_<KEY>); not empty.",
        format: envVarPrefix,
        default: 'FLYTE_SECRET_',
      },
      type: {
        doc: "local (or any other text, as in Flyte, which reads the key nowhere): the Global injector reads the webhook's environment and files; none (any case): Global is off.",
        format: 'secrets-type',
        default: GlobalSecretsType.Local,
      },
      allowedNamespaces: {
        doc: 'Namespaces whose pods may receive Global values (podsecrets only); empty: every namespace, as Flyte.',
        format: namespaceList,
        default: [],
      },
    },
  },
};

import { defineSettings, setting, type SettingsOf } from '../../core/index.js';

/** `secrets.type`: `local` reads the webhook's environment and files (Flyte's only kind); `none` turns Global off. */
export const GlobalSecretsType = { Local: 'local', None: 'none' } as const;
export type GlobalSecretsType = (typeof GlobalSecretsType)[keyof typeof GlobalSecretsType];

function envVarPrefix(value: unknown): void {
  // An empty prefix would make every variable of the webhook process a Global secret: its own
  // VAULT_TOKEN, AWS keys or KUBERNETES_* would go to any pod that names them as group and key.
  if (typeof value !== 'string' || value === '' || /[=\0]/.test(value)) {
    throw new Error('must be a non-empty prefix of environment variable names (without = or NUL), e.g. FLYTE_SECRET_; to turn Global off set secrets.type: none');
  }
}

/** Flyte's `secrets:` section: where the Global injector finds values in the webhook's own environment, and who may receive them. */
export const GlobalSecretsSettings = Symbol.for('podsecrets.global.GlobalSecretsSettings');

export const globalSecretsSettings = defineSettings(GlobalSecretsSettings, {
  path: 'secrets',
  owner: 'Global',
  schema: {
    'secrets-prefix': setting.string('Directory of the webhook pod where the Global injector reads <group>/<key> files.', '/etc/secrets'),
    'env-prefix': setting.string("Prefix of the webhook process's environment variables that the Global injector reads (<prefix><GROUP>_<KEY>); not empty.", 'FLYTE_SECRET_', envVarPrefix),
    type: setting.custom({
      doc: "local (or any other text, as in Flyte, which reads the key nowhere): the Global injector reads the webhook's environment and files; none (any case): Global is off.",
      format: 'secrets-type',
      default: GlobalSecretsType.Local,
      convert: (value): GlobalSecretsType => (String(value).trim().toLowerCase() === GlobalSecretsType.None ? GlobalSecretsType.None : GlobalSecretsType.Local),
    }),
    /** Empty: every namespace (Flyte's behaviour). */
    allowedNamespaces: setting.strings('Namespaces whose pods may receive Global values (podsecrets only); empty: every namespace, as Flyte.', [], 'namespace-list'),
  },
});

export interface GlobalSecretsSettings extends SettingsOf<typeof globalSecretsSettings> {}

import type { ConfigSchemaContribution } from '../../core/index.js';

/** Flyte's `secrets:` section: where the Global injector finds values in the webhook's own environment. */
export interface GlobalSecretsConfig {
  readonly 'secrets-prefix': string;
  readonly 'env-prefix': string;
  readonly type: string;
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
        doc: "Prefix of the webhook process's environment variables that the Global injector reads (<prefix><GROUP>_<KEY>).",
        format: String,
        default: 'FLYTE_SECRET_',
      },
      type: {
        doc: "Flyte's secret manager kind for the Global provider; only 'local' exists.",
        format: ['local'],
        default: 'local',
      },
    },
  },
};

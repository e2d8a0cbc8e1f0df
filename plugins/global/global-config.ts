import { defineSettings, setting, type SettingsOf } from '../../core/index.js';

/** Flyte's `secrets:` section: where the Global injector finds values in the webhook's own environment. */
export const GlobalSecretsSettings = Symbol.for('podsecrets.global.GlobalSecretsSettings');

export const globalSecretsSettings = defineSettings(GlobalSecretsSettings, {
  path: 'secrets',
  owner: 'Global',
  schema: {
    'secrets-prefix': setting.string('Directory of the webhook pod where the Global injector reads <group>/<key> files.', '/etc/secrets'),
    'env-prefix': setting.string("Prefix of the webhook process's environment variables that the Global injector reads (<prefix><GROUP>_<KEY>).", 'FLYTE_SECRET_'),
    type: setting.oneOf("Flyte's secret manager kind for the Global provider; only 'local' exists.", ['local'], 'local'),
  },
});

export interface GlobalSecretsSettings extends SettingsOf<typeof globalSecretsSettings> {}

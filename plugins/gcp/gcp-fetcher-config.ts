import { defineSettings, setting, type SettingsOf } from '../../core/index.js';

/** `webhook.embeddedSecretManagerConfig.gcpConfig`: where Embedded mode's GCP fetcher reads. */
export const GcpFetcherSettings = Symbol.for('podsecrets.gcp.GcpFetcherSettings');

export const gcpFetcherSettings = defineSettings(GcpFetcherSettings, {
  path: 'webhook.embeddedSecretManagerConfig.gcpConfig',
  owner: 'Embedded',
  schema: {
    project: setting.string('GCP project that holds the secrets (projects/<project>/secrets/<id>).', ''),
    apiEndpoint: setting.string('Secret Manager endpoint host (e.g. a regional or Private Service Connect one); empty: the default.', ''),
  },
});

export interface GcpFetcherSettings extends SettingsOf<typeof gcpFetcherSettings> {}

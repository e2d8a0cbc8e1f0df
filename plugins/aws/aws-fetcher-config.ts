import { defineSettings, setting, type SettingsOf } from '../../core/index.js';

/** `webhook.embeddedSecretManagerConfig.awsConfig`: where Embedded mode's AWS fetcher reads. */
export const AwsFetcherSettings = Symbol.for('podsecrets.aws.AwsFetcherSettings');

export const awsFetcherSettings = defineSettings(AwsFetcherSettings, {
  path: 'webhook.embeddedSecretManagerConfig.awsConfig',
  owner: 'Embedded',
  schema: {
    region: setting.string('Region of Secrets Manager; empty: the standard AWS chain (AWS_REGION, profile).', ''),
    endpoint: setting.string("Endpoint URL of Secrets Manager (a VPC endpoint, a FIPS endpoint); empty: the region's own.", ''),
  },
});

export interface AwsFetcherSettings extends SettingsOf<typeof awsFetcherSettings> {}

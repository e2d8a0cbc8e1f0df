import { type ConfigSchemaContribution, type PodsecretsConfig, readSecretFetcherSettings, type SecretFetcherSettings, secretFetcherSchema } from '../../core/index.js';

/** Flyte's default sidecar: the Cloud SDK image, for `gcloud secrets versions access`. */
export const DEFAULT_GCP_SIDECAR_IMAGE = 'gcr.io/google.com/cloudsdktool/cloud-sdk:alpine';

export const gcpConfigSchema: ConfigSchemaContribution = {
  owner: 'GCP',
  schema: { webhook: { gcpSecretManager: secretFetcherSchema(DEFAULT_GCP_SIDECAR_IMAGE, 'a Google Secret Manager secret') } },
};

/** The plugin's settings from the validated configuration. */
export function readGcpSettings(config: PodsecretsConfig): SecretFetcherSettings {
  return readSecretFetcherSettings(config.webhook['gcpSecretManager']);
}

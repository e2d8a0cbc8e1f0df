import { type ConfigSchemaContribution, type PodsecretsConfig, readFetcherContainerSettings, type FetcherContainerSettings, fetcherContainerSchema } from '../../core/index.js';

/** Flyte's default sidecar: the Cloud SDK image, for `gcloud secrets versions access`. */
export const DEFAULT_GCP_SIDECAR_IMAGE = 'gcr.io/google.com/cloudsdktool/cloud-sdk:alpine';

export const gcpConfigSchema: ConfigSchemaContribution = {
  owner: 'GCP',
  schema: { webhook: { gcpSecretManager: fetcherContainerSchema(DEFAULT_GCP_SIDECAR_IMAGE, 'a Google Secret Manager secret') } },
};

/** The plugin's settings from the validated configuration. */
export function readGcpSettings(config: PodsecretsConfig): FetcherContainerSettings {
  return readFetcherContainerSettings(config.webhook['gcpSecretManager']);
}

import { type ConfigSchemaContribution, type PodsecretsConfig, readFetcherContainerSettings, type FetcherContainerSettings, fetcherContainerSchema } from '../../core/index.js';

/** Flyte's default sidecar: AWS's image that copies one secret to /tmp/<SECRET_FILENAME>. */
export const DEFAULT_AWS_SIDECAR_IMAGE = 'docker.io/amazon/aws-secrets-manager-secret-sidecar:v0.1.4';

export const awsConfigSchema: ConfigSchemaContribution = {
  owner: 'AWS',
  schema: { webhook: { awsSecretManager: fetcherContainerSchema(DEFAULT_AWS_SIDECAR_IMAGE, 'an AWS Secrets Manager secret') } },
};

/** The plugin's settings from the validated configuration. */
export function readAwsSettings(config: PodsecretsConfig): FetcherContainerSettings {
  return readFetcherContainerSettings(config.webhook['awsSecretManager']);
}

import { defineSettings, fetcherContainerSchema, type SettingsOf } from '../../core/index.js';

/** Flyte's default sidecar: AWS's image that copies one secret to /tmp/<SECRET_FILENAME>. */
export const DEFAULT_AWS_SIDECAR_IMAGE = 'docker.io/amazon/aws-secrets-manager-secret-sidecar:v0.1.4';

/** Flyte's `webhook.awsSecretManager`: the image and resources of the init container that fetches a secret. */
export const AwsSettings = Symbol.for('podsecrets.aws.AwsSettings');

export const awsSettings = defineSettings(AwsSettings, { path: 'webhook.awsSecretManager', owner: 'AWS', schema: fetcherContainerSchema(DEFAULT_AWS_SIDECAR_IMAGE, 'an AWS Secrets Manager secret') });

export interface AwsSettings extends SettingsOf<typeof awsSettings> {}

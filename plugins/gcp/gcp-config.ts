import { defineSettings, fetcherContainerSchema, type SettingsOf } from '../../core/index.js';

/** Flyte's default sidecar: the Cloud SDK image, for `gcloud secrets versions access`. */
export const DEFAULT_GCP_SIDECAR_IMAGE = 'gcr.io/google.com/cloudsdktool/cloud-sdk:alpine';

/** Flyte's `webhook.gcpSecretManager`: the image and resources of the init container that fetches a secret. */
export const GcpSettings = Symbol.for('podsecrets.gcp.GcpSettings');

export const gcpSettings = defineSettings(GcpSettings, { path: 'webhook.gcpSecretManager', owner: 'GCP', schema: fetcherContainerSchema(DEFAULT_GCP_SIDECAR_IMAGE, 'a Google Secret Manager secret') });

export interface GcpSettings extends SettingsOf<typeof gcpSettings> {}

import { inject, injectable } from 'inversify';
import { deliverFetchedFile, type PodEdit, SECRETS_MOUNT_DIR, type SecretInjector, type SecretRequest } from '../../core/index.js';
import { gcpFetchCommand } from './gcp-fetch-command.js';
import { GcpSettings } from './gcp-config.js';
import { resolveGcpSecretReference } from './gcp-secret-reference.js';

export const GCP_VOLUME_NAME = 'gcp-secret-vol';
export const GCP_FETCHER_PREFIX = 'gcp-pull-secret';

/**
 * Google Secret Manager, as Flyte v2's GCPSecretManagerInjector: per secret an init container runs
 * gcloud to write the version to /etc/flyte/secrets/<group>/<group_version> in an in-memory volume that
 * every container mounts read-only. The pod's (workload identity) service account needs access.
 */
@injectable()
export class GcpSecretInjector implements SecretInjector {
  readonly type = 'GCP';
  readonly #settings: GcpSettings;

  constructor(@inject(GcpSettings) settings: GcpSettings) {
    this.#settings = settings;
  }

  inject(secret: SecretRequest, edit: PodEdit): void {
    const reference = resolveGcpSecretReference(secret);
    deliverFetchedFile(edit, secret, {
      backend: 'Google Secret Manager',
      namePrefix: GCP_FETCHER_PREFIX,
      identity: [reference.secret, reference.version],
      image: this.#settings.sidecarImage,
      command: gcpFetchCommand(reference),
      volumeName: GCP_VOLUME_NAME,
      mountPath: SECRETS_MOUNT_DIR,
      resources: this.#settings.resources,
      filePath: reference.filePath,
    });
  }
}

import { inject, injectable } from 'inversify';
import { deliverFetchedFile, type PodEdit, SECRETS_MOUNT_DIR, type SecretInjector, type SecretRequest } from '../../core/index.js';
import { azureFetchCommand } from './azure-fetch-command.js';
import { AzureSettings } from './azure-config.js';
import { resolveAzureSecretReference } from './azure-secret-reference.js';

export const AZURE_VOLUME_NAME = 'azure-secret-vol';
export const AZURE_FETCHER_PREFIX = 'azure-pull-secret';

/**
 * Azure Key Vault, as Flyte v2's AzureSecretManagerInjector: per secret an init container logs in with
 * the pod's workload identity and writes the secret to /etc/flyte/secrets/<name>[/<version>] in an
 * in-memory volume that every container mounts read-only.
 */
@injectable()
export class AzureSecretInjector implements SecretInjector {
  readonly type = 'Azure';
  readonly #settings: AzureSettings;

  constructor(@inject(AzureSettings) settings: AzureSettings) {
    this.#settings = settings;
  }

  inject(secret: SecretRequest, edit: PodEdit): void {
    const reference = resolveAzureSecretReference(secret);
    deliverFetchedFile(edit, secret, {
      backend: 'Azure Key Vault',
      namePrefix: AZURE_FETCHER_PREFIX,
      identity: [reference.id, reference.filePath],
      image: this.#settings.sidecarImage,
      command: azureFetchCommand(reference),
      volumeName: AZURE_VOLUME_NAME,
      mountPath: SECRETS_MOUNT_DIR,
      resources: this.#settings.resources,
      filePath: reference.filePath,
    });
  }
}

import { inject, injectable } from 'inversify';
import { deliverFetchedFile, type PodEdit, type SecretInjector, type SecretRequest } from '../../core/index.js';
import { AwsSettings } from './aws-config.js';
import { resolveAwsSecretReference } from './aws-secret-reference.js';

export const AWS_VOLUME_NAME = 'aws-secret-vol';
export const AWS_FETCHER_PREFIX = 'aws-pull-secret';
/** The sidecar image writes under /tmp, whatever SECRET_FILENAME says. */
const SIDECAR_MOUNT_PATH = '/tmp';
const SECRET_ARN_ENV = 'SECRET_ARN';
const SECRET_FILENAME_ENV = 'SECRET_FILENAME';

/**
 * AWS Secrets Manager, as Flyte v2's AWSSecretManagerInjector: per secret an init container running
 * AWS's sidecar image copies the secret into an in-memory volume that every container mounts read-only
 * at /etc/flyte/secrets. The pod's service account needs read access to the secret.
 */
@injectable()
export class AwsSecretInjector implements SecretInjector {
  readonly type = 'AWS';
  readonly #settings: AwsSettings;

  constructor(@inject(AwsSettings) settings: AwsSettings) {
    this.#settings = settings;
  }

  inject(secret: SecretRequest, edit: PodEdit): void {
    const reference = resolveAwsSecretReference(secret);
    deliverFetchedFile(edit, secret, {
      backend: 'AWS Secrets Manager',
      namePrefix: AWS_FETCHER_PREFIX,
      identity: [reference.secretArn, reference.fileName],
      image: this.#settings.sidecarImage,
      env: [
        { name: SECRET_ARN_ENV, value: reference.secretArn },
        { name: SECRET_FILENAME_ENV, value: reference.fileName },
      ],
      volumeName: AWS_VOLUME_NAME,
      mountPath: SIDECAR_MOUNT_PATH,
      resources: this.#settings.resources,
      filePath: reference.filePath,
    });
  }
}

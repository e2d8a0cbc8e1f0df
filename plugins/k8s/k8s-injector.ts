import { inject, injectable } from 'inversify';
import {
  type EnvVar,
  InjectionError,
  InjectionErrorCode,
  requireEnvVarName,
  isSecretVolumeNameOf,
  joinPath,
  MountRequirement,
  type PodEdit,
  SECRETS_DEFAULT_DIR_ENV,
  SECRETS_ENV_PREFIX_ENV,
  SECRETS_FILE_PREFIX_ENV,
  SECRETS_MOUNT_DIR,
  type SecretInjector,
  type SecretRequest,
  secretEnvVarName,
  secretVolumeName,
  goLower,
  WebhookSettings,
} from '../../core/index.js';
import { type K8sSecretReference, resolveK8sSecretReference } from './k8s-secret-reference.js';

/**
 * Kubernetes Secrets, as Flyte v2's K8sSecretInjector: an env var that references the Secret, or a
 * read-only secret volume mounted at /etc/flyte/secrets/<group>. The webhook never reads the value.
 */
@injectable()
export class K8sSecretInjector implements SecretInjector {
  readonly type = 'K8s';
  readonly #prefix: string;

  constructor(@inject(WebhookSettings) webhook: WebhookSettings) {
    this.#prefix = webhook.secretEnvVarPrefix;
  }

  inject(secret: SecretRequest, edit: PodEdit): void {
    const reference = resolveK8sSecretReference(secret);
    switch (secret.mountRequirement) {
      case MountRequirement.ENV_VAR:
        return this.#injectEnv(secret, reference, edit);
      case MountRequirement.ANY:
      case MountRequirement.FILE:
        return this.#injectFile(secret, reference, edit);
      default:
        throw new InjectionError(InjectionErrorCode.UnsupportedMount, `mount requirement ${String(secret.mountRequirement)} is not one of ANY, ENV_VAR, FILE`);
    }
  }

  #injectEnv(secret: SecretRequest, reference: K8sSecretReference, edit: PodEdit): void {
    const name = requireEnvVarName(secretEnvVarName(this.#prefix, { group: reference.secretName, key: reference.key }), 'the generated env var name');
    const valueFrom = { secretKeyRef: { name: reference.secretName, key: reference.key, optional: true } };
    const env: EnvVar[] = [{ name: SECRETS_ENV_PREFIX_ENV, value: this.#prefix }];
    if (secret.envVar !== '') env.push({ name: requireEnvVarName(secret.envVar, 'envVar'), valueFrom });
    env.push({ name, valueFrom });
    edit.setEnv(...env);
  }

  #injectFile(secret: SecretRequest, reference: K8sSecretReference, edit: PodEdit): void {
    const { secretName, key } = reference;
    const path = goLower(key);
    const existing = edit.pod.spec.volumes?.find((volume) => volume.secret?.secretName === secretName && isSecretVolumeNameOf(volume.name, secretName));
    const clash = existing?.secret?.items?.find((item) => item.path === path && item.key !== key);
    if (clash !== undefined) {
      throw new InjectionError(InjectionErrorCode.InvalidRequest, `keys "${clash.key}" and "${key}" of Secret "${secretName}" would both be the file ${path}; ask for one of them`);
    }
    const volumeName = existing?.name ?? secretVolumeName(secretName, secret.groupVersion);
    if (existing === undefined && edit.pod.spec.volumes?.some((volume) => volume.name === volumeName)) {
      // Flyte would add a second volume of that name and the API server would refuse the pod; mounting the
      // pod's own volume in its place would hand the containers the wrong files.
      throw new InjectionError(
        InjectionErrorCode.InvalidRequest,
        `the pod already has a volume named "${volumeName}" that is not a secret volume of Secret "${secretName}", so podsecrets cannot add its volume for it`,
      );
    }
    // A volume without items (or with none listed) projects every key of the Secret, each as the file of its own name.
    const wholeSecret = existing !== undefined && (existing.secret?.items ?? []).length === 0;
    if (wholeSecret && path !== key) {
      // Adding the item would narrow the pod's volume to that one key, and its other files would vanish.
      throw new InjectionError(
        InjectionErrorCode.InvalidRequest,
        `the pod's volume "${volumeName}" holds the whole Secret "${secretName}", so key "${key}" is its file ${key}, not ${path} as podsecrets would name it; podsecrets does not rewrite a pod's own volume`,
      );
    }
    if (existing === undefined) {
      edit.addVolume({ name: volumeName, secret: { secretName, items: [{ key, path }], optional: true } });
    } else if (!wholeSecret && !existing.secret?.items?.some((item) => item.key === key)) {
      edit.updateVolume(volumeName, (volume) => volume.secret!.items!.push({ key, path }));
    }
    const mountPath = joinPath(SECRETS_MOUNT_DIR, goLower(secretName));
    edit.mountInAllContainers({ name: volumeName, readOnly: true, mountPath });
    const env: EnvVar[] = [];
    if (secret.envVar !== '') env.push({ name: requireEnvVarName(secret.envVar, 'envVar'), value: joinPath(mountPath, path) });
    env.push({ name: SECRETS_FILE_PREFIX_ENV, value: '' }, { name: SECRETS_DEFAULT_DIR_ENV, value: SECRETS_MOUNT_DIR });
    edit.setEnv(...env);
  }
}

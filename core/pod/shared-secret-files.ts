import { requireEnvVarName } from '../injector/require-env-var-name.js';
import { SECRETS_DEFAULT_DIR_ENV, SECRETS_FILE_PREFIX_ENV, SECRETS_MOUNT_DIR } from '../naming/flyte-conventions.js';
import type { PodEdit } from './pod-edit.js';
import type { EnvVar } from './pod-types.js';

/**
 * Adds the in-memory volume that fetching init containers write secrets into, and mounts it
 * read-only at /etc/flyte/secrets in every container (a fetcher, which mounts it writable under the
 * same volume name, keeps its own mount). Memory, so that secrets never touch the node's disk.
 */
export function shareSecretFilesVolume(edit: PodEdit, volumeName: string): void {
  edit.addVolume({ name: volumeName, emptyDir: { medium: 'Memory' } });
  edit.mountInAllContainers({ name: volumeName, readOnly: true, mountPath: SECRETS_MOUNT_DIR });
}

/**
 * Tells every container where secret files are (Flyte's FLYTE_SECRETS_DEFAULT_DIR and an empty
 * FLYTE_SECRETS_FILE_PREFIX) and, when the request names `envVar`, sets it to the file's path.
 * The order is Flyte v2's: the request's variable first, then the prefix, then the directory.
 */
export function setSecretFileEnv(edit: PodEdit, envVar: string, filePath: string): void {
  const env: EnvVar[] = [];
  if (envVar !== '') env.push({ name: requireEnvVarName(envVar, 'envVar'), value: filePath });
  env.push({ name: SECRETS_FILE_PREFIX_ENV, value: '' }, { name: SECRETS_DEFAULT_DIR_ENV, value: SECRETS_MOUNT_DIR });
  edit.setEnv(...env);
}

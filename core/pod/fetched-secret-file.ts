import { requireFileMount } from '../injector/require-file-mount.js';
import type { SecretRequest } from '../secret/secret-request.js';
import { addFetcherInitContainer, type FetcherInitContainer } from './fetcher-init-container.js';
import type { PodEdit } from './pod-edit.js';
import { setSecretFileEnv, shareSecretFilesVolume } from './shared-secret-files.js';

/** A secret that an init container fetches into the shared volume: what {@link deliverFetchedFile} needs. */
export interface FetchedSecretFile extends FetcherInitContainer {
  /** The backend's name for messages, e.g. `Google Secret Manager`. */
  readonly backend: string;
}

/**
 * The whole delivery of a backend that fetches in an init container (Flyte's AWS, GCP and Azure
 * injectors): refuses ENV_VAR, adds the fetcher in front of the pod's own init containers, shares the
 * in-memory volume read-only with every container, and sets Flyte's file variables and `envVar`.
 */
export function deliverFetchedFile(edit: PodEdit, secret: SecretRequest, file: FetchedSecretFile): void {
  requireFileMount(secret, file.backend, 'written by an init container before the containers start');
  addFetcherInitContainer(edit, file);
  shareSecretFilesVolume(edit, file.volumeName);
  setSecretFileEnv(edit, secret.envVar, file.filePath);
}

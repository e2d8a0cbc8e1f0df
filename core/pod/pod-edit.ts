import type { Container, EnvVar, Pod, Volume, VolumeMount } from './pod-types.js';

/** A pod that may be read but not written: injectors record changes through {@link PodEdit}. */
export type ReadonlyPod = DeepReadonly<Pod>;

export type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/**
 * The changes one injector makes for one secret, recorded rather than applied: the mutator applies
 * them only when the injector succeeds, then applies the environment and mounts of every secret to
 * every container in one pass at the end. Each operation is idempotent, so a pod that already holds
 * an edit is left as it is.
 */
export interface PodEdit {
  /**
   * The pod as it stands before this secret, with the volumes, init containers and annotations of the
   * secrets injected before it. Environment variables and mounts of earlier secrets are not yet in it.
   */
  readonly pod: ReadonlyPod;

  /**
   * Puts `env` first in every init and main container, in the order given, replacing any variable of
   * the same name (Flyte v2: the webhook wins over the pod). Throws an {@link InjectionError} with code
   * `EnvConflict` if another secret of the pod, or this edit, already set a variable of that name to
   * something else: Flyte would let the later one win and one secret would read the other's value.
   */
  setEnv(...env: EnvVar[]): void;

  /**
   * Adds `mount` to every init and main container that has no mount of the same volume name.
   * Throws an {@link InjectionError} with code `MountConflict` if a container already mounts another
   * volume at the same path, since the API server would refuse the pod.
   */
  mountInAllContainers(mount: VolumeMount): void;

  /** Adds `volume` unless the pod has a volume of that name. */
  addVolume(volume: Volume): void;

  /** Changes the volume named `name`, which must exist when the edit is applied. */
  updateVolume(name: string, update: (volume: Volume) => void): void;

  /**
   * Adds `container` before the pod's own init containers (after those added earlier by podsecrets),
   * so that the secrets it fetches exist when the pod's init containers run. Skipped if the pod
   * already has an init container of that name.
   */
  addInitContainer(container: Container): void;

  /** Changes the init container named `name`, which must exist when the edit is applied. */
  updateInitContainer(name: string, update: (container: Container) => void): void;

  /** Sets each annotation the pod does not already have: the pod's own annotations win. */
  setAnnotationsIfAbsent(annotations: Readonly<Record<string, string>>): void;

  /** Adds `name` to `spec.imagePullSecrets` unless present, keeping the list sorted by name. */
  addImagePullSecret(name: string): void;

  /** A warning for the admission response: something the user should know was skipped or degraded. */
  warn(message: string): void;

  /**
   * Runs `effect` (a write outside the pod, e.g. the Secret the pod will reference) only once every
   * secret of the pod has been injected, just before the pod is admitted: a pod denied on a later
   * secret, or an edit the mutator discards, runs none, so nothing is left behind for a pod that is
   * never created. Effects run one after another in the order recorded. An effect that rejects denies
   * the pod, with its {@link InjectionError}'s code and message; effects that already ran stay done.
   */
  onAdmit(effect: (signal: AbortSignal) => Promise<void>): void;
}

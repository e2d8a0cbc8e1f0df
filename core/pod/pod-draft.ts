import { InjectionError, InjectionErrorCode } from '../injector/injection-error.js';
import type { PodEdit, ReadonlyPod } from './pod-edit.js';
import type { Container, EnvVar, Pod, Volume, VolumeMount } from './pod-types.js';
import { foldEnvBlocks, withLeadingEnv } from './env-blocks.js';

/** The state an edit changes: the draft pod, and how many init containers podsecrets has put in front of it. */
interface DraftState {
  readonly pod: Pod;
  addedInitContainers: number;
}

type PodChange = (state: DraftState) => void;

/**
 * A copy of the request's pod that collects the edits of every secret that was injected. Volumes, init
 * containers and annotations change at once; environment variables and mounts, which go to every
 * container, are gathered and written in one pass by {@link PodDraft.finish}.
 */
export class PodDraft {
  readonly #state: DraftState;
  readonly #envBlocks: EnvVar[][] = [];
  readonly #mounts = new Map<string, VolumeMount>();
  /**
   * mountPath -> every volume name mounted there, over the pod's own mounts and those recorded so far:
   * two containers may mount different volumes at one path, and a mount added to all of them must
   * clash with neither.
   */
  readonly #mountPaths = new Map<string, Set<string>>();
  readonly #warnings: string[] = [];

  constructor(pod: Pod) {
    this.#state = { pod: structuredClone(pod), addedInitContainers: 0 };
    for (const container of this.#containers()) {
      for (const mount of container.volumeMounts ?? []) {
        this.#recordMountPath(mount);
      }
    }
  }

  get pod(): ReadonlyPod {
    return this.#state.pod;
  }

  get warnings(): readonly string[] {
    return this.#warnings;
  }

  /** A fresh, empty edit for one injector's attempt at one secret. */
  begin(): PendingPodEdit {
    return new PendingPodEdit(this.#state.pod, this.#mountPaths);
  }

  /** Applies an edit whose injector succeeded. */
  apply(edit: PendingPodEdit): void {
    for (const change of edit.changes) change(this.#state);
    if (edit.env.length > 0) this.#envBlocks.push(edit.env);
    for (const mount of edit.mounts) {
      if (!this.#mounts.has(mount.name)) this.#mounts.set(mount.name, mount);
      this.#recordMountPath(mount);
    }
    this.#warnings.push(...edit.warnings);
  }

  /** The pod with every applied edit; the draft must not be used afterwards. */
  finish(): Pod {
    const leading = foldEnvBlocks(this.#envBlocks);
    const leadingNames = new Set(leading.map((env) => env.name));
    const mounts = [...this.#mounts.values()];
    for (const container of this.#containers()) {
      if (leading.length > 0) container.env = withLeadingEnv(container.env, leading, leadingNames);
      if (mounts.length > 0) addMissingMounts(container, mounts);
    }
    return this.#state.pod;
  }

  #recordMountPath(mount: VolumeMount): void {
    const owners = this.#mountPaths.get(mount.mountPath) ?? new Set<string>();
    owners.add(mount.name);
    this.#mountPaths.set(mount.mountPath, owners);
  }

  *#containers(): Iterable<Container> {
    yield* this.#state.pod.spec.initContainers ?? [];
    yield* this.#state.pod.spec.containers;
  }
}

function addMissingMounts(container: Container, mounts: readonly VolumeMount[]): void {
  const existing = container.volumeMounts ?? [];
  const names = new Set(existing.map((mount) => mount.name));
  const missing = mounts.filter((mount) => !names.has(mount.name));
  if (missing.length > 0) container.volumeMounts = [...existing, ...missing];
}

/** The {@link PodEdit} handed to an injector: it only records. */
export class PendingPodEdit implements PodEdit {
  readonly changes: PodChange[] = [];
  readonly env: EnvVar[] = [];
  readonly mounts: VolumeMount[] = [];
  readonly warnings: string[] = [];
  readonly #pod: Pod;
  readonly #mountPaths: ReadonlyMap<string, ReadonlySet<string>>;

  constructor(pod: Pod, mountPaths: ReadonlyMap<string, ReadonlySet<string>>) {
    this.#pod = pod;
    this.#mountPaths = mountPaths;
  }

  get pod(): ReadonlyPod {
    return this.#pod;
  }

  setEnv(...env: EnvVar[]): void {
    // A later block is folded in front of this one; keeping the block's own order needs it reversed here.
    const block = env.map((entry) => structuredClone(entry));
    this.env.unshift(...block);
  }

  mountInAllContainers(mount: VolumeMount): void {
    const owners = [...(this.#mountPaths.get(mount.mountPath) ?? []), ...this.mounts.filter((m) => m.mountPath === mount.mountPath).map((m) => m.name)];
    const owner = owners.find((name) => name !== mount.name);
    if (owner !== undefined) {
      throw new InjectionError(
        InjectionErrorCode.MountConflict,
        `mount path ${mount.mountPath} is already used by volume "${owner}", so volume "${mount.name}" cannot be mounted there`,
      );
    }
    this.mounts.push({ ...mount });
  }

  addVolume(volume: Volume): void {
    const copy = structuredClone(volume);
    this.changes.push(({ pod }) => {
      const volumes = (pod.spec.volumes ??= []);
      if (!volumes.some((existing) => existing.name === copy.name)) volumes.push(copy);
    });
  }

  updateVolume(name: string, update: (volume: Volume) => void): void {
    this.changes.push(({ pod }) => {
      const volume = pod.spec.volumes?.find((existing) => existing.name === name);
      if (volume === undefined) throw new Error(`podsecrets bug: no volume "${name}" to update`);
      update(volume);
    });
  }

  addInitContainer(container: Container): void {
    const copy = structuredClone(container);
    this.changes.push((state) => {
      const initContainers = (state.pod.spec.initContainers ??= []);
      if (initContainers.some((existing) => existing.name === copy.name)) return;
      initContainers.splice(state.addedInitContainers, 0, copy);
      state.addedInitContainers += 1;
    });
  }

  updateInitContainer(name: string, update: (container: Container) => void): void {
    this.changes.push(({ pod }) => {
      const container = pod.spec.initContainers?.find((existing) => existing.name === name);
      if (container === undefined) throw new Error(`podsecrets bug: no init container "${name}" to update`);
      update(container);
    });
  }

  setAnnotationsIfAbsent(annotations: Readonly<Record<string, string>>): void {
    const copy = { ...annotations };
    this.changes.push(({ pod }) => {
      const metadata = (pod.metadata ??= {});
      const current = (metadata.annotations ??= {});
      for (const [key, value] of Object.entries(copy)) {
        if (!Object.hasOwn(current, key)) current[key] = value;
      }
    });
  }

  addImagePullSecret(name: string): void {
    this.changes.push(({ pod }) => {
      const secrets = (pod.spec.imagePullSecrets ??= []);
      if (secrets.some((reference) => reference.name === name)) return;
      secrets.push({ name });
      secrets.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    });
  }

  warn(message: string): void {
    this.warnings.push(message);
  }
}

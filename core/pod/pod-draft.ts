import { InjectionError, InjectionErrorCode } from '../injector/injection-error.js';
import type { PodEdit, ReadonlyPod } from './pod-edit.js';
import type { Container, EnvVar, Pod, PodSpec, Volume, VolumeMount } from './pod-types.js';
import { foldEnvBlocks, withLeadingEnv } from './env-blocks.js';

/** The state an edit changes: the draft pod, and how many init containers podsecrets has put in front of it. */
interface DraftState {
  readonly pod: Pod;
  addedInitContainers: number;
}

/** mountPath -> the names of the volumes mounted there, in any container. */
type MountPathOwners = Map<string, Set<string>>;

type PodChange = (state: DraftState) => void;

/**
 * A copy of the request's pod that collects the edits of every secret that was injected. Volumes, init
 * containers and annotations change at once; environment variables and mounts, which go to every
 * container, are gathered and written in one pass by {@link PodDraft.finish}.
 */
export class PodDraft {
  #state: DraftState;
  readonly #envBlocks: EnvVar[][] = [];
  /** The variables of the edits applied so far, by name. */
  readonly #envByName = new Map<string, EnvVar>();
  readonly #mounts = new Map<string, VolumeMount>();
  /** Over the pod's own mounts and those recorded so far. */
  readonly #mountPaths: MountPathOwners = new Map();
  readonly #warnings: string[] = [];

  constructor(pod: Pod) {
    this.#state = { pod: structuredClone(pod), addedInitContainers: 0 };
    for (const container of this.#containers()) {
      for (const mount of container.volumeMounts ?? []) addMountPathOwner(this.#mountPaths, mount);
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
    return new PendingPodEdit(this.#state.pod, this.#mountPaths, this.#envByName);
  }

  /**
   * Applies an edit whose injector succeeded, all or nothing: if a change throws (an update of a volume
   * or init container that is not there, or a plugin's update callback failing), the draft is left as
   * it was and the error propagates.
   */
  apply(edit: PendingPodEdit): void {
    if (edit.changes.length > 0) {
      const next: DraftState = { pod: writableCopy(this.#state.pod), addedInitContainers: this.#state.addedInitContainers };
      for (const change of edit.changes) change(next);
      this.#state = next;
    }
    if (edit.env.length > 0) this.#envBlocks.push(edit.env);
    for (const env of edit.env) this.#envByName.set(env.name, env);
    for (const mount of edit.mounts) {
      if (!this.#mounts.has(mount.name)) this.#mounts.set(mount.name, mount);
      addMountPathOwner(this.#mountPaths, mount);
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

  *#containers(): Iterable<Container> {
    yield* this.#state.pod.spec.initContainers ?? [];
    yield* this.#state.pod.spec.containers;
  }
}

/**
 * A copy of `pod` that owns every part a recorded change may write (annotations, volumes, init
 * containers, image pull secrets) and shares the rest, the containers above all: applying an edit
 * to it and dropping it on failure costs a copy of those parts only, not of the whole pod.
 */
function writableCopy(pod: Pod): Pod {
  const spec: PodSpec = { ...pod.spec };
  if (pod.spec.volumes !== undefined) spec.volumes = structuredClone(pod.spec.volumes);
  if (pod.spec.initContainers !== undefined) spec.initContainers = structuredClone(pod.spec.initContainers);
  if (pod.spec.imagePullSecrets !== undefined) spec.imagePullSecrets = structuredClone(pod.spec.imagePullSecrets);
  const copy: Pod = { ...pod, spec };
  if (pod.metadata !== undefined) {
    copy.metadata = { ...pod.metadata };
    if (pod.metadata.annotations !== undefined) copy.metadata.annotations = { ...pod.metadata.annotations };
  }
  return copy;
}

/** JSON with object keys sorted, so that equal variables compare equal whatever order their fields were written in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    typeof field === 'object' && field !== null && !Array.isArray(field)
      ? Object.fromEntries(Object.entries(field).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : field,
  );
}

function addMountPathOwner(owners: MountPathOwners, mount: VolumeMount): void {
  const names = owners.get(mount.mountPath);
  if (names === undefined) owners.set(mount.mountPath, new Set([mount.name]));
  else names.add(mount.name);
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
  readonly #earlierEnv: ReadonlyMap<string, EnvVar>;

  constructor(pod: Pod, mountPaths: ReadonlyMap<string, ReadonlySet<string>>, earlierEnv: ReadonlyMap<string, EnvVar> = new Map()) {
    this.#pod = pod;
    this.#mountPaths = mountPaths;
    this.#earlierEnv = earlierEnv;
  }

  get pod(): ReadonlyPod {
    return this.#pod;
  }

  setEnv(...env: EnvVar[]): void {
    // Flyte lets the later secret win; then one of two secrets silently gets the other's value.
    for (const entry of env) {
      const earlier = this.#earlierEnv.get(entry.name) ?? this.env.find((other) => other.name === entry.name);
      if (earlier !== undefined && canonicalJson(earlier) !== canonicalJson(entry)) {
        throw new InjectionError(
          InjectionErrorCode.EnvConflict,
          `environment variable ${entry.name} is already set to something else for another secret of this pod; two secrets cannot share one variable`,
        );
      }
    }
    // A later block is folded in front of this one; keeping the block's own order needs it reversed here.
    const block = env.map((entry) => structuredClone(entry));
    this.env.unshift(...block);
  }

  mountInAllContainers(mount: VolumeMount): void {
    // Pod-wide, not per container: a container that lacks this volume may hold the other one at that path.
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

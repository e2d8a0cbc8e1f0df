import { InjectionError, InjectionErrorCode } from '../injector/injection-error.js';
import type { PodEdit, ReadonlyPod } from './pod-edit.js';
import type { Container, EnvVar, Pod, Volume, VolumeMount } from './pod-types.js';
import { cloneJson } from './clone-json.js';
import { foldEnvBlocks, withLeadingEnv } from './env-blocks.js';

/** The state an edit changes: the draft pod, and how many init containers podsecrets has put in front of it. */
interface DraftState {
  readonly pod: Pod;
  addedInitContainers: number;
  /** Volumes and init containers that are the draft's own deep copies, which an update may change in place. */
  readonly owned: WeakSet<object>;
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
  /** mountPath -> volume name, over the pod's own mounts and those recorded so far. */
  readonly #mountPaths = new Map<string, string>();
  readonly #warnings: string[] = [];

  constructor(pod: Pod) {
    this.#state = { pod: copyEditedParts(pod), addedInitContainers: 0, owned: new WeakSet() };
    for (const container of this.#containers()) {
      for (const mount of container.volumeMounts ?? []) {
        if (!this.#mountPaths.has(mount.mountPath)) this.#mountPaths.set(mount.mountPath, mount.name);
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
      if (!this.#mountPaths.has(mount.mountPath)) this.#mountPaths.set(mount.mountPath, mount.name);
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
 * A copy of `pod` in which the objects and lists podsecrets writes to are new, and everything else is
 * shared with the request's object: copying the whole pod cost more than all the edits, and sharing
 * lets the patch skip what did not change. Nothing shared is ever written: the lists below are copied,
 * containers are copied one level (their env and mounts are replaced, never edited), and a volume or
 * init container is deep-copied before an update changes it ({@link ownCopy}).
 */
function copyEditedParts(pod: Pod): Pod {
  const spec = { ...pod.spec, containers: pod.spec.containers.map((container) => ({ ...container })) };
  if (Array.isArray(spec.initContainers)) spec.initContainers = spec.initContainers.map((container) => ({ ...container }));
  if (Array.isArray(spec.volumes)) spec.volumes = [...spec.volumes];
  if (Array.isArray(spec.imagePullSecrets)) spec.imagePullSecrets = [...spec.imagePullSecrets];
  const copy: Pod = { ...pod, spec };
  if (pod.metadata !== undefined && pod.metadata !== null) {
    const annotations = pod.metadata.annotations;
    copy.metadata = { ...pod.metadata, ...(annotations !== undefined && annotations !== null ? { annotations: { ...annotations } } : {}) };
  }
  return copy;
}

/** The element at `index` of `list` as the draft's own deep copy, put in its place. */
function ownCopy<T extends object>(list: T[], index: number, owned: WeakSet<object>): T {
  const current = list[index]!;
  if (owned.has(current)) return current;
  const copy = cloneJson(current);
  owned.add(copy);
  list[index] = copy;
  return copy;
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
  readonly #mountPaths: ReadonlyMap<string, string>;

  constructor(pod: Pod, mountPaths: ReadonlyMap<string, string>) {
    this.#pod = pod;
    this.#mountPaths = mountPaths;
  }

  get pod(): ReadonlyPod {
    return this.#pod;
  }

  setEnv(...env: EnvVar[]): void {
    // A later block is folded in front of this one; keeping the block's own order needs it reversed here.
    const block = env.map((entry) => cloneJson(entry));
    this.env.unshift(...block);
  }

  mountInAllContainers(mount: VolumeMount): void {
    const owner = this.#mountPaths.get(mount.mountPath) ?? this.mounts.find((m) => m.mountPath === mount.mountPath)?.name;
    if (owner !== undefined && owner !== mount.name) {
      throw new InjectionError(
        InjectionErrorCode.MountConflict,
        `mount path ${mount.mountPath} is already used by volume "${owner}", so volume "${mount.name}" cannot be mounted there`,
      );
    }
    this.mounts.push({ ...mount });
  }

  addVolume(volume: Volume): void {
    const copy = cloneJson(volume);
    this.changes.push(({ pod, owned }) => {
      const volumes = (pod.spec.volumes ??= []);
      if (volumes.some((existing) => existing.name === copy.name)) return;
      volumes.push(copy);
      owned.add(copy);
    });
  }

  updateVolume(name: string, update: (volume: Volume) => void): void {
    this.changes.push(({ pod, owned }) => {
      const volumes = pod.spec.volumes ?? [];
      const index = volumes.findIndex((existing) => existing.name === name);
      if (index < 0) throw new Error(`podsecrets bug: no volume "${name}" to update`);
      update(ownCopy(volumes, index, owned));
    });
  }

  addInitContainer(container: Container): void {
    const copy = cloneJson(container);
    this.changes.push((state) => {
      const initContainers = (state.pod.spec.initContainers ??= []);
      if (initContainers.some((existing) => existing.name === copy.name)) return;
      initContainers.splice(state.addedInitContainers, 0, copy);
      state.owned.add(copy);
      state.addedInitContainers += 1;
    });
  }

  updateInitContainer(name: string, update: (container: Container) => void): void {
    this.changes.push(({ pod, owned }) => {
      const initContainers = pod.spec.initContainers ?? [];
      const index = initContainers.findIndex((existing) => existing.name === name);
      if (index < 0) throw new Error(`podsecrets bug: no init container "${name}" to update`);
      update(ownCopy(initContainers, index, owned));
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

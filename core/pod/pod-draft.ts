import { InjectionError, InjectionErrorCode } from '../injector/injection-error.js';
import type { DeepReadonly, PodEdit, ReadonlyPod } from './pod-edit.js';
import { FETCHER_FILE_ENV } from './fetcher-init-container.js';
import type { Container, EnvVar, Pod, Volume, VolumeMount } from './pod-types.js';
import { cloneJson } from './clone-json.js';
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
    this.#state = { pod: copyForDraft(pod), addedInitContainers: 0 };
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
      const next: DraftState = { pod: shallowCopy(this.#state.pod), addedInitContainers: this.#state.addedInitContainers };
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
 * A copy of `pod` whose `spec` and `metadata` are its own objects: the changes of an edit replace
 * arrays and maps there instead of writing into them, so the pod the copy was made from is untouched.
 */
function shallowCopy(pod: Pod): Pod {
  const copy: Pod = { ...pod, spec: { ...pod.spec } };
  if (pod.metadata !== undefined) copy.metadata = { ...pod.metadata };
  return copy;
}

/**
 * The draft's starting copy of the request's pod: the pod, its spec and metadata, and each container
 * one level deep (finish() sets their env and mounts), while everything else is shared with the
 * request's object. Changes never write into what they were given, so sharing is safe; copying the
 * whole pod cost more than all the edits, and sharing lets the patch skip what did not change.
 */
function copyForDraft(pod: Pod): Pod {
  const copy = shallowCopy(pod);
  copy.spec.containers = pod.spec.containers.map((container) => ({ ...container }));
  if (Array.isArray(pod.spec.initContainers)) copy.spec.initContainers = pod.spec.initContainers.map((container) => ({ ...container }));
  return copy;
}

function sameEnv(a: EnvVar, b: EnvVar): boolean {
  // The common case, a plain value set again (FLYTE_SECRETS_DEFAULT_DIR by every file secret), without serializing.
  if (Object.keys(a).length === 2 && Object.keys(b).length === 2 && typeof a.value === 'string' && typeof b.value === 'string') return a.value === b.value;
  return canonicalJson(a) === canonicalJson(b);
}

/** JSON with object keys sorted, so that equal variables compare equal whatever order their fields were written in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    typeof field === 'object' && field !== null && !Array.isArray(field) ? Object.fromEntries(Object.entries(field).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : field,
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
  readonly effects: ((signal: AbortSignal) => Promise<void>)[] = [];
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
      if (earlier !== undefined && !sameEnv(earlier, entry)) {
        throw new InjectionError(
          InjectionErrorCode.EnvConflict,
          `environment variable ${entry.name} is already set to something else for another secret of this pod; two secrets cannot share one variable`,
        );
      }
    }
    // A later block is folded in front of this one; keeping the block's own order needs it reversed here.
    const block = env.map((entry) => cloneJson(entry));
    this.env.unshift(...block);
  }

  mountInAllContainers(mount: VolumeMount): void {
    // Pod-wide, not per container: a container that lacks this volume may hold the other one at that path.
    const owners = [...(this.#mountPaths.get(mount.mountPath) ?? []), ...this.mounts.filter((m) => m.mountPath === mount.mountPath).map((m) => m.name)];
    const owner = owners.find((name) => name !== mount.name);
    if (owner !== undefined) {
      throw new InjectionError(InjectionErrorCode.MountConflict, `mount path ${mount.mountPath} is already used by volume "${owner}", so volume "${mount.name}" cannot be mounted there`);
    }
    for (const fetcher of this.#pod.spec.initContainers ?? []) {
      const file = fetcherFile(fetcher);
      if (file !== undefined && isAtOrUnder(file, mount.mountPath) && !mountsVolume(fetcher, mount.name)) {
        throw shadowedFile(fetcher.name, file, mount.name, mount.mountPath);
      }
    }
    this.mounts.push({ ...mount });
  }

  // Each change writes fresh arrays and objects and never one it was given, so a change that throws
  // leaves the draft's pod as it was (see PodDraft.apply).
  addVolume(volume: Volume): void {
    const copy = cloneJson(volume);
    this.changes.push(({ pod }) => {
      const volumes = pod.spec.volumes ?? [];
      if (!volumes.some((existing) => existing.name === copy.name)) pod.spec.volumes = [...volumes, copy];
    });
  }

  updateVolume(name: string, update: (volume: Volume) => void): void {
    this.changes.push(({ pod }) => {
      const volumes = pod.spec.volumes ?? [];
      const index = volumes.findIndex((existing) => existing.name === name);
      if (index < 0) throw new Error(`podsecrets bug: no volume "${name}" to update`);
      const volume = cloneJson(volumes[index]!);
      update(volume);
      pod.spec.volumes = volumes.with(index, volume);
    });
  }

  addInitContainer(container: Container): void {
    const file = fetcherFile(container);
    if (file !== undefined) {
      const pending = this.mounts.map((mount): [string, ReadonlySet<string>] => [mount.mountPath, new Set([mount.name])]);
      for (const [path, names] of [...this.#mountPaths, ...pending]) {
        const other = [...names].find((name) => !mountsVolume(container, name));
        if (other !== undefined && isAtOrUnder(file, path)) throw shadowedFile(container.name, file, other, path);
      }
    }
    const copy = cloneJson(container);
    this.changes.push((state) => {
      const initContainers = state.pod.spec.initContainers ?? [];
      if (initContainers.some((existing) => existing.name === copy.name)) return;
      state.pod.spec.initContainers = initContainers.toSpliced(state.addedInitContainers, 0, copy);
      state.addedInitContainers += 1;
    });
  }

  updateInitContainer(name: string, update: (container: Container) => void): void {
    this.changes.push(({ pod }) => {
      const initContainers = pod.spec.initContainers ?? [];
      const index = initContainers.findIndex((existing) => existing.name === name);
      if (index < 0) throw new Error(`podsecrets bug: no init container "${name}" to update`);
      const container = cloneJson(initContainers[index]!);
      update(container);
      pod.spec.initContainers = initContainers.with(index, container);
    });
  }

  setAnnotationsIfAbsent(annotations: Readonly<Record<string, string>>): void {
    const copy = { ...annotations };
    this.changes.push(({ pod }) => {
      const current = pod.metadata?.annotations ?? {};
      const missing = Object.entries(copy).filter(([key]) => !Object.hasOwn(current, key));
      if (missing.length === 0) return;
      pod.metadata = { ...pod.metadata, annotations: { ...current, ...Object.fromEntries(missing) } };
    });
  }

  addImagePullSecret(name: string): void {
    this.changes.push(({ pod }) => {
      const secrets = pod.spec.imagePullSecrets ?? [];
      if (secrets.some((reference) => reference.name === name)) return;
      pod.spec.imagePullSecrets = [...secrets, { name }].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    });
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  onAdmit(effect: (signal: AbortSignal) => Promise<void>): void {
    this.effects.push(effect);
  }
}

/** The file a podsecrets fetcher init container writes (see FETCHER_FILE_ENV), or undefined. */
function fetcherFile(container: DeepReadonly<Container>): string | undefined {
  return container.env?.find((env) => env.name === FETCHER_FILE_ENV)?.value;
}

function mountsVolume(container: DeepReadonly<Container>, volumeName: string): boolean {
  return container.volumeMounts?.some((mount) => mount.name === volumeName) ?? false;
}

function isAtOrUnder(file: string, directory: string): boolean {
  return file === directory || file.startsWith(directory.endsWith('/') ? directory : `${directory}/`);
}

// Another secret's volume mounted at or above a fetched file hides it from the workload and, in the
// fetcher, makes its directory read-only: the pod would start without that secret or not at all.
function shadowedFile(fetcher: string, file: string, volume: string, path: string): InjectionError {
  return new InjectionError(
    InjectionErrorCode.MountConflict,
    `init container "${fetcher}" writes ${file}, but volume "${volume}" is mounted at ${path} over it; ask for one of them or use one backend for both`,
  );
}

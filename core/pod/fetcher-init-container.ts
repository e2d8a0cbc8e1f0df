import { isDnsLabel } from '../naming/k8s-name-rules.js';
import { md5Hex } from '../naming/md5-hex.js';
import type { ContainerResources } from './container-resources.js';
import type { PodEdit } from './pod-edit.js';
import type { Container, EnvVar } from './pod-types.js';

/** An init container that fetches one secret into a volume the pod's containers share. */
export interface FetcherInitContainer {
  /** The start of the container's name, e.g. `aws-pull-secret`; a hash of {@link identity} follows. */
  readonly namePrefix: string;
  /**
   * What tells this fetch apart from the backend's others (e.g. the secret's id and the file it
   * writes). Two requests with the same identity share one container.
   */
  readonly identity: readonly string[];
  readonly image: string;
  readonly command?: readonly string[];
  readonly env?: readonly EnvVar[];
  /** The shared volume, mounted writable at {@link mountPath} in this container only. */
  readonly volumeName: string;
  readonly mountPath: string;
  readonly resources: ContainerResources;
}

// 12 hex digits: 48 bits, so two secrets of one pod never meet, and the name stays well within 63.
const NAME_HASH_LENGTH = 12;

/**
 * The container name of a fetch: `<prefix>-<hash of identity>`. Flyte numbers its sidecars by the
 * count of init containers, so the same secret gets another name when the pod or the order changes,
 * and a second pass adds a duplicate; a name derived from the secret is the same every time.
 */
export function fetcherInitContainerName(namePrefix: string, identity: readonly string[]): string {
  const name = `${namePrefix}-${md5Hex(JSON.stringify(identity)).slice(0, NAME_HASH_LENGTH)}`;
  if (!isDnsLabel(name)) throw new Error(`podsecrets bug: fetcher name "${name}" is not a DNS label`);
  return name;
}

/**
 * Adds the fetcher's init container, in front of the pod's own init containers so that the secret
 * exists before any of them runs, unless a container of that name is there already (a second pass).
 * Returns the container's name.
 */
export function addFetcherInitContainer(edit: PodEdit, fetcher: FetcherInitContainer): string {
  const name = fetcherInitContainerName(fetcher.namePrefix, fetcher.identity);
  const container: Container = {
    name,
    image: fetcher.image,
    ...(fetcher.command !== undefined ? { command: [...fetcher.command] } : {}),
    ...(fetcher.env !== undefined ? { env: fetcher.env.map((env) => ({ ...env })) } : {}),
    volumeMounts: [{ name: fetcher.volumeName, mountPath: fetcher.mountPath }],
    resources: { requests: { ...fetcher.resources.requests }, limits: { ...fetcher.resources.limits } },
  };
  edit.addInitContainer(container);
  return name;
}

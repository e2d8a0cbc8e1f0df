import { InjectionError, InjectionErrorCode } from '../injector/injection-error.js';
import { isDnsLabel } from '../naming/k8s-name-rules.js';
import { md5Hex } from '../naming/md5-hex.js';
import { type ContainerResources, containerResourcesSpec, undeclaredResourceClaims } from './container-resources.js';
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
  /** The file the container writes, under the shared volume as the pod's containers see it. */
  readonly filePath: string;
}

/** Records, on each fetcher, the file it writes: how a later request finds one that would write the same file. */
export const FETCHER_FILE_ENV = 'PODSECRETS_SECRET_FILE';

// The workload's Pod Security level must not be lowered by a container podsecrets adds: these settings
// satisfy the `restricted` profile, which the fetch images (gcloud, az, the AWS sidecar) run under.
const RESTRICTED_SECURITY_CONTEXT = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

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
  refuseFileClash(edit, name, fetcher.filePath);
  refuseUndeclaredClaims(edit, fetcher.resources);
  const container: Container = {
    name,
    image: fetcher.image,
    ...(fetcher.command !== undefined ? { command: [...fetcher.command] } : {}),
    env: [...(fetcher.env ?? []).map((env) => ({ ...env })), { name: FETCHER_FILE_ENV, value: fetcher.filePath }],
    volumeMounts: [{ name: fetcher.volumeName, mountPath: fetcher.mountPath }],
    resources: containerResourcesSpec(fetcher.resources),
    securityContext: structuredClone(RESTRICTED_SECURITY_CONTEXT),
  };
  edit.addInitContainer(container);
  return name;
}

/**
 * Two requests whose files are the same path, or one inside the other's (`db` and `db/v2`), would
 * overwrite each other or fail at mkdir: names are lower-cased and versions become directories.
 */
function refuseFileClash(edit: PodEdit, name: string, filePath: string): void {
  for (const container of edit.pod.spec.initContainers ?? []) {
    if (container.name === name) continue;
    const other = container.env?.find((env) => env.name === FETCHER_FILE_ENV)?.value;
    if (other === undefined) continue;
    if (other === filePath || other.startsWith(`${filePath}/`) || filePath.startsWith(`${other}/`)) {
      throw new InjectionError(InjectionErrorCode.InvalidRequest, `this secret would be written to ${filePath}, where init container "${container.name}" already writes ${other}; ask for one of them`);
    }
  }
}

/** A container naming a claim the pod does not declare is refused by the API server: say which, here. */
export function refuseUndeclaredClaims(edit: PodEdit, resources: ContainerResources): void {
  const missing = undeclaredResourceClaims(resources, edit.pod.spec['resourceClaims']);
  if (missing.length > 0) {
    throw new InjectionError(
      InjectionErrorCode.InvalidRequest,
      `the configured resources.claims of the fetching container name ${missing.map((name) => `"${name}"`).join(', ')}, which this pod does not declare in spec.resourceClaims; add the claim to the pod or remove it from the configuration`,
    );
  }
}

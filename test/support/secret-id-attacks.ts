import { MountRequirement, type SecretRequest } from '../../core/index.js';

/**
 * Keys that try to leave their scope through a backend's path: issue 10's attack (`/../platform/…`,
 * which made the Vault fetcher read secret/data/platform/root-credentials), a bare '..', and a climb
 * out of the mount.
 */
export const TRAVERSAL_KEYS = ['/../platform/root-credentials', '..', 'db/../../../../sys/raw'] as const;

/** Where issue 10's attack aimed: a secret outside every scope, beside the scoped ids. */
export const OUTSIDE_SCOPE_PATH = 'platform/root-credentials';

/**
 * Every way a pod can ask for a key; each takes another path through the injector to the fetcher
 * (an explicit envVar skips the generated name's check, FILE has a path check of its own).
 */
export const MOUNT_WAYS: readonly { readonly name: string; readonly request: Partial<SecretRequest> }[] = [
  { name: 'ENV_VAR with an explicit envVar', request: { mountRequirement: MountRequirement.ENV_VAR, envVar: 'STOLEN' } },
  { name: 'ANY with an explicit envVar', request: { mountRequirement: MountRequirement.ANY, envVar: 'STOLEN' } },
  { name: 'ANY', request: { mountRequirement: MountRequirement.ANY } },
  { name: 'FILE', request: { mountRequirement: MountRequirement.FILE } },
  { name: 'FILE with an explicit envVar', request: { mountRequirement: MountRequirement.FILE, envVar: 'STOLEN' } },
];

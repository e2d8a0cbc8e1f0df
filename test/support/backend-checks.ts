import { expect } from 'chai';
import type { Pod } from '../../core/index.js';
import type { InjectionFailure } from '../../core/mutation/mutation-result.js';
import type { Podsecrets } from '../../server/wiring/create-podsecrets.js';

const CONTEXT = { namespace: 'team-a', uid: 'test', dryRun: false, signal: new AbortController().signal };

/** Runs the mutator on `pod` and returns the failure that backend `type` reported; fails if the pod was not denied. */
export async function failureOf(podsecrets: Pick<Podsecrets, 'mutator'>, pod: Pod, type: string): Promise<InjectionFailure> {
  const result = await podsecrets.mutator.mutate(pod, CONTEXT);
  expect(result.outcome, 'the pod should be denied').to.equal('denied');
  const failure = result.outcome === 'denied' ? result.failures.find((candidate) => candidate.type === type) : undefined;
  if (failure === undefined) expect.fail(`no failure reported by ${type}`);
  return failure;
}

type Json = Record<string, unknown>;

/** The pod's containers of one kind, as plain objects. */
export function containersOf(pod: Json, field: 'containers' | 'initContainers'): Json[] {
  return (((pod['spec'] as Json)[field] ?? []) as Json[]).map((container) => container);
}

/** The names of the pod's init containers, in order. */
export function initContainerNames(pod: Json): string[] {
  return containersOf(pod, 'initContainers').map((container) => String(container['name']));
}

/** The value of env var `name` in `container`, or undefined. */
export function envValue(container: Json, name: string): string | undefined {
  return ((container['env'] ?? []) as { name: string; value?: string }[]).find((env) => env.name === name)?.value;
}

/**
 * Checks the layout every fetching backend gives a pod: its fetchers (`<prefix>-<12 hex>`) run before
 * the pod's own init containers, mount `volume` writable at `fetcherMountPath`, and every other
 * container mounts it read-only at /etc/flyte/secrets; the volume is an in-memory emptyDir, once.
 * Returns the fetchers.
 */
export function expectFetcherLayout(pod: Json, prefix: string, volume: string, fetcherMountPath: string): Json[] {
  const initContainers = containersOf(pod, 'initContainers');
  const isFetcher = (container: Json) => new RegExp(`^${prefix}-[0-9a-f]{12}$`).test(String(container['name']));
  const fetchers = initContainers.filter(isFetcher);
  expect(fetchers.length, 'fetchers').to.be.greaterThan(0);
  expect(initContainers.slice(0, fetchers.length).every(isFetcher), 'fetchers come first').to.equal(true);
  expect(((pod['spec'] as Json)['volumes'] as Json[]).filter((v) => v['name'] === volume)).to.deep.equal([{ name: volume, emptyDir: { medium: 'Memory' } }]);
  for (const fetcher of fetchers) expect(fetcher['volumeMounts']).to.deep.equal([{ name: volume, mountPath: fetcherMountPath }]);
  for (const container of [...initContainers.filter((c) => !isFetcher(c)), ...containersOf(pod, 'containers')]) {
    expect(container['volumeMounts'], `mounts of ${String(container['name'])}`).to.deep.include({ name: volume, readOnly: true, mountPath: '/etc/flyte/secrets' });
  }
  return fetchers;
}

/** The env every container gets for a file secret, in Flyte v2's order, after the request's envVar if any. */
export function fileSecretEnv(envVar?: { name: string; value: string }): { name: string; value: string }[] {
  return [...(envVar !== undefined ? [envVar] : []), { name: 'FLYTE_SECRETS_FILE_PREFIX', value: '' }, { name: 'FLYTE_SECRETS_DEFAULT_DIR', value: '/etc/flyte/secrets' }];
}

/** The security context every fetcher init container gets (Pod Security `restricted`). */
export const FETCHER_SECURITY_CONTEXT = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } };

import { expect } from 'chai';
import type { InjectionFailure, Pod } from '../../core/index.js';
import type { Podsecrets } from '../../server/bootstrap/create-podsecrets.js';

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

import type { EnvVar } from './pod-types.js';

/**
 * Folds the environment blocks recorded by every secret into the list that goes first in each
 * container. Flyte v2 prepends variables one by one, removing any of the same name, so the block
 * recorded last ends up first and a name keeps only its latest value. Folding once, instead of
 * prepending into each container's list, keeps the cost linear in containers times variables.
 */
export function foldEnvBlocks(blocks: readonly (readonly EnvVar[])[]): EnvVar[] {
  const seen = new Set<string>();
  const leading: EnvVar[] = [];
  for (let index = blocks.length - 1; index >= 0; index--) {
    for (const env of blocks[index] ?? []) {
      if (seen.has(env.name)) continue;
      seen.add(env.name);
      leading.push(env);
    }
  }
  return leading;
}

/** `leading`, then the container's own variables whose names `leading` does not use. */
export function withLeadingEnv(existing: readonly EnvVar[] | undefined, leading: readonly EnvVar[], leadingNames: ReadonlySet<string>): EnvVar[] {
  // The leading variables are shared between containers: the mutated pod is only serialized, never edited again.
  const result = [...leading];
  for (const env of existing ?? []) {
    if (!leadingNames.has(env.name)) result.push(env);
  }
  return result;
}

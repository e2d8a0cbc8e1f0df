/**
 * The format of a setting whose value is a mapping with keys of its own choosing (resources by name,
 * annotations by key). Such keys hold dots (`nvidia.com/gpu`, `vault.hashicorp.com/role`), which a
 * convict leaf cannot carry, so the configuration loader takes these settings aside: it lays the file's
 * mapping over the default and calls `check`, which throws an Error saying what is wrong.
 */
export const MAPPING_FORMAT = 'mapping';

/** A schema leaf of {@link MAPPING_FORMAT}. */
export interface MappingSetting<T> {
  readonly doc: string;
  readonly format: typeof MAPPING_FORMAT;
  readonly default: T;
  readonly check?: (value: Record<string, unknown>) => void;
}

/**
 * The convict format of a setting whose value is a mapping (resources, annotations). The loader
 * registers it under this exact name because convict merges a file's mapping into the default only
 * for a leaf of format `object`, and descends into (and fails on) any other leaf that holds a mapping.
 * A leaf of this format may carry `check(value)`, which throws an Error saying what is wrong.
 */
export const MAPPING_FORMAT = 'object';

/** A convict leaf of {@link MAPPING_FORMAT}. */
export interface MappingSetting<T> {
  readonly doc: string;
  readonly format: typeof MAPPING_FORMAT;
  readonly default: T;
  readonly check?: (value: Record<string, unknown>) => void;
}

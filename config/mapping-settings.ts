import { isJsonObject } from '../core/json/is-json-object.js';
import { MAPPING_FORMAT, type MappingSetting } from '../core/config/mapping-setting.js';

type SchemaNode = { [key: string]: unknown };

/** A mapping setting of the schema, and where it sits. */
interface MappingLeaf {
  readonly path: readonly string[];
  readonly setting: MappingSetting<unknown>;
}

function isMappingLeaf(node: unknown): node is MappingSetting<unknown> {
  return isJsonObject(node) && 'default' in node && node['format'] === MAPPING_FORMAT;
}

/**
 * Splits the schema into what convict validates and the mapping settings (see MAPPING_FORMAT), which
 * it cannot: convict walks every key of a value as a dotted path, so `vault.hashicorp.com/role` as a key
 * is "not found", and it descends into mapping values instead of keeping them whole.
 */
export function separateMappingSettings(schema: SchemaNode): { convictSchema: SchemaNode; leaves: MappingLeaf[] } {
  const leaves: MappingLeaf[] = [];
  const strip = (node: SchemaNode, path: string[]): SchemaNode => {
    const kept: SchemaNode = {};
    for (const [key, child] of Object.entries(node)) {
      if (isMappingLeaf(child)) leaves.push({ path: [...path, key], setting: child });
      else if (isJsonObject(child) && !('default' in child)) {
        const section = strip(child, [...path, key]);
        if (Object.keys(section).length > 0) kept[key] = section;
      } else kept[key] = child;
    }
    return kept;
  };
  return { convictSchema: strip(schema, []), leaves };
}

/** Removes each leaf's value from `document` (a fresh copy is returned) and returns the values found. */
export function takeMappingValues(document: Record<string, unknown>, leaves: readonly MappingLeaf[]): { rest: Record<string, unknown>; values: Map<MappingLeaf, unknown> } {
  const rest = structuredClone(document);
  const values = new Map<MappingLeaf, unknown>();
  for (const leaf of leaves) {
    let parent: unknown = rest;
    for (const key of leaf.path.slice(0, -1)) parent = isJsonObject(parent) ? parent[key] : undefined;
    const last = leaf.path[leaf.path.length - 1]!;
    if (isJsonObject(parent) && Object.hasOwn(parent, last)) {
      values.set(leaf, parent[last]);
      delete parent[last];
    }
  }
  return { rest, values };
}

/**
 * Each setting's value: the documents' mappings laid over the default in order (a later document's
 * keys win), checked. Problems are lines like convict's: `<key>: <what is wrong>: value was <value>`.
 */
export function resolveMappingSettings(leaves: readonly MappingLeaf[], documents: readonly Map<MappingLeaf, unknown>[]): { values: [readonly string[], unknown][]; problems: string[] } {
  const values: [readonly string[], unknown][] = [];
  const problems: string[] = [];
  for (const leaf of leaves) {
    const name = leaf.path.join('.');
    let value: unknown = structuredClone(leaf.setting.default);
    let bad = false;
    for (const document of documents) {
      if (!document.has(leaf)) continue;
      const given = document.get(leaf);
      if (given === null || given === undefined) continue;
      if (!isJsonObject(given)) {
        problems.push(`${name}: must be a mapping: value was ${JSON.stringify(given)}`);
        bad = true;
        continue;
      }
      value = { ...(value as Record<string, unknown>), ...given };
    }
    if (bad) continue;
    try {
      leaf.setting.check?.(value as Record<string, unknown>);
      values.push([leaf.path, value]);
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}: value was ${JSON.stringify(value)}`);
    }
  }
  return { values, problems };
}

/** Puts each value at its path in `properties` (convict's validated result). */
export function placeMappingValues(properties: Record<string, unknown>, values: readonly [readonly string[], unknown][]): void {
  for (const [path, value] of values) {
    let parent = properties;
    for (const key of path.slice(0, -1)) {
      if (!isJsonObject(parent[key])) parent[key] = {};
      parent = parent[key] as Record<string, unknown>;
    }
    parent[path[path.length - 1]!] = value;
  }
}

import type { ConfigSchemaContribution } from '../core/config/config-schema-contribution.js';
import { ConfigError } from './config-error.js';
import { isSchemaLeaf } from './schema-leaf.js';

type SchemaNode = { [key: string]: unknown };

/**
 * One convict schema from every contribution. A key claimed by two contributions is refused with both
 * owners named: two plugins must not silently redefine each other's settings.
 */
export function mergeSchemaFragments(contributions: readonly ConfigSchemaContribution[]): SchemaNode {
  const merged: SchemaNode = {};
  const owners = new Map<string, string>();
  const merge = (target: SchemaNode, source: SchemaNode, path: string, owner: string): void => {
    for (const [key, node] of Object.entries(source)) {
      const keyPath = path === '' ? key : `${path}.${key}`;
      const existing = target[key];
      if (existing === undefined) {
        target[key] = isSchemaLeaf(node) ? node : {};
        owners.set(keyPath, owner);
        if (!isSchemaLeaf(node)) merge(target[key] as SchemaNode, node as SchemaNode, keyPath, owner);
      } else if (isSchemaLeaf(node) || isSchemaLeaf(existing)) {
        throw new ConfigError(`configuration key ${keyPath} is declared by both ${owners.get(keyPath) ?? 'core'} and ${owner}`);
      } else {
        merge(existing as SchemaNode, node as SchemaNode, keyPath, owner);
      }
    }
  };
  for (const contribution of contributions) merge(merged, contribution.schema, '', contribution.owner);
  return merged;
}

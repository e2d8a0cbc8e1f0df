type Node = { [key: string]: unknown };

function isMapping(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLeaf(node: unknown): boolean {
  return isMapping(node) && 'default' in node;
}

export interface SplitDocument {
  /** What convict's `load` can merge. */
  readonly rest: Node;
  /** Settings whose value is a mapping, by dotted path, to be set whole. */
  readonly mappings: [string, Node][];
  /** Every value given to a declared setting, by dotted path, for error messages. */
  readonly values: [string, unknown][];
}

/**
 * Splits `document` into what convict's `load` can merge and the settings whose value is itself a
 * mapping (`namespaceSelector: {matchLabels: …}`). convict's merge walks into a mapping value as if it
 * were a section and throws a TypeError when the key's default is not a mapping; such values are set
 * whole instead, which is also what an operator means by them.
 */
export function splitMappingValues(document: Node, schema: Node, path = ''): SplitDocument {
  const rest: Node = {};
  const mappings: [string, Node][] = [];
  const values: [string, unknown][] = [];
  for (const [key, value] of Object.entries(document)) {
    const node = schema[key];
    const keyPath = path === '' ? key : `${path}.${key}`;
    if (isLeaf(node)) values.push([keyPath, value]);
    if (isLeaf(node) && isMapping(value)) {
      mappings.push([keyPath, value]);
    } else if (isMapping(node) && !isLeaf(node) && isMapping(value)) {
      const inner = splitMappingValues(value, node, keyPath);
      rest[key] = inner.rest;
      mappings.push(...inner.mappings);
      values.push(...inner.values);
    } else {
      rest[key] = value;
    }
  }
  return { rest, mappings, values };
}

/** Whether a node of a convict schema is a setting (it has a default) rather than a section of settings. */
export function isSchemaLeaf(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && 'default' in node;
}

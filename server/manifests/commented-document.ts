import { Document, isMap, isScalar } from 'yaml';

/** A comment to put above the key at `path` (map keys and sequence indexes). */
export interface FieldComment {
  readonly path: readonly (string | number)[];
  readonly text: string;
}

/**
 * A YAML document for `object` with each comment above its key, so the rendered manifests explain
 * their choices where a reviewer reads them. A path that does not exist is a bug in the renderer.
 */
export function commentedDocument(object: unknown, comments: readonly FieldComment[], header?: string): Document {
  const document = new Document(object, { aliasDuplicateObjects: false });
  for (const { path, text } of comments) {
    const parent = path.length === 1 ? document.contents : document.getIn(path.slice(0, -1), true);
    const key = path[path.length - 1];
    const pair = isMap(parent) ? parent.items.find((item) => isScalar(item.key) && item.key.value === key) : undefined;
    if (pair === undefined || !isScalar(pair.key)) throw new Error(`manifest comment for a missing field: ${path.join('.')}`);
    pair.key.commentBefore = text
      .split('\n')
      .map((line) => ` ${line}`)
      .join('\n');
  }
  if (header !== undefined)
    document.commentBefore = header
      .split('\n')
      .map((line) => ` ${line}`)
      .join('\n');
  return document;
}

/** Documents as one YAML stream. */
export function yamlStream(documents: readonly Document[]): string {
  return documents.map((document) => document.toString({ lineWidth: 0 })).join('---\n');
}

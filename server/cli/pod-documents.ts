import { type DocumentOptions, parseAllDocuments, type ParseOptions, type SchemaOptions, stringify } from 'yaml';
import { UsageError } from './cli-io.js';

export type DocumentFormat = 'json' | 'yaml';

// kubectl reads YAML with go-yaml v2, that is YAML 1.1 (`defaultMode: 0440` is octal 288; `on` and `y`
// are booleans) without its timestamps and base-60 numbers, which go-yaml leaves as strings. Reading
// YAML 1.2 instead would turn 0440 into 440, a mode the API server refuses.
const KUBECTL_YAML: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  customTags: (tags) => tags.filter((tag) => typeof tag === 'string' || (tag.tag !== 'tag:yaml.org,2002:timestamp' && tag.format !== 'TIME')),
};
// Written as YAML 1.1, so that kubectl reads back what was meant: the string "on" is quoted.
const KUBECTL_YAML_OUTPUT = { version: '1.1', lineWidth: 0 } as const;

export interface ParsedInput {
  readonly format: DocumentFormat;
  readonly documents: unknown[];
}

/**
 * JSON if the text is JSON, else a YAML stream; empty YAML documents are dropped. Text that starts like
 * JSON but is not (a stream of JSON documents separated by `---`, say) is read as YAML, as kubectl does,
 * and refused with the JSON error if it is not YAML either.
 */
export function parseDocuments(text: string, source: string): ParsedInput {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { format: 'json', documents: [JSON.parse(text)] };
    } catch (error) {
      try {
        const documents = parseYamlStream(text, source);
        return { format: documents.length === 1 ? 'json' : 'yaml', documents };
      } catch {
        throw new UsageError(`${source} is not valid JSON: ${(error as Error).message}`);
      }
    }
  }
  return { format: 'yaml', documents: parseYamlStream(text, source) };
}

function parseYamlStream(text: string, source: string): unknown[] {
  const documents: unknown[] = [];
  for (const [index, document] of parseAllDocuments(text, KUBECTL_YAML).entries()) {
    const problem = document.errors[0];
    if (problem !== undefined) throw new UsageError(`${source}: YAML document ${index + 1} is not valid: ${problem.message}`);
    const value: unknown = document.toJS();
    if (value !== null && value !== undefined) documents.push(value);
  }
  if (documents.length === 0) throw new UsageError(`${source} holds no document: expected a Pod, a List of Pods, or an AdmissionReview`);
  return documents;
}

/** The documents written back in `format`: one JSON value, or a YAML stream. */
export function formatDocuments(documents: readonly unknown[], format: DocumentFormat): string {
  if (format === 'json') {
    const single = documents.length === 1 ? documents[0] : { apiVersion: 'v1', kind: 'List', items: documents };
    return `${JSON.stringify(single, null, 2)}\n`;
  }
  return documents.map((document) => stringify(document, KUBECTL_YAML_OUTPUT)).join('---\n');
}

import { parseAllDocuments, stringify } from 'yaml';
import { UsageError } from './cli-io.js';

export type DocumentFormat = 'json' | 'yaml';

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
  for (const [index, document] of parseAllDocuments(text).entries()) {
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
  return documents.map((document) => stringify(document, { lineWidth: 0 })).join('---\n');
}

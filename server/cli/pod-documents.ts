import { parseAllDocuments, stringify } from 'yaml';
import { UsageError } from './cli-io.js';

export type DocumentFormat = 'json' | 'yaml';

export interface ParsedInput {
  readonly format: DocumentFormat;
  readonly documents: unknown[];
}

/** JSON if the text starts like JSON, else a YAML stream; empty YAML documents are dropped. */
export function parseDocuments(text: string, source: string): ParsedInput {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { format: 'json', documents: [JSON.parse(text)] };
    } catch (error) {
      throw new UsageError(`${source} is not valid JSON: ${(error as Error).message}`);
    }
  }
  const documents: unknown[] = [];
  for (const [index, document] of parseAllDocuments(text).entries()) {
    const problem = document.errors[0];
    if (problem !== undefined) throw new UsageError(`${source}: YAML document ${index + 1} is not valid: ${problem.message}`);
    const value: unknown = document.toJS();
    if (value !== null && value !== undefined) documents.push(value);
  }
  if (documents.length === 0) throw new UsageError(`${source} holds no document: expected a Pod, a List of Pods, or an AdmissionReview`);
  return { format: 'yaml', documents };
}

/** The documents written back in `format`: one JSON value, or a YAML stream. */
export function formatDocuments(documents: readonly unknown[], format: DocumentFormat): string {
  if (format === 'json') {
    const single = documents.length === 1 ? documents[0] : { apiVersion: 'v1', kind: 'List', items: documents };
    return `${JSON.stringify(single, null, 2)}\n`;
  }
  return documents.map((document) => stringify(document, { lineWidth: 0 })).join('---\n');
}

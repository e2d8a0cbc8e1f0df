import { parseArgs } from 'node:util';
import type { Operation } from 'rfc6902';
import type { AdmissionHandler, AdmissionResult } from '../../../core/admission/admission-handler.js';
import { AdmissionRequestError } from '../../../core/admission/admission-request-error.js';
import type { CliCommand } from '../cli-command.js';
import { type CliIo, ExitCode, UsageError } from '../cli-io.js';
import { loadPodsecrets } from '../load-podsecrets.js';
import { admitPod, decodePatch } from '../pod-admission.js';
import { type DocumentFormat, formatDocuments, parseDocuments } from '../pod-documents.js';

export interface MutateOptions {
  readonly file?: string;
  readonly output?: DocumentFormat;
  readonly patch: boolean;
}

interface Converted {
  readonly output: unknown;
  readonly patch: unknown;
}

function kindOf(document: unknown): unknown {
  return typeof document === 'object' && document !== null ? (document as { kind?: unknown }).kind : undefined;
}

/** What a document is, for messages: its kind, or what it is instead of an object. */
function describeKind(document: unknown): string {
  if (Array.isArray(document)) return 'a list, not an object';
  if (typeof document !== 'object' || document === null) return `${JSON.stringify(document) ?? String(document)}, not an object`;
  const kind = kindOf(document);
  return kind === undefined ? 'an object without kind' : `kind ${JSON.stringify(kind)}`;
}

async function readInput(io: CliIo, file: string | undefined, source: string): Promise<string> {
  try {
    return await io.readInput(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    throw new UsageError(`cannot read ${source}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code}`);
  }
}

async function answerReview(handler: AdmissionHandler, review: unknown, where: string): Promise<AdmissionResult> {
  let result: AdmissionResult;
  try {
    result = await handler.handle(review);
  } catch (error) {
    if (error instanceof AdmissionRequestError) throw new UsageError(`${where}: not an AdmissionReview podsecrets can answer: ${error.message}`);
    throw error;
  }
  // The server answers such a review with a denial; the CLI reports it as the bad input it is.
  if (result.outcome === 'invalid') throw new UsageError(`${where}: ${result.review.response.status?.message ?? 'not a pod'}`);
  return result;
}

/**
 * `podsecrets mutate`: Pods, Lists of Pods, YAML streams or AdmissionReviews in, the same shapes out
 * (or their JSON Patches with --patch). Every pod goes through the server's AdmissionHandler.
 */
export async function runMutate(handler: AdmissionHandler, options: MutateOptions, io: CliIo): Promise<ExitCode> {
  const source = options.file === undefined || options.file === '-' ? 'standard input' : options.file;
  const input = parseDocuments(await readInput(io, options.file, source), source);
  const denials: string[] = [];

  const convertPod = async (pod: unknown, where: string): Promise<Converted> => {
    const admission = await admitPod(handler, pod, where);
    if (admission.denied !== undefined) denials.push(`${where}: denied: ${admission.denied}`);
    return { output: admission.pod, patch: admission.patch };
  };

  const convert = async (document: unknown, where: string): Promise<Converted> => {
    const kind = kindOf(document);
    if (kind === 'AdmissionReview') {
      const result = await answerReview(handler, document, where);
      const { response } = result.review;
      if (!response.allowed) denials.push(`${where}: denied: ${response.status?.message ?? ''}`);
      return { output: result.review, patch: decodePatch(response.patch) };
    }
    if (kind === 'Pod') return convertPod(document, where);
    if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray((document as { items?: unknown }).items)) {
      const items = (document as { items: unknown[] }).items;
      const converted: Converted[] = [];
      for (const [index, item] of items.entries()) {
        if (kindOf(item) !== 'Pod') throw new UsageError(`${where}.items[${index}]: expected kind Pod, got ${describeKind(item)}`);
        converted.push(await convertPod(item, `${where}.items[${index}]`));
      }
      return { output: { ...(document as object), items: converted.map((c) => c.output) }, patch: converted.map((c) => c.patch) };
    }
    throw new UsageError(`${where}: expected kind Pod, List or AdmissionReview, got ${describeKind(document)}`);
  };

  const converted: Converted[] = [];
  for (const [index, document] of input.documents.entries()) {
    converted.push(await convert(document, input.documents.length === 1 ? source : `${source} document ${index + 1}`));
  }
  const format = options.output ?? input.format;
  if (options.patch) {
    const patches = converted.map((c) => c.patch as Operation[]);
    io.writeOut(format === 'json' ? `${JSON.stringify(patches.length === 1 ? patches[0] : patches, null, 2)}\n` : formatDocuments(patches, format));
  } else {
    io.writeOut(
      formatDocuments(
        converted.map((c) => c.output),
        format,
      ),
    );
  }
  for (const denial of denials) io.writeErr(`${denial}\n`);
  return denials.length > 0 ? ExitCode.Denied : ExitCode.Ok;
}

/** `podsecrets mutate`: see {@link runMutate}. */
export const mutateCommand: CliCommand = {
  name: 'mutate',
  synopsis: '[--config FILE] [-f FILE|-] [-o yaml|json] [--patch]',
  summary: 'mutate Pods, Lists, YAML streams or AdmissionReviews offline, as the webhook would',
  async run(args, io, environment) {
    const { values } = parseArgs({
      args: [...args],
      options: { config: { type: 'string' }, file: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' }, patch: { type: 'boolean' } },
      strict: true,
    });
    if (values.output !== undefined && values.output !== 'yaml' && values.output !== 'json') {
      throw new UsageError(`-o ${values.output}: expected yaml or json`);
    }
    const podsecrets = await loadPodsecrets(values.config, environment);
    return runMutate(
      podsecrets.handler,
      { ...(values.file !== undefined ? { file: values.file } : {}), ...(values.output !== undefined ? { output: values.output } : {}), patch: values.patch === true },
      io,
    );
  },
};

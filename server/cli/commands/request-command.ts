import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import type { SecretRequest } from '../../../core/index.js';
import { encodeReadableSecretAnnotations } from '../../../core/wire/readable-secret-annotations.js';
import { encodeSecretAnnotations, INJECT_SECRETS_LABEL, INJECT_SECRETS_LABEL_VALUE } from '../../../core/wire/secret-annotations.js';
import { parseReadableSecret } from '../../../core/wire/readable-secret-format.js';
import { WireFormatError } from '../../../core/wire/wire-format-error.js';
import type { CliCommand } from '../cli-command.js';
import { type CliIo, ExitCode, UsageError } from '../cli-io.js';

export type RequestFormat = 'yaml' | 'json';
export type RequestForm = 'flyte' | 'readable';

export interface RequestOptions {
  /** Each secret in the readable form, e.g. `group=db,key=password,mount=file`. */
  readonly secrets: readonly string[];
  readonly output: RequestFormat;
  readonly form: RequestForm;
}

function parseSecrets(specs: readonly string[]): SecretRequest[] {
  if (specs.length === 0) throw new UsageError('no --secret given (accepted: one or more --secret group=<group>,key=<key>[,mount=any|env|file][,envVar=<NAME>])');
  return specs.map((spec, index) => {
    try {
      return parseReadableSecret(spec);
    } catch (error) {
      if (error instanceof WireFormatError) throw new UsageError(`--secret #${index + 1} ${JSON.stringify(spec)}: ${error.message}`);
      throw error;
    }
  });
}

/**
 * The pod metadata that asks for `secrets`: the label the webhook registration selects on, and one
 * annotation per secret, in Flyte's wire format or the readable one.
 */
export function requestMetadata(secrets: readonly SecretRequest[], form: RequestForm): { metadata: { labels: Record<string, string>; annotations: Record<string, string> } } {
  let annotations: Record<string, string>;
  try {
    annotations = form === 'flyte' ? encodeSecretAnnotations(secrets) : encodeReadableSecretAnnotations(secrets);
  } catch (error) {
    if (error instanceof WireFormatError) throw new UsageError(error.message);
    throw error;
  }
  return { metadata: { labels: { [INJECT_SECRETS_LABEL]: INJECT_SECRETS_LABEL_VALUE }, annotations } };
}

/** `podsecrets request`: prints the metadata to paste into a pod template. */
export function runRequest(options: RequestOptions, io: CliIo): ExitCode {
  const metadata = requestMetadata(parseSecrets(options.secrets), options.form);
  io.writeOut(options.output === 'json' ? `${JSON.stringify(metadata, null, 2)}\n` : stringify(metadata, { lineWidth: 0 }));
  return ExitCode.Ok;
}

/** `podsecrets request`: see {@link runRequest}. */
export const requestCommand: CliCommand = {
  name: 'request',
  synopsis: '--secret group=G,key=K[,groupVersion=V][,mount=any|env|file][,envVar=NAME] [--secret ...] [-o yaml|json] [--form flyte|readable]',
  summary: "print the label and annotations that ask for these secrets, to paste into a pod template's metadata",
  run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: { secret: { type: 'string', multiple: true }, output: { type: 'string', short: 'o' }, form: { type: 'string' } },
      strict: true,
    });
    const output = values.output ?? 'yaml';
    if (output !== 'yaml' && output !== 'json') throw new UsageError(`-o ${output}: expected yaml or json`);
    const form = values.form ?? 'flyte';
    if (form !== 'flyte' && form !== 'readable') throw new UsageError(`--form ${form}: expected flyte or readable`);
    return runRequest({ secrets: values.secret ?? [], output, form }, io);
  },
};

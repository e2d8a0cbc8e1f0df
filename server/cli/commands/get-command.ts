import { parseArgs } from 'node:util';
import { SecretFetchError } from '../../../core/index.js';
import { SecretNotFoundAcrossAllScopesError } from '../../../plugins/embedded/embedded-secret-reader.js';
import { describeScope } from '../../../plugins/embedded/secret-id.js';
import { openSecretReader } from '../open-secret-reader.js';
import { createLogger } from '../../runtime/create-logger.js';
import type { CliCommand } from '../cli-command.js';
import { ExitCode, UsageError } from '../cli-io.js';
import { configFileOf } from '../load-podsecrets.js';

const REQUIRED = ['org', 'project', 'domain', 'key'] as const;

/**
 * `podsecrets get`: prints a secret's value as Embedded mode would find it for a pod of that org,
 * project and domain (narrowest scope first), through the configured fetcher. The value goes to
 * stdout as it is, without a newline; where it was found goes to stderr.
 */
export const getCommand: CliCommand = {
  name: 'get',
  synopsis: '--org ORG --project PROJECT --domain DOMAIN --key KEY [--config FILE] [--base64]',
  summary: "print a secret's value through the configured Embedded fetcher",
  async run(args, io, environment) {
    const { values } = parseArgs({
      args: [...args],
      options: { config: { type: 'string' }, org: { type: 'string' }, project: { type: 'string' }, domain: { type: 'string' }, key: { type: 'string' }, base64: { type: 'boolean' } },
      strict: true,
    });
    const missing = REQUIRED.filter((name) => values[name] === undefined || values[name] === '');
    if (missing.length > 0) throw new UsageError(`missing ${missing.map((name) => `--${name}`).join(', ')}; usage: podsecrets get ${getCommand.synopsis}`);
    const configFile = configFileOf(values.config, environment);
    let reader;
    try {
      reader = openSecretReader({ ...(configFile !== undefined ? { configFile } : {}), logger: createLogger('warn') });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    try {
      const found = await reader.find({ org: values.org ?? '', domain: values.domain ?? '', project: values.project ?? '' }, values.key ?? '', new AbortController().signal);
      const bytes = typeof found.value === 'string' ? Buffer.from(found.value, 'utf8') : Buffer.from(found.value);
      if (values.base64 === true) {
        io.writeOut(bytes.toString('base64'));
      } else {
        let text: string;
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          throw new UsageError(`the value of ${describeScope(found.id)} is binary, not UTF-8 text; add --base64`);
        }
        io.writeOut(text);
      }
      io.writeErr(`found ${describeScope(found.id)} in the ${reader.fetcherType} backend\n`);
      return ExitCode.Ok;
    } catch (error) {
      if (error instanceof SecretNotFoundAcrossAllScopesError) {
        io.writeErr(`podsecrets get: ${error.message}\n`);
        return ExitCode.Denied;
      }
      if (error instanceof SecretFetchError) {
        io.writeErr(`podsecrets get: [${error.code}] ${describeScope(error.id)} in the ${reader.fetcherType} backend: ${error.detail}\n`);
        return ExitCode.Denied;
      }
      throw error;
    }
  },
};

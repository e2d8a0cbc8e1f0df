import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError } from '../../config/config-error.js';
import { createPodsecrets } from '../bootstrap/create-podsecrets.js';
import { createLogger } from '../logging/create-logger.js';
import { type CliIo, ExitCode, UsageError } from './cli-io.js';
import { runMutate } from './mutate-command.js';
import { processIo } from './process-io.js';
import { runServe } from './serve-command.js';
import type { ServerConfig } from '../../config/server-config.js';

const USAGE = `usage: podsecrets <command> [options]

commands:
  serve  [--config FILE]                                  run the HTTPS admission webhook
  mutate [--config FILE] [-f FILE|-] [-o yaml|json] [--patch]
                                                          mutate Pods, Lists, YAML streams or AdmissionReviews
                                                          exit 0: admitted, 1: a pod was denied, 2: bad input or config

The configuration file may also be given as PODSECRETS_CONFIG.
`;

function configFile(value: string | undefined, environment: NodeJS.ProcessEnv): string | undefined {
  return value ?? (environment['PODSECRETS_CONFIG'] || undefined);
}

/** Runs one command line; resolves with the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo, environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve': {
        const { values } = parseArgs({ args: [...rest], options: { config: { type: 'string' } }, strict: true });
        const bootLogger = createLogger('info');
        const podsecrets = createPodsecrets({ configFile: configFile(values.config, environment), logger: bootLogger });
        const logger = createLogger((podsecrets.config['server'] as ServerConfig).logLevel);
        await runServe(podsecrets, logger);
        return ExitCode.Ok;
      }
      case 'mutate': {
        const { values } = parseArgs({
          args: [...rest],
          options: { config: { type: 'string' }, file: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' }, patch: { type: 'boolean' } },
          strict: true,
        });
        if (values.output !== undefined && values.output !== 'yaml' && values.output !== 'json') {
          throw new UsageError(`-o ${values.output}: expected yaml or json`);
        }
        const podsecrets = createPodsecrets({ configFile: configFile(values.config, environment), logger: createLogger('warn') });
        return await runMutate(
          podsecrets.handler,
          { ...(values.file !== undefined ? { file: values.file } : {}), ...(values.output !== undefined ? { output: values.output } : {}), patch: values.patch === true },
          io,
        );
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.writeOut(USAGE);
        return command === undefined ? ExitCode.BadInput : ExitCode.Ok;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.writeErr(`podsecrets: ${(error as Error).message}\n${error instanceof UsageError && /unknown command/.test((error as Error).message) ? USAGE : ''}`);
      return ExitCode.BadInput;
    }
    if ((error as Error).name === 'UnknownInjectorError' || (error as Error).name === 'DuplicateInjectorError') {
      io.writeErr(`podsecrets: configuration: ${(error as Error).message}\n`);
      return ExitCode.BadInput;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      io.writeErr(`podsecrets: ${(error as Error).message}\n`);
      return ExitCode.BadInput;
    }
    throw error;
  }
}

import { ConfigError } from '../../config/config-error.js';
import { DuplicateInjectorError, UnknownInjectorError } from '../../core/keyed-registry.js';
import { KubeConfigError } from '../../core/kube/kube-config-error.js';
import { cliCommands } from './cli-commands.js';
import { type CliIo, ExitCode, UsageError } from './cli-io.js';
import { processIo } from './process-io.js';

function usage(): string {
  const width = Math.max(...cliCommands.map((command) => command.name.length));
  const lines = cliCommands.map((command) => `  ${command.name.padEnd(width)}  ${command.synopsis}\n  ${' '.repeat(width)}  ${command.summary}`);
  return `usage: podsecrets <command> [options]\n\ncommands:\n${lines.join('\n')}\n
exit codes: 0 done, 1 a pod was denied, 2 bad input or configuration, 70 an internal error.
The configuration file may also be given as PODSECRETS_CONFIG.\n`;
}

function isBadInput(error: unknown): boolean {
  return (
    error instanceof UsageError ||
    error instanceof ConfigError ||
    error instanceof KubeConfigError ||
    error instanceof UnknownInjectorError ||
    error instanceof DuplicateInjectorError ||
    String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS') ||
    (error as NodeJS.ErrnoException).code === 'ENOENT'
  );
}

/** Runs one command line; resolves with the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo, environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    if (name === undefined) io.writeErr(usage());
    else io.writeOut(usage());
    return name === undefined ? ExitCode.BadInput : ExitCode.Ok;
  }
  const command = cliCommands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    io.writeErr(`podsecrets: unknown command "${name}"\n${usage()}`);
    return ExitCode.BadInput;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.writeOut(`usage: podsecrets ${command.name} ${command.synopsis}\n\n${command.summary}\n`);
    return ExitCode.Ok;
  }
  try {
    return await command.run(args, io, environment);
  } catch (error) {
    if (isBadInput(error)) {
      io.writeErr(`podsecrets ${name}: ${(error as Error).message}\n`);
      return ExitCode.BadInput;
    }
    io.writeErr(`podsecrets ${name}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return ExitCode.Internal;
  }
}

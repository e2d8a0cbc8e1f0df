import type { CliIo } from './cli-io.js';

/**
 * One `podsecrets <name>` command. Commands are listed in cli-commands.ts; each parses its own
 * arguments and returns its exit code (see ExitCode), throwing UsageError for bad input.
 */
export interface CliCommand {
  readonly name: string;
  /** The arguments, for the usage text, e.g. `[--config FILE]`. */
  readonly synopsis: string;
  /** One line on what it does. */
  readonly summary: string;
  run(args: readonly string[], io: CliIo, environment: NodeJS.ProcessEnv): number | Promise<number>;
}

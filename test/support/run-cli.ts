import { runCli } from '../../server/cli/cli.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a `podsecrets` command line in process; `input` is what `-f -` (standard input) reads. */
export async function runCliCaptured(argv: readonly string[], input = '', environment: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io = {
    readInput: async (file: string | undefined) => {
      if (file === undefined || file === '-') return input;
      const { readFile } = await import('node:fs/promises');
      return readFile(file, 'utf8');
    },
    writeOut: (text: string) => void (stdout += text),
    writeErr: (text: string) => void (stderr += text),
  };
  const code = await runCli(argv, io, environment);
  return { code, stdout, stderr };
}

/** The CLI's streams, a parameter so tests can run commands in process. */
export interface CliIo {
  readInput(file: string | undefined): Promise<string>;
  writeOut(text: string): void;
  writeErr(text: string): void;
}

/**
 * Exit codes of every command: 0 done, 1 a pod was denied, 2 bad input or configuration, 70 a failure
 * inside podsecrets (sysexits' EX_SOFTWARE), kept apart from 1 so a script never reads a bug as a denial.
 */
export const ExitCode = { Ok: 0, Denied: 1, BadInput: 2, Internal: 70 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Bad input or configuration: the command stops with exit code 2 and this message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

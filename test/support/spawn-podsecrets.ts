import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { repoPath } from './repo-path.js';

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A running `bin/podsecrets`, its output collected as it comes. */
export interface SpawnedPodsecrets {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited. */
  readonly finished: Promise<Finished>;
}

/**
 * Starts the real CLI, `node bin/podsecrets <args>`, from the repository root, with `env` as its whole
 * environment besides PATH (so a developer's PODSECRETS_CONFIG cannot leak in).
 */
export function spawnPodsecrets(args: readonly string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): SpawnedPodsecrets {
  const child = spawn(process.execPath, [repoPath('bin/podsecrets'), ...args], {
    cwd: repoPath(''),
    env: { PATH: process.env['PATH'] ?? '', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(options.stdin ?? '');
  const finished = new Promise<Finished>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, stdout: () => stdout, stderr: () => stderr, finished };
}

/** Runs the real CLI to its end. */
export function runPodsecrets(args: readonly string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<Finished> {
  return spawnPodsecrets(args, options).finished;
}

/**
 * A TCP port that was free a moment ago: the configuration refuses port 0, so a test that starts the
 * real server binds a listener to port 0, reads the port it got, and closes it.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

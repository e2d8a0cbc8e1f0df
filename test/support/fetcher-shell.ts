import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FetcherRun {
  readonly status: number | null;
  readonly stderr: string;
}

/** A place to run fetcher commands for real: a stand-in for the pod's secrets volume and fake CLIs. */
export interface FetcherSandbox {
  /** Where /etc/flyte/secrets is, for the commands run here. */
  readonly secretsDir: string;
  /** Runs a fetcher's `sh -ec` command, under umask 077 as a strict image would. */
  run(command: readonly string[]): FetcherRun;
  /** Each call of a fake CLI so far: its arguments. */
  calls(): string[][];
  cleanup(): void;
}

/**
 * A sandbox whose PATH starts with `fakes` (name -> shell script body, reading its arguments as "$@"),
 * each of which records its arguments before it runs. /etc/flyte/secrets in a command is moved to
 * the sandbox's own directory.
 */
export function createFetcherSandbox(fakes: Readonly<Record<string, string>>): FetcherSandbox {
  const root = mkdtempSync(join(tmpdir(), 'podsecrets-fetcher-'));
  const secretsDir = join(root, 'secrets');
  const bin = join(root, 'bin');
  const log = join(root, 'calls.log');
  mkdirSync(secretsDir);
  mkdirSync(bin);
  writeFileSync(log, '');
  for (const [name, body] of Object.entries(fakes)) {
    const script = join(bin, name);
    // NUL-separated arguments, a line per call: any argument survives the round trip.
    writeFileSync(script, `#!/bin/sh\nfor a in "$@"; do printf '%s\\0' "$a" >> '${log}'; done; printf '\\n' >> '${log}'\n${body}\n`);
    chmodSync(script, 0o755);
  }
  return {
    secretsDir,
    run(command) {
      const [shell, flags, script] = command;
      if (shell !== 'sh' || flags !== '-ec' || script === undefined) throw new Error(`not an sh -ec command: ${JSON.stringify(command)}`);
      const moved = script.replaceAll('/etc/flyte/secrets', secretsDir);
      const result = spawnSync('sh', ['-ec', `umask 077; ${moved}`], { env: { PATH: `${bin}:/usr/bin:/bin` }, encoding: 'utf8' });
      return { status: result.status, stderr: result.stderr };
    },
    calls() {
      return readFileSync(log, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => line.split('\0').slice(0, -1));
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

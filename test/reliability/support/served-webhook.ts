import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath } from '../../support/repo-path.js';

/** `podsecrets serve` as a child process, on loopback and a port of the system's choosing. */
export interface ServedWebhook {
  readonly child: ChildProcess;
  readonly port: number;
  /** The self-signed serving certificate it made. */
  readonly ca: string;
  /** What it has written to stderr (its log) so far. */
  stderr(): string;
  /** Resolves with the exit code once it has exited. */
  readonly exited: Promise<number | null>;
  /** SIGKILL if still running, then removes its directory. */
  stop(): Promise<void>;
}

/** The port the server logged once it was serving (listenPort 0 lets the system choose one). */
export function waitForPort(child: ChildProcess, stderr: () => string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const check = (): void => {
      const match = /"port":(\d+)[^\n]*serving HTTPS/.exec(stderr());
      if (match !== null) {
        child.stderr!.off('data', check);
        resolvePort(Number(match[1]));
      }
    };
    child.stderr!.on('data', check);
    child.once('exit', (code) => reject(new Error(`podsecrets serve exited with ${String(code)} before serving: ${stderr()}`)));
  });
}

/**
 * Starts `bin/podsecrets serve` with the K8s backend, a self-signed certificate and `extraYaml`
 * (more keys of the `server:` section, indented by two spaces) in a configuration file of its own.
 * A load generator in the test's process then measures the server alone, not its own work too.
 */
export async function startServedWebhook(name: string, serverYaml = ''): Promise<ServedWebhook> {
  const dir = mkdtempSync(join(tmpdir(), `podsecrets-${name}-`));
  const configFile = join(dir, 'config.yaml');
  writeFileSync(configFile, `webhook:\n  secretManagerType: K8s\n  listenPort: 0\n  certDir: ${join(dir, 'certs')}\nserver:\n  host: 127.0.0.1\n  selfSignedCert: true\n${serverYaml}`);
  const child = spawn(process.execPath, [repoPath('bin/podsecrets'), 'serve', '--config', configFile], { cwd: repoPath(''), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const port = await waitForPort(child, () => stderr);
    const ca = readFileSync(join(dir, 'certs', 'tls.crt'), 'utf8');
    return { child, port, ca, stderr: () => stderr, exited, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { podWithSecrets, reviewFor } from '../support/pod-builders.js';
import { recordFigures } from './support/figures.js';
import { loadCount } from './support/fuzz-runs.js';
import { waitForPort } from './support/served-webhook.js';

// `podsecrets serve` as a child process, SIGTERM while admissions keep coming: every request the
// server answered (its log says so) reaches its client, new connections are refused once it stops
// listening, and it exits 0. PODSECRETS_SIGTERM_REQUESTS sets how many answers before the signal.

const BEFORE_SIGNAL = loadCount('PODSECRETS_SIGTERM_REQUESTS', 150);
const CONCURRENCY = 12;
const CLI = resolve('bin/podsecrets');
const body = JSON.stringify(
  reviewFor(
    podWithSecrets({
      secrets: [
        { group: 'db', key: 'password' },
        { key: 'token', mountRequirement: 2 },
      ],
    }),
  ),
);

type Outcome = 'ok' | 'refused' | 'reset' | 'other';

function admitOnce(port: number, ca: string): Promise<Outcome> {
  return new Promise((done) => {
    const request = httpsRequest(
      { host: '127.0.0.1', port, path: '/mutate--v1-pod', method: 'POST', ca, servername: 'localhost', agent: false, headers: { 'content-type': 'application/json' } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            const allowed = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { response: { allowed: boolean } }).response.allowed;
            done(response.statusCode === 200 && allowed ? 'ok' : 'other');
          } catch {
            done('other');
          }
        });
        response.on('error', () => done('reset'));
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED' ? 'refused' : error.code === 'ECONNRESET' || error.message === 'socket hang up' ? 'reset' : 'other'));
    request.end(body);
  });
}

describe('podsecrets serve', function () {
  this.timeout(90_000);

  describe('when it gets SIGTERM while admissions keep arriving', () => {
    it('should answer every request it accepted, refuse later ones, and exit 0', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'podsecrets-sigterm-'));
      const configFile = join(dir, 'config.yaml');
      writeFileSync(configFile, `webhook:\n  secretManagerType: K8s\n  listenPort: 0\n  certDir: ${join(dir, 'certs')}\nserver:\n  host: 127.0.0.1\n  selfSignedCert: true\n  logLevel: info\n`);
      const child = spawn(process.execPath, [CLI, 'serve', '--config', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      try {
        const port = await waitForPort(child, () => stderr);
        const ca = readFileSync(join(dir, 'certs', 'tls.crt'), 'utf8');
        const outcomes: Record<Outcome, number> = { ok: 0, refused: 0, reset: 0, other: 0 };
        let signalled = false;
        const worker = async (): Promise<void> => {
          for (;;) {
            const outcome = await admitOnce(port, ca);
            outcomes[outcome] += 1;
            if (!signalled && outcomes.ok >= BEFORE_SIGNAL) {
              signalled = true;
              child.kill('SIGTERM');
            }
            if (outcome === 'refused') return;
          }
        };
        await Promise.all(Array.from({ length: CONCURRENCY }, worker));
        const code = await exited;
        const answeredByServer = stderr.split('\n').filter((line) => line.includes('"admission answered"')).length;
        recordFigures('SIGTERM under load', {
          requests: outcomes.ok + outcomes.refused + outcomes.reset + outcomes.other,
          answered: outcomes.ok,
          answeredByServer,
          refusedAfterClose: outcomes.refused,
          resetBeforeAccept: outcomes.reset,
          lost: answeredByServer - outcomes.ok,
          exitCode: String(code),
        });
        expect(code, stderr.slice(-2000)).to.equal(0);
        expect(outcomes.other, 'answers that were not an allowed AdmissionReview').to.equal(0);
        expect(outcomes.ok).to.be.at.least(BEFORE_SIGNAL);
        expect(outcomes.refused, 'workers stopped by a refused connection').to.equal(CONCURRENCY);
        expect(answeredByServer, 'admissions the server answered (its log) against answers received').to.equal(outcomes.ok);
        expect(stderr).to.include('"stopped"');
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

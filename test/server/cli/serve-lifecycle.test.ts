import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createCertificateAuthority, issueServingCertificate } from '../../../server/certificates/certificate-authority.js';
import { startAdmissionLoad } from '../../support/admission-load.js';

const DAY = 86_400_000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** GET /readyz: the status, or the connection error's code once the listener is gone. */
function readiness(port: number, ca: string): Promise<number | string> {
  return new Promise((resolve) => {
    const request = httpsRequest({ host: '127.0.0.1', port, path: '/readyz', ca, servername: 'localhost', agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    request.end();
  });
}

describe('podsecrets serve (a child process)', function () {
  // Starting a process, then counted answers: a loaded machine makes it slower, never wrong.
  this.timeout(60_000);
  let dir: string;
  let child: ChildProcess;
  let stderr = '';
  // Stopped after each test, so that a test that fails or times out leaves no load running behind it.
  let load: ReturnType<typeof startAdmissionLoad> | undefined;

  afterEach(async () => {
    await load?.stop();
    load = undefined;
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when SIGTERM arrives under load', () => {
    it('should fail readiness first, answer every request it accepted, and exit 0', async () => {
      dir = mkdtempSync(join(tmpdir(), 'podsecrets-serve-'));
      const ca = await createCertificateAuthority(new Date(), 30 * DAY);
      const serving = await issueServingCertificate(ca, ['localhost'], new Date(), 10 * DAY);
      writeFileSync(join(dir, 'tls.crt'), serving.cert);
      writeFileSync(join(dir, 'tls.key'), serving.key);
      const port = await freePort();
      writeFileSync(join(dir, 'config.yaml'), `webhook:\n  certDir: ${dir}\n  listenPort: ${port}\nserver:\n  host: 127.0.0.1\n  shutdownDelay: 2s\n  shutdownTimeout: 5s\n`);
      child = spawn(process.execPath, ['bin/podsecrets', 'serve', '--config', join(dir, 'config.yaml')], { stdio: ['ignore', 'ignore', 'pipe'] });
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      while ((await readiness(port, ca.cert)) !== 200) await new Promise((resolve) => setTimeout(resolve, 50));

      load = startAdmissionLoad({ port, ca: ca.cert, workers: 8, freshEvery: 4 });
      while (load.answered() < 50) await new Promise((resolve) => setTimeout(resolve, 10));
      load.markAt();
      child.kill('SIGTERM');
      // Probed back to back: the 503s last server.shutdownDelay (2 s), many probes even on a loaded machine.
      const states: Array<number | string> = [];
      for (;;) {
        const state = await readiness(port, ca.cert);
        if (states[states.length - 1] !== state) states.push(state);
        if (typeof state === 'string') break;
      }
      const code = await exited;
      const report = await load.stop();

      expect(code).to.equal(0);
      // Ready until the signal lands, then not ready while still listening, then gone.
      // (A connection caught by the closing listener before its handshake is reset rather than refused.)
      expect(states.filter((state) => state !== 200).map((state) => (state === 'ECONNRESET' ? 'ECONNREFUSED' : state))).to.deep.equal([503, 'ECONNREFUSED']);
      expect(report.dropped).to.deep.equal([]);
      expect(report.badAnswers).to.deep.equal([]);
      expect(report.answeredAfterMark).to.be.greaterThan(0);
      const lines = stderr
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { msg: string; uid?: string });
      expect(lines.map((line) => line.msg)).to.include.members(['shutting down: readiness fails, requests in flight finish', 'stopped']);
      expect(lines.filter((line) => line.msg === 'admission answered').every((line) => typeof line.uid === 'string' && line.uid.startsWith('load-'))).to.equal(true);
    });
  });
});

import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import { ContainerModule, injectable } from 'inversify';
import { pino } from 'pino';
import { InjectionError, InjectionErrorCode, SecretInjector, type SecretRequest } from '../../../core/index.js';
import { installProcessHandlers } from '../../../server/runtime/process-handlers.js';
import { pluginModules } from '../../../server/wiring/plugin-modules.js';
import { startWebhook, type RunningWebhook } from '../../../server/runtime/start-webhook.js';
import { podWithSecrets, reviewFor } from '../../support/pod-builders.js';
import { RecordingLogger } from '../../support/recording-logger.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';

/** A backend that breaks on demand: a TypeError for group "boom", a read failure for group "down". */
@injectable()
class FlakyInjector implements SecretInjector {
  readonly type = 'Flaky';

  inject(secret: SecretRequest): void {
    if (secret.group === 'boom') throw new TypeError("Cannot read properties of undefined (reading 'token')");
    if (secret.group === 'down') throw new InjectionError(InjectionErrorCode.SecretReadFailure, 'the store did not answer');
    if (secret.group === 'later') void Promise.reject(new Error('a background refresh failed'));
  }
}

const flakyModule = new ContainerModule(({ bind }) => {
  bind(FlakyInjector).toSelf().inSingletonScope();
  bind(SecretInjector).toService(FlakyInjector);
});

const SECRET_VALUE = 'v4lue-that-must-never-be-logged';

interface Answer {
  status: number;
  review: { response: { uid: string; allowed: boolean; warnings?: string[]; auditAnnotations?: Record<string, string>; status?: { message: string } } };
}

describe('startWebhook', () => {
  let certDir: string;
  let running: RunningWebhook;
  let httpLog: string[];
  let coreLog: RecordingLogger;
  let ca: string;

  const post = (group: string, uid: string): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify(reviewFor(podWithSecrets({ secrets: [{ group, key: 'password' }] }), { uid }));
      const request = httpsRequest(
        { host: '127.0.0.1', port: running.port, path: '/mutate--v1-pod', method: 'POST', ca, servername: 'localhost', headers: { 'content-type': 'application/json' } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, review: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Answer['review'] }));
        },
      );
      request.on('error', reject);
      request.end(body);
    });

  const metricsText = (): Promise<string> => running.metrics.registry.metrics();

  async function start(types: string[]): Promise<void> {
    certDir = mkdtempSync(join(tmpdir(), 'podsecrets-observe-'));
    const podsecrets = createTestPodsecrets({
      modules: [...pluginModules, flakyModule],
      config: { webhook: { certDir, secretManagerTypes: types }, server: { host: '127.0.0.1', selfSignedCert: true } },
    });
    coreLog = podsecrets.logger;
    httpLog = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        httpLog.push(...chunk.toString('utf8').trim().split('\n'));
        callback();
      },
    });
    running = await startWebhook(podsecrets, pino({ level: 'info' }, sink), 0);
    ca = readFileSync(join(certDir, 'tls.crt'), 'utf8');
  }

  afterEach(async () => {
    delete process.env['FLYTE_SECRET_DB_PASSWORD'];
    await running.stop(1000);
    rmSync(certDir, { recursive: true, force: true });
  });

  describe('when a backend throws and the next one delivers the secret', () => {
    beforeEach(() => start(['Flaky', 'K8s']));

    it('should admit the pod with a warning and an audit annotation naming the broken backend, and count it', async () => {
      const answer = await post('boom', 'uid-degraded');

      expect(answer.status).to.equal(200);
      expect(answer.review.response.allowed).to.equal(true);
      expect(answer.review.response.warnings).to.deep.equal(['flyte.secrets/s0: injected by K8s after Flaky [InternalError] failed']);
      expect(answer.review.response.auditAnnotations).to.deep.equal({ 'injected-secrets': '1', backends: 'K8s', 'degraded-injections': 'Flaky:InternalError' });
      const metrics = await metricsText();
      expect(metrics).to.include('podsecrets_injection_failures_total{backend="Flaky",code="InternalError",namespace="team-a"} 1');
      expect(metrics).to.include('podsecrets_admission_warnings_total{outcome="mutated"} 1');
      expect(metrics).to.include('podsecrets_injections_total{backend="K8s",namespace="team-a"} 1');
      expect(coreLog.lines.some((line) => line.includes('"uid":"uid-degraded"') && line.includes('secret injector failed unexpectedly'))).to.equal(true);
    });
  });

  describe('when the only backend throws', () => {
    beforeEach(() => start(['Flaky']));

    it('should deny that one pod with the reason, audit it, and keep serving the next', async () => {
      const broken = await post('boom', 'uid-broken');
      const next = await post('fine', 'uid-next');

      expect(broken.status).to.equal(200);
      expect(broken.review.response.allowed).to.equal(false);
      expect(broken.review.response.status?.message).to.equal(
        'none of the secret managers injected secret [group "boom", key "password", mount ANY] (flyte.secrets/s0); tried Global, Flaky: Global: [SecretNotFound] no such global secret in the webhook environment or secrets directory; Flaky: [InternalError] the Flaky injector failed unexpectedly (see the webhook log)',
      );
      expect(broken.review.response.auditAnnotations?.['denied']).to.equal(broken.review.response.status?.message);
      expect(next.review.response).to.deep.include({ uid: 'uid-next', allowed: true });
    });

    it('should keep serving after a backend leaves a promise rejection unhandled, when the process handlers are installed', async () => {
      const processEvents = new EventEmitter();
      const log = new RecordingLogger();
      let fatal = 0;
      installProcessHandlers(processEvents, { logger: log, onRejection: () => running.metrics.unhandledRejection(), onFatal: () => (fatal += 1) });
      const capture = (reason: unknown): void => void processEvents.emit('unhandledRejection', reason);
      process.prependOnceListener('unhandledRejection', capture);
      try {
        await post('later', 'uid-later');
        await new Promise((resolve) => setImmediate(resolve));
      } finally {
        process.off('unhandledRejection', capture);
      }
      const after = await post('fine', 'uid-after');

      expect(after.review.response.allowed).to.equal(true);
      expect(fatal).to.equal(0);
      expect(log.lines.map((line) => JSON.parse(line).msg)).to.deep.equal(['unhandled promise rejection; still serving']);
      expect(await metricsText()).to.include('podsecrets_unhandled_rejections_total 1');
    });
  });

  describe('when a secret value passes through the webhook', () => {
    beforeEach(() => start(['K8s']));

    it('should log each admission with its uid and never the value', async () => {
      process.env['FLYTE_SECRET_DB_PASSWORD'] = SECRET_VALUE;
      const answer = await post('db', 'uid-with-value');

      expect(answer.review.response.allowed).to.equal(true);
      const answered = httpLog.map((line) => JSON.parse(line) as { msg: string; uid?: string }).filter((line) => line.msg === 'admission answered');
      expect(answered.map((line) => line.uid)).to.deep.equal(['uid-with-value']);
      expect(httpLog.join('\n')).to.not.include(SECRET_VALUE);
      expect(coreLog.text()).to.not.include(SECRET_VALUE);
      expect(await metricsText()).to.not.include(SECRET_VALUE);
    });
  });

  describe('when /metrics is scraped', () => {
    beforeEach(() => start(['K8s']));

    it('should expose the admission, backend, cache and certificate metrics', async () => {
      running.metrics.backendCall({ backend: 'Vault', operation: 'read-secret', outcome: 'ok', seconds: 0.02 });
      running.metrics.cacheLookup('Vault', true);
      const text = await metricsText();

      for (const name of [
        'podsecrets_admission_duration_seconds',
        'podsecrets_admission_requests_total',
        'podsecrets_admission_in_flight',
        'podsecrets_injections_total',
        'podsecrets_injection_failures_total',
        'podsecrets_certificate_expiry_timestamp_seconds',
      ]) {
        expect(text, name).to.include(`# TYPE ${name} `);
      }
      expect(text).to.include('podsecrets_backend_call_duration_seconds_count{backend="Vault",operation="read-secret",outcome="ok"} 1');
      expect(text).to.include('podsecrets_backend_cache_lookups_total{backend="Vault",result="hit"} 1');
    });
  });
});

describe('installProcessHandlers', () => {
  describe('when an exception escapes a callback', () => {
    it('should log it and hand over to the fatal path exactly once', () => {
      const events = new EventEmitter();
      const log = new RecordingLogger();
      const fatal: string[] = [];
      installProcessHandlers(events, { logger: log, onFatal: (error) => fatal.push(error.message) });

      events.emit('uncaughtException', new Error('state is now unknown'));

      expect(fatal).to.deep.equal(['state is now unknown']);
      expect(JSON.parse(log.lines[0] ?? '{}')).to.deep.include({ level: 'error', msg: 'uncaught exception; draining and exiting' });
    });
  });
});

import type { Container } from 'inversify';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { startWebhook, type RunningWebhook } from '../../../server/runtime/start-webhook.js';
import type { PemCredentials } from '../../../server/certificates/self-signed-certificate.js';
import type { RecordingLogger } from '../../support/recording-logger.js';
import { type HttpAnswer, type RequestOptions, sendRequest } from '../../support/test-webhook.js';
import type { TestPodsecretsOptions } from '../../support/test-podsecrets.js';
import { podsecretsForBackend } from './installed-backends.js';

export type Answer = HttpAnswer;

export interface SendOptions extends RequestOptions {
  /** Trusted certificates; the server's own by default. */
  readonly ca?: string | string[];
}

/** A webhook serving HTTPS on loopback whose HTTP-layer (pino) log lines are kept too. */
export interface ReliabilityWebhook {
  readonly port: number;
  readonly ca: string;
  readonly running: RunningWebhook;
  /** The container it was wired in, to ask what its plugins contribute. */
  readonly container: Container;
  /** The core logger's lines. */
  readonly logger: RecordingLogger;
  /** The server's pino lines (HTTP layer), at debug level and above. */
  readonly httpLog: string[];
  send(path: string, body?: string | Buffer | object, options?: SendOptions): Promise<Answer>;
  /**
   * Serves `credentials` to new connections: through the certificate files and the server's reload
   * when it watches them (RunningWebhook.reloadCertificates), else through RunningWebhook.setCredentials.
   */
  rotate(credentials: PemCredentials): Promise<void>;
  stop(): Promise<void>;
}

interface RotatableWebhook {
  reloadCertificates?: () => Promise<unknown>;
  setCredentials?: (credentials: PemCredentials) => void;
}

async function rotate(running: RotatableWebhook, certDir: string, credentials: PemCredentials): Promise<void> {
  if (running.reloadCertificates !== undefined) {
    // As a Secret volume update does: new files in place, each written whole.
    for (const [name, text] of [
      ['tls.key', credentials.key],
      ['tls.crt', credentials.cert],
    ] as const) {
      writeFileSync(join(certDir, `.${name}.next`), text);
      renameSync(join(certDir, `.${name}.next`), join(certDir, name));
    }
    await running.reloadCertificates();
    return;
  }
  if (running.setCredentials === undefined) throw new Error('the running webhook can neither reload nor take new credentials');
  running.setCredentials(credentials);
}

/** Starts the webhook as `serve` does, with `type` as the backend and the known Global secrets. */
export async function startReliabilityWebhook(type: string, options: TestPodsecretsOptions = {}): Promise<ReliabilityWebhook> {
  const certDir = mkdtempSync(join(tmpdir(), 'podsecrets-reliability-'));
  const config = options.config ?? {};
  const podsecrets = podsecretsForBackend(type, {
    ...options,
    config: {
      ...config,
      // No cache-invalidation listener unless a test asks for one: Flyte's fixed port would clash.
      webhook: { certDir, cacheInvalidationPort: 0, ...(config['webhook'] as object | undefined) },
      server: { host: '127.0.0.1', selfSignedCert: true, logLevel: 'debug', ...(config['server'] as object | undefined) },
    },
  });
  const httpLog: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      httpLog.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((line) => line !== ''),
      );
      callback();
    },
  });
  const running = await startWebhook(podsecrets, pino({ level: 'debug' }, sink), 0);
  const ca = readFileSync(join(certDir, 'tls.crt'), 'utf8');
  const port = running.port;
  return {
    port,
    ca,
    running,
    container: podsecrets.container,
    logger: podsecrets.logger,
    httpLog,
    send: (path, body, sendOptions = {}) => send(port, sendOptions.ca ?? ca, path, body, sendOptions),
    rotate: (credentials) => rotate(running, certDir, credentials),
    async stop() {
      await running.stop(1000);
      rmSync(certDir, { recursive: true, force: true });
    },
  };
}

/** One HTTPS request to the loopback webhook on `port`. */
export function send(port: number, ca: string | string[], path: string, body: string | Buffer | object | undefined, options: SendOptions = {}): Promise<Answer> {
  return sendRequest(port, ca, path, body, options);
}

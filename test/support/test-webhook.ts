import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type Agent, request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startWebhook, type RunningWebhook } from '../../server/runtime/start-webhook.js';
import { createTestPodsecrets, type TestPodsecretsOptions } from './test-podsecrets.js';
import type { RecordingLogger } from './recording-logger.js';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly json: unknown;
}

export interface RequestOptions {
  readonly method?: string;
  readonly contentType?: string | null;
  readonly headers?: Record<string, string>;
  /** A keep-alive agent; a fresh connection per request by default. */
  readonly agent?: Agent | false;
}

/** A webhook serving HTTPS on a free loopback port, with a certificate made for the test. */
export interface TestWebhook {
  readonly port: number;
  readonly ca: string;
  readonly running: RunningWebhook;
  /** The core logger's lines (the HTTP layer logs to a silent pino). */
  readonly logger: RecordingLogger;
  request(path: string, body?: string | Buffer | object, options?: RequestOptions): Promise<HttpAnswer>;
  stop(): Promise<void>;
}

/** Starts `podsecrets serve` in process, as the CLI does, on 127.0.0.1 and any free port. */
export async function startTestWebhook(options: TestPodsecretsOptions = {}): Promise<TestWebhook> {
  const certDir = mkdtempSync(join(tmpdir(), 'podsecrets-test-'));
  const config = options.config ?? {};
  const podsecrets = createTestPodsecrets({
    ...options,
    config: {
      ...config,
      webhook: { certDir, cacheInvalidationPort: 0, ...(config['webhook'] as object | undefined) },
      server: { host: '127.0.0.1', selfSignedCert: true, ...(config['server'] as object | undefined) },
    },
  });
  const running = await startWebhook(podsecrets, pino({ level: 'silent' }), 0);
  const ca = readFileSync(join(certDir, 'tls.crt'), 'utf8');
  const port = running.port;
  return {
    port,
    ca,
    running,
    logger: podsecrets.logger,
    request: (path, body, requestOptions = {}) => sendRequest(port, ca, path, body, requestOptions),
    async stop() {
      await running.stop(1000);
      rmSync(certDir, { recursive: true, force: true });
    },
  };
}

/** One HTTPS request to a webhook on 127.0.0.1:`port` that presents a certificate signed by `ca`. */
export function sendRequest(port: number, ca: string | string[], path: string, body: string | Buffer | object | undefined, options: RequestOptions): Promise<HttpAnswer> {
  const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const headers: Record<string, string> = { ...options.headers };
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  if (contentType !== null && payload !== undefined) headers['content-type'] = contentType;
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? (payload === undefined ? 'GET' : 'POST'), ca, servername: 'localhost', headers, agent: options.agent ?? false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    if (payload !== undefined) request.write(payload);
    request.end();
  });
}

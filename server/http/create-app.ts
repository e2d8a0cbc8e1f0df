import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { AdmissionHandler, Logger } from '../../core/index.js';
import type { AdmissionMetrics } from '../metrics/admission-metrics.js';
import { admissionRoute } from './admission-route.js';
import { jsonBody } from './json-body.js';
import { refuseDeepJson } from './json-depth.js';

/** Flyte's path ("/mutate-" + group + "-" + version + "-" + kind) and a short alias. */
export const ADMISSION_PATHS = ['/mutate--v1-pod', '/mutate'] as const;

export interface AppOptions {
  readonly handler: AdmissionHandler;
  readonly metrics: AdmissionMetrics;
  readonly logger: Logger;
  readonly maxRequestBytes: number;
  /** Whether the server should receive traffic: false until TLS and config are loaded, and while draining. */
  readonly isReady: () => boolean;
}

const requireJson: RequestHandler = (request, response, next) => {
  if (request.is('application/json') === false || request.is('application/json') === null) {
    response.status(415).json({ error: `content-type must be application/json, got ${JSON.stringify(request.headers['content-type'] ?? '')}` });
    return;
  }
  next();
};

const methodNotAllowed =
  (allowed: string): RequestHandler =>
  (request, response) => {
    response.status(405).set('Allow', allowed).json({ error: `${request.method} is not allowed on ${request.path}; use ${allowed}` });
  };

// body-parser's errors carry a 4xx status and a type; its messages are its own, so the answer states the cause plainly.
const bodyErrors: ErrorRequestHandler = (error, _request, response, next) => {
  const status = (error as { status?: unknown }).status;
  if (typeof status !== 'number' || status < 400 || status >= 500) {
    next(error);
    return;
  }
  const type = (error as { type?: unknown }).type;
  const message =
    type === 'entity.too.large'
      ? `the body is larger than the ${(error as { limit?: number }).limit ?? ''} bytes accepted (server.maxRequestBytes)`
      : type === 'entity.parse.failed'
        ? `the body is not valid JSON: ${(error as Error).message}`
        : (error as Error).message;
  response.status(status).json({ error: message });
};

/** The webhook's HTTP surface: admission, health, readiness and metrics. */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const admit = admissionRoute(options.handler, options.metrics, options.logger);
  for (const path of ADMISSION_PATHS) {
    app.post(path, requireJson, jsonBody(options.maxRequestBytes, () => options.metrics.observeRejected('invalid', 0)), refuseDeepJson, admit);
    app.all(path, methodNotAllowed('POST'));
  }
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.get('/readyz', (_request, response) => {
    const ready = options.isReady();
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready' });
  });
  app.get('/metrics', async (_request, response) => {
    response.set('Content-Type', options.metrics.registry.contentType).send(await options.metrics.registry.metrics());
  });
  for (const path of ['/healthz', '/readyz', '/metrics']) app.all(path, methodNotAllowed('GET'));
  app.use((request, response) => {
    response.status(404).json({ error: `no such endpoint: ${request.method} ${request.path}` });
  });
  app.use(bodyErrors);
  return app;
}

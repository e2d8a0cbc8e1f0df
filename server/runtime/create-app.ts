import type { TLSSocket } from 'node:tls';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { AdmissionHandler, Logger } from '../../core/index.js';
import type { AdmissionMetrics } from './admission-metrics.js';
import { ADMISSION_PATH } from '../certificates/admission-path.js';
import { admissionRoute } from './admission-route.js';
import { jsonBody } from './json-body.js';

/** Flyte's path and a short alias. */
export const ADMISSION_PATHS = [ADMISSION_PATH, '/mutate'] as const;

export interface AppOptions {
  readonly handler: AdmissionHandler;
  readonly metrics: AdmissionMetrics;
  readonly logger: Logger;
  readonly maxRequestBytes: number;
  /** Whether the server should receive traffic: false until TLS and config are loaded, and while draining. */
  readonly isReady: () => boolean;
  /** True once shutdown began: answers then ask clients to close the connection, so none is reused mid-close. */
  readonly isDraining?: () => boolean;
  /** Admit only callers whose client certificate chains to server.clientCAFile. */
  readonly requireClientCertificate?: boolean;
}

// With server.clientCAFile, only the API server (or whoever holds a certificate from that CA) may ask:
// an admission answer can carry Global values, which no other caller should be able to provoke.
function requireClientCertificate(metrics: AdmissionMetrics): RequestHandler {
  return (request, response, next) => {
    const socket = request.socket as TLSSocket;
    if (socket.authorized) {
      next();
      return;
    }
    metrics.observeRejected('invalid');
    const peer = socket.getPeerCertificate();
    const reason = peer === null || Object.keys(peer).length === 0 ? 'none was sent' : String(socket.authorizationError);
    response.status(401).json({ error: `a client certificate issued by the CA in server.clientCAFile is required (${reason})` });
  };
}

// Refusals before the admission route (wrong content type, a body too large or not JSON) are admission
// requests too: they count as `invalid` so that a misconfigured client shows up in the metrics.
function requireJson(metrics: AdmissionMetrics): RequestHandler {
  return (request, response, next) => {
    if (request.is('application/json') === false || request.is('application/json') === null) {
      metrics.observeRejected('invalid');
      response.status(415).json({ error: `content-type must be application/json, got ${JSON.stringify(request.headers['content-type'] ?? '')}` });
      return;
    }
    next();
  };
}

/** 405 naming what is allowed; on an admission path it counts as an `invalid` admission request too. */
function methodNotAllowed(allowed: string, metrics?: AdmissionMetrics): RequestHandler {
  return (request, response) => {
    metrics?.observeRejected('invalid');
    response.status(405).set('Allow', allowed).json({ error: `${request.method} is not allowed on ${request.path}; use ${allowed}` });
  };
}

// body-parser's errors carry a 4xx status and a type; its messages are its own, so the answer states the cause plainly.
function bodyErrors(metrics: AdmissionMetrics): ErrorRequestHandler {
  return (error, _request, response, next) => {
    const status = (error as { status?: unknown }).status;
    if (typeof status !== 'number' || status < 400 || status >= 500) {
      next(error);
      return;
    }
    metrics.observeRejected('invalid');
    const type = (error as { type?: unknown }).type;
    const message =
      type === 'entity.too.large'
        ? `the body is larger than the ${(error as { limit?: number }).limit ?? ''} bytes accepted (server.maxRequestBytes)`
        : type === 'entity.parse.failed'
          ? `the body is not valid JSON: ${(error as Error).message}`
          : (error as Error).message;
    response.status(status).json({ error: message });
  };
}

// The last resort: express's own handler would answer with an HTML page holding the stack trace.
function unexpectedErrors(logger: Logger): ErrorRequestHandler {
  return (error, request, response, _next) => {
    logger.error({ path: request.path, error: error instanceof Error ? error.stack : String(error) }, 'request failed');
    if (response.headersSent) {
      response.end();
      return;
    }
    response.status(500).json({ error: 'podsecrets failed to answer this request; see the webhook log' });
  };
}

/** The webhook's HTTP surface: admission, health, readiness and metrics. */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const draining = options.isDraining;
  if (draining !== undefined) {
    app.use((_request, response, next) => {
      if (draining()) response.set('Connection', 'close');
      next();
    });
  }
  const admit = admissionRoute(options);
  for (const path of ADMISSION_PATHS) {
    app.post(path, ...(options.requireClientCertificate === true ? [requireClientCertificate(options.metrics)] : []), requireJson(options.metrics), jsonBody(options.maxRequestBytes, () => options.metrics.observeRejected('invalid', 0)), admit);
    app.all(path, methodNotAllowed('POST', options.metrics));
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
  app.use(bodyErrors(options.metrics));
  app.use(unexpectedErrors(options.logger));
  return app;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import express, { type NextFunction, type Router } from 'express';
import type { Logger } from '../../core/index.js';
import { ADMISSION_PATH } from '../certificates/admission-path.js';
import type { AdmissionMetrics } from './admission-metrics.js';
import { type AdmissionServices, sendJson } from './admission-answer.js';
import { admissionRoute } from './admission-route.js';
import { AdmissionScheduler, admissionWeight } from './admission-scheduler.js';
import { jsonBody } from './json-body.js';

/** Flyte's path and a short alias. */
export const ADMISSION_PATHS = [ADMISSION_PATH, '/mutate'] as const;

export interface AdmissionRouterOptions extends AdmissionServices {
  readonly maxRequestBytes: number;
  /** True once shutdown began: answers then ask clients to close the connection, so none is reused mid-close. */
  readonly isDraining?: () => boolean;
  /** Admit only callers whose client certificate chains to server.clientCAFile. */
  readonly requireClientCertificate?: boolean;
  /** Takes the admissions' turns on the event loop; a scheduler of this router's own by default. */
  readonly scheduler?: AdmissionScheduler;
}

// Every handler here takes node's own request and response, not express's: the HTTPS server hands
// admissions to this router directly, without the express application that would give them express's
// prototypes (request.is, response.json, request.query), so that an admission does not pay for them.
// The types hold the handlers to that.
type NodeHandler = (request: IncomingMessage, response: ServerResponse, next: NextFunction) => void;
type NodeErrorHandler = (error: unknown, request: IncomingMessage, response: ServerResponse, next: NextFunction) => void;

/** The path of a request's URL, without its query. */
export function pathOf(request: IncomingMessage): string {
  const url = request.url ?? '';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

/** Asks the client to close the connection after this answer while the server drains. */
export function closeWhenDraining(isDraining: () => boolean): NodeHandler {
  return (_request, response, next) => {
    if (isDraining()) response.setHeader('Connection', 'close');
    next();
  };
}

// With server.clientCAFile, only the API server (or whoever holds a certificate from that CA) may ask:
// an admission answer can carry Global values, which no other caller should be able to provoke.
function requireClientCertificate(metrics: AdmissionMetrics): NodeHandler {
  return (request, response, next) => {
    const socket = request.socket as TLSSocket;
    if (socket.authorized) {
      next();
      return;
    }
    metrics.observeRejected('invalid');
    const peer = socket.getPeerCertificate();
    const reason = peer === null || Object.keys(peer).length === 0 ? 'none was sent' : String(socket.authorizationError);
    sendJson(response, 401, { error: `a client certificate issued by the CA in server.clientCAFile is required (${reason})` });
  };
}

// express's request.is, which only reads the request's headers: the same test of the content type
// (type-is's), called on node's request.
const requestPrototype: Pick<express.Request, 'is'> = express.request;
function isContentType(request: IncomingMessage, type: string): string | false | null {
  return requestPrototype.is.call(request as express.Request, type);
}

// Refusals before the admission route (wrong content type, a body too large or not JSON) are admission
// requests too: they count as `invalid` so that a misconfigured client shows up in the metrics.
function requireJson(metrics: AdmissionMetrics): NodeHandler {
  return (request, response, next) => {
    const json = isContentType(request, 'application/json');
    if (json === false || json === null) {
      metrics.observeRejected('invalid');
      sendJson(response, 415, { error: `content-type must be application/json, got ${JSON.stringify(request.headers['content-type'] ?? '')}` });
      return;
    }
    next();
  };
}

// body-parser's errors carry a 4xx status and a type; its messages are its own, so the answer states the cause plainly.
function bodyErrors(metrics: AdmissionMetrics): NodeErrorHandler {
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
    sendJson(response, status, { error: message });
  };
}

/** The last resort: express's own handler would answer with an HTML page holding the stack trace. */
export function unexpectedErrors(logger: Logger): NodeErrorHandler {
  return (error, request, response, _next) => {
    logger.error({ path: pathOf(request), error: error instanceof Error ? error.stack : String(error) }, 'request failed');
    if (response.headersSent) {
      response.end();
      return;
    }
    sendJson(response, 500, { error: 'podsecrets failed to answer this request; see the webhook log' });
  };
}

/**
 * The admission endpoint: POST on each of {@link ADMISSION_PATHS}, with its refusals (client
 * certificate, content type, body) and their error answers. The same router is mounted in the
 * express app and called by the HTTPS server directly (see dispatchAdmissions), so one set of
 * handlers answers every admission, whichever way it came.
 */
export function createAdmissionRouter(options: AdmissionRouterOptions): Router {
  const router = express.Router();
  const chain: NodeHandler[] = [
    ...(options.isDraining !== undefined ? [closeWhenDraining(options.isDraining)] : []),
    ...(options.requireClientCertificate === true ? [requireClientCertificate(options.metrics)] : []),
    requireJson(options.metrics),
    jsonBody(options.maxRequestBytes, () => options.metrics.observeRejected('invalid', 0)),
    admissionRoute(options, options.scheduler ?? new AdmissionScheduler(), (request) => admissionWeight(request, options.maxRequestBytes)),
  ];
  for (const path of ADMISSION_PATHS) router.post(path, ...chain);
  router.use(bodyErrors(options.metrics), unexpectedErrors(options.logger));
  return router;
}

import express, { type Express, type RequestHandler, type Router } from 'express';
import type { AdmissionMetrics } from './admission-metrics.js';
import { ADMISSION_PATHS, type AdmissionRouterOptions, closeWhenDraining, createAdmissionRouter, unexpectedErrors } from './admission-router.js';

export { ADMISSION_PATHS } from './admission-router.js';

export interface AppOptions extends AdmissionRouterOptions {
  /** Whether the server should receive traffic: false until TLS and config are loaded, and while draining. */
  readonly isReady: () => boolean;
}

/** 405 naming what is allowed; on an admission path it counts as an `invalid` admission request too. */
function methodNotAllowed(allowed: string, metrics?: AdmissionMetrics): RequestHandler {
  return (request, response) => {
    metrics?.observeRejected('invalid');
    response
      .status(405)
      .set('Allow', allowed)
      .json({ error: `${request.method} is not allowed on ${request.path}; use ${allowed}` });
  };
}

/**
 * The webhook's HTTP surface: admission (`admissions`, made from the options when not given),
 * health, readiness and metrics.
 */
export function createApp(options: AppOptions, admissions: Router = createAdmissionRouter(options)): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  if (options.isDraining !== undefined) app.use(closeWhenDraining(options.isDraining));
  // Mounted on its routes only: a router mounted with app.use would be passed through by every other
  // request, and leaving a router defers the rest of the request to the next turn of the event loop.
  app.post([...ADMISSION_PATHS], admissions);
  for (const path of ADMISSION_PATHS) app.all(path, methodNotAllowed('POST', options.metrics));
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
  app.use(unexpectedErrors(options.logger));
  return app;
}

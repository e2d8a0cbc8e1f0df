import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { Logger, SecretCacheInvalidation, SecretScope } from '../../core/index.js';

export interface CacheInvalidationAppOptions {
  readonly caches: readonly SecretCacheInvalidation[];
  readonly logger: Logger;
  /** When set, requests must carry `Authorization: Bearer <token>`. */
  readonly token?: string;
}

const MAX_BODY_BYTES = 16 * 1024;

function sameSecret(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, which timingSafeEqual needs, without revealing the length.
  return timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());
}

function field(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Flyte v2's cache invalidation endpoint: `POST /invalidate-secret` with `{org, domain, project, name}`
 * makes every value cache forget that secret. 400 for bad JSON or a missing name, 405 for another
 * method, 401 without the token when one is configured.
 */
export function cacheInvalidationApp(options: CacheInvalidationAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  const authenticate: RequestHandler = (request, response, next) => {
    if (options.token === undefined) return next();
    const header = request.headers.authorization ?? '';
    if (!header.startsWith('Bearer ') || !sameSecret(header.slice('Bearer '.length), options.token)) {
      response.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'a valid Authorization: Bearer token is required (server.cacheInvalidationTokenFile)' });
      return;
    }
    next();
  };
  app.post('/invalidate-secret', authenticate, express.json({ limit: MAX_BODY_BYTES, strict: true, type: () => true }), (request, response) => {
    const body = request.body as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      response.status(400).json({ error: 'the body must be a JSON object {org, domain, project, name}' });
      return;
    }
    const record = body as Record<string, unknown>;
    const name = field(record, 'name');
    if (name === undefined || name === '') {
      response.status(400).json({ error: 'name is required: the key of the secret to forget' });
      return;
    }
    const scope: SecretScope = { org: field(record, 'org') ?? '', domain: field(record, 'domain') ?? '', project: field(record, 'project') ?? '', name };
    for (const cache of options.caches) cache.invalidate(scope);
    options.logger.info({ org: scope.org, domain: scope.domain, project: scope.project, key: scope.name }, 'secret cache invalidated');
    response.status(200).json({ status: 'ok' });
  });
  app.all('/invalidate-secret', authenticate, (request, response) => {
    response
      .status(405)
      .set('Allow', 'POST')
      .json({ error: `${request.method} is not allowed on /invalidate-secret; use POST` });
  });
  app.use((request, response) => {
    response.status(404).json({ error: `no such endpoint: ${request.method} ${request.path}` });
  });
  const bodyErrors: ErrorRequestHandler = (error, _request, response, next) => {
    const status = (error as { status?: unknown }).status;
    if (typeof status !== 'number' || status < 400 || status >= 500) return next(error);
    response.status(status).json({ error: (error as { type?: unknown }).type === 'entity.parse.failed' ? 'the body is not valid JSON' : (error as Error).message });
  };
  app.use(bodyErrors);
  return app;
}

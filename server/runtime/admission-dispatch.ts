import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Router } from 'express';
import { ADMISSION_PATHS, pathOf } from './admission-router.js';

const EXACT_PATHS: ReadonlySet<string> = new Set(ADMISSION_PATHS);

// express's types give a router's call express's request and response; the router itself (the
// `router` package) takes node's, and the admission router's handlers use nothing else.
type NodeRouter = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The HTTPS server's listener: a POST to an admission path goes to the admission router itself;
 * everything else (other methods, other paths, spellings of the paths that only the router's
 * matching accepts, such as a trailing slash) goes to the express app, in which the same router is
 * mounted. The express application prototypes every request and response anew and runs its own
 * layers first, which cost more than the rest of an admission's HTTP handling together.
 */
export function dispatchAdmissions(admissions: Router, app: RequestListener): RequestListener {
  const route = admissions as unknown as NodeRouter;
  return (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'POST' || !EXACT_PATHS.has(pathOf(request))) {
      app(request, response);
      return;
    }
    // The router answers every request for its routes, errors included; it passes on only a request
    // it does not hold, which the app then answers as it answers any other.
    route(request, response, () => app(request, response));
  };
}

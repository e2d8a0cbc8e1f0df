import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse } from 'node:querystring';
import { type AdmissionServices, answerAdmission, sendJsonText } from './admission-answer.js';
import type { AdmissionScheduler } from './admission-scheduler.js';
import { jsonBodyOf } from './plain-json-body.js';

/**
 * The `timeout` query parameter, read as express's request.query reads it (its default "simple"
 * parser is node's querystring), without express's request prototype.
 */
export function timeoutParameter(url: string | undefined): unknown {
  const start = url?.indexOf('?') ?? -1;
  if (url === undefined || start < 0) return undefined;
  const end = url.indexOf('#', start);
  return parse(url.slice(start + 1, end < 0 ? undefined : end))['timeout'];
}

// Base64 characters; an answer this large takes about as long to send as a small admission takes in all.
const LARGE_PATCH = 64 * 1024;

function patchLength(body: unknown): number {
  const patch = (body as { response?: { patch?: unknown } } | undefined)?.response?.patch;
  return typeof patch === 'string' ? patch.length : 0;
}

/**
 * POST /mutate--v1-pod (and /mutate): see {@link answerAdmission} for the answers. With a `scheduler`,
 * each admission waits for its turn of the event loop (see {@link AdmissionScheduler}); `weightOf`
 * gives its weight there. The body is parsed in that turn ({@link jsonBodyOf}); a body that is not
 * JSON goes to `next`, answered by the router's body errors as body-parser's are.
 */
export function admissionRoute(
  services: AdmissionServices,
  scheduler?: AdmissionScheduler,
  weightOf: (request: IncomingMessage) => number = () => 1,
): (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => Promise<void> {
  return async (request, response, next) => {
    const weight = scheduler !== undefined ? weightOf(request) : 0;
    if (scheduler !== undefined) await scheduler.turn(weight);
    let body: unknown;
    try {
      body = jsonBodyOf(request);
    } catch (error) {
      next(error);
      return;
    }
    const answer = await answerAdmission(services, body, timeoutParameter(request.url));
    // Encrypting and sending a large patch costs a good part of what making it did: a turn of its own.
    if (scheduler !== undefined && patchLength(answer.body) > LARGE_PATCH) await scheduler.turn(weight);
    sendJsonText(response, answer.status, answer.text);
  };
}

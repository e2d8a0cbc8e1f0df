import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse } from 'node:querystring';
import { type AdmissionServices, answerAdmission, sendJson } from './admission-answer.js';

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

/** POST /mutate--v1-pod (and /mutate): see {@link answerAdmission} for the answers. */
export function admissionRoute(services: AdmissionServices): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return async (request, response) => {
    const answer = await answerAdmission(services, (request as { body?: unknown }).body, timeoutParameter(request.url));
    sendJson(response, answer.status, answer.body);
  };
}

import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { type AdmissionServices, answerAdmission, sendJson } from './admission-answer.js';
import { ADMISSION_PATHS } from './create-app.js';

export interface FastPathOptions extends AdmissionServices {
  readonly maxRequestBytes: number;
  /** True once shutdown began: answers then ask clients to close the connection, as the app's do. */
  readonly isDraining?: () => boolean;
}

// The content types the fast path takes; any other (another charset, parameters, spelling) goes to express.
const PLAIN_JSON = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);
const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Whether express would take `request` straight to the admission route, with nothing for its
 * middleware to decide: a POST to an admission path as written, a JSON body in UTF-8 of a declared
 * length within the limit, not compressed.
 */
function isPlainAdmission(request: IncomingMessage, pathname: string, maxRequestBytes: number): boolean {
  if (request.method !== 'POST' || !(ADMISSION_PATHS as readonly string[]).includes(pathname)) return false;
  const { headers } = request;
  if (!PLAIN_JSON.has((headers['content-type'] ?? '').toLowerCase())) return false;
  if (headers['transfer-encoding'] !== undefined) return false;
  if (headers['content-encoding'] !== undefined && headers['content-encoding'].toLowerCase() !== 'identity') return false;
  const length = Number(headers['content-length']);
  return Number.isInteger(length) && length > 0 && length <= maxRequestBytes;
}

function readBody(request: IncomingMessage, onBody: (text: string) => void): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => onBody(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')));
}

/**
 * Serves the admissions the API server sends without express, which, with body-parser, router and
 * type checks, cost several times the admission itself. The answers are express's (same statuses,
 * bodies, headers and metrics): a body that is not JSON gets the 400 express would send, and every request that
 * is not a plain admission (see {@link isPlainAdmission}) goes to `app` as before.
 */
export function withAdmissionFastPath(app: RequestListener, options: FastPathOptions): RequestListener {
  const draining = options.isDraining ?? ((): boolean => false);
  return (request: IncomingMessage, response: ServerResponse) => {
    const url = request.url ?? '';
    const query = url.indexOf('?');
    const pathname = query < 0 ? url : url.slice(0, query);
    if (!isPlainAdmission(request, pathname, options.maxRequestBytes)) {
      app(request, response);
      return;
    }
    // A client that goes away mid-body gets nothing: there is no one to answer.
    request.on('error', () => response.destroy());
    readBody(request, (text) => {
      let body: unknown;
      try {
        // body-parser decodes with iconv-lite, which drops a leading byte-order mark.
        body = JSON.parse(text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text);
      } catch (error) {
        options.metrics.observeRejected('invalid');
        sendJson(response, 400, { error: `the body is not valid JSON: ${(error as Error).message}` }, draining());
        return;
      }
      const timeout = query < 0 ? undefined : parseQuery(url.slice(query + 1))['timeout'];
      void answerAdmission(options, body, timeout).then((answer) => sendJson(response, answer.status, answer.body, draining()));
    });
  };
}

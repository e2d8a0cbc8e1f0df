import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type NextFunction } from 'express';
import { sendJson } from './admission-answer.js';
import { closeAfterAnswer } from './lingering-close.js';
import { isPlainJsonRequest, readPlainJsonBody } from './plain-json-body.js';

function tooLarge(request: IncomingMessage, response: ServerResponse, maxBytes: number, what: string): void {
  // The last answer on its connection, so that the client stops sending and the socket is not reused
  // mid-body; the rest of the body is read and dropped for a while, or the client may see a reset instead.
  closeAfterAnswer(request, response);
  sendJson(response, 413, { error: `the body ${what} larger than the ${maxBytes} bytes accepted (server.maxRequestBytes)` });
}

/**
 * express.json, answering 413 as soon as a body is known to exceed `maxBytes`: at once when its
 * declared length does, on the first byte past the limit when it is chunked. body-parser alone answers
 * only once the client has sent everything, so a client streaming an endless body would hold its
 * request until the request timeout. `onTooLarge` is told of each such refusal (for the metrics).
 * It takes node's request and response: body-parser needs nothing of express's. A plain UTF-8 JSON
 * body (every admission the API server sends) is read without body-parser and parsed when the
 * admission asks for it, to the same outcome ({@link readPlainJsonBody}); any other goes to
 * body-parser, which answers it as it always did. Either way, jsonBodyOf (plain-json-body.ts) gives the body.
 */
export function jsonBody(maxBytes: number, onTooLarge: () => void = () => undefined): (request: IncomingMessage, response: ServerResponse, next: NextFunction) => void {
  const parse = express.json({ limit: maxBytes, strict: false, type: () => true });
  return (request, response, next) => {
    const declared = request.headers['content-length'];
    if (declared !== undefined && Number(declared) > maxBytes) {
      onTooLarge();
      tooLarge(request, response, maxBytes, `(${declared} bytes declared) is`);
      return;
    }
    if (declared === undefined) {
      let received = 0;
      const count = (chunk: Buffer): void => {
        received += chunk.length;
        if (received > maxBytes) {
          request.off('data', count);
          if (response.headersSent) return;
          onTooLarge();
          tooLarge(request, response, maxBytes, 'is');
        }
      };
      request.on('data', count);
    }
    // The reader reports the overflow too; by then the answer has gone.
    const done = (error?: unknown): void => {
      if (response.headersSent) return;
      next(error);
    };
    if (isPlainJsonRequest(request)) readPlainJsonBody(request, maxBytes, done);
    else parse(request, response, done);
  };
}

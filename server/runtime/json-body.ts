import express, { type Request, type RequestHandler, type Response } from 'express';
import { closeAfterAnswer } from './lingering-close.js';

function tooLarge(request: Request, response: Response, maxBytes: number, what: string): void {
  // The last answer on its connection, so that the client stops sending and the socket is not reused
  // mid-body; the rest of the body is read and dropped for a while, or the client may see a reset instead.
  closeAfterAnswer(request, response);
  response.status(413).json({ error: `the body ${what} larger than the ${maxBytes} bytes accepted (server.maxRequestBytes)` });
}

/**
 * express.json, answering 413 as soon as a body is known to exceed `maxBytes`: at once when its
 * declared length does, on the first byte past the limit when it is chunked. body-parser alone answers
 * only once the client has sent everything, so a client streaming an endless body would hold its
 * request until the request timeout. `onTooLarge` is told of each such refusal (for the metrics).
 */
export function jsonBody(maxBytes: number, onTooLarge: () => void = () => undefined): RequestHandler {
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
    // body-parser reports the overflow too, once the client stops; by then the answer has gone.
    parse(request, response, (error?: unknown) => {
      if (response.headersSent) return;
      next(error);
    });
  };
}

import type { RequestHandler, Response } from 'express';

function tooLarge(response: Response, maxBytes: number, what: string): void {
  // Connection: close, so that the client stops sending and the socket is not reused mid-body.
  response
    .status(413)
    .set('Connection', 'close')
    .json({ error: `the body ${what} larger than the ${maxBytes} bytes accepted (server.maxRequestBytes)` });
}

/**
 * Answers 413 as soon as a body is known to exceed `maxBytes`: at once when its declared length does,
 * and on the first byte past the limit when it is chunked. body-parser alone would answer only after
 * the client finished sending, so a client streaming an endless body would wait for the request timeout.
 */
export function bodyLimit(maxBytes: number): RequestHandler {
  return (request, response, next) => {
    const declared = request.headers['content-length'];
    if (declared !== undefined) {
      if (Number(declared) > maxBytes) {
        tooLarge(response, maxBytes, `(${declared} bytes declared) is`);
        // Read and drop the rest, bounded by server.requestTimeoutMs, rather than reset a client that is still sending.
        request.resume();
        return;
      }
      next();
      return;
    }
    let received = 0;
    const count = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > maxBytes) {
        request.off('data', count);
        if (!response.headersSent) tooLarge(response, maxBytes, 'is');
      }
    };
    request.on('data', count);
    next();
  };
}

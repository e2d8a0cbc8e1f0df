import type { Socket } from 'node:net';
import type { Request, Response } from 'express';

/** How long, and how many more bytes, a connection answered early is still read before it is cut. */
export interface LingerBounds {
  /** In all. */
  readonly ms: number;
  /** Without a byte from the client. */
  readonly idleMs: number;
  readonly bytes: number;
}

// Go's net/http waits 500 ms after closing its write side (rstAvoidanceDelay). A client on a busy node
// may take longer to read its answer, or to send the rest of a 10 MiB body: while bytes keep coming,
// reading on (up to 16 MiB, a few milliseconds of CPU) is cheaper than a reset that loses the answer.
export const LINGER_BOUNDS: LingerBounds = { ms: 20_000, idleMs: 2000, bytes: 16 * 1024 * 1024 };

/**
 * Makes `response` the last on its connection, closed the way Go's net/http closes one: after the answer,
 * the write side is closed, and what the client is still sending is read and dropped until it closes
 * too, within `bounds`. Call it before the answer is sent; for an answer given before the body is read
 * (413).
 *
 * Node ends a `Connection: close` answer with socket.destroySoon(), which destroys the socket as soon
 * as the answer is written. Bytes the client is still sending then reach a closed socket, the kernel
 * answers them with a reset, and a reset discards whatever the client had received and not yet read:
 * the answer itself, often.
 */
export function closeAfterAnswer(request: Request, response: Response, bounds: LingerBounds = LINGER_BOUNDS): void {
  response.set('Connection', 'close');
  const socket = request.socket;
  const cut = (): void => {
    socket.destroy();
  };
  let lingering = false;
  let received = 0;
  let idle: NodeJS.Timeout | undefined;
  const waitForMore = (): void => {
    clearTimeout(idle);
    idle = setTimeout(cut, bounds.idleMs);
    idle.unref();
  };
  // Counted through the request, not the socket: a 'data' listener on the socket would take the bytes
  // from Node's HTTP parser, which may have paused the socket and would then never resume it. Flowing
  // before the answer, the request is not dumped after it (a dumped request sees no more data).
  request.on('data', (chunk: Buffer) => {
    if (!lingering) return;
    received += chunk.length;
    if (received > bounds.bytes) cut();
    else waitForMore();
  });
  socket.destroySoon = () => {
    if (socket.destroyed) return;
    lingering = true;
    socket.end();
    waitForMore();
    const total = setTimeout(cut, bounds.ms);
    total.unref();
    socket.once('end', cut);
    socket.once('close', () => {
      clearTimeout(idle);
      clearTimeout(total);
    });
    // body-parser pauses the request when the body overflows; flowing again, the rest is dropped as it comes.
    request.resume();
  };
}

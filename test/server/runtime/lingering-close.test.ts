import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import express from 'express';
import { closeAfterAnswer, type LingerBounds } from '../../../server/runtime/lingering-close.js';

const MiB = 1024 * 1024;
// One route per bound: the other two far beyond what the test reaches.
const BY_BYTES: LingerBounds = { ms: 60_000, idleMs: 60_000, bytes: MiB };
const BY_TIME: LingerBounds = { ms: 300, idleMs: 60_000, bytes: 64 * MiB };
const BY_IDLE: LingerBounds = { ms: 60_000, idleMs: 100, bytes: 64 * MiB };
const head = (path: string): string => `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Length: ${100 * MiB}\r\n\r\n`;

interface Exchange {
  readonly answer: string;
  /** Body bytes the server took after the head, before it closed; and whether it closed at all. */
  readonly sent: number;
  readonly closedByServer: boolean;
}

/** Sends the head, then `chunk` after `chunk`, `gapMs` apart, until the server closes or `giveUpMs` passes. */
function exchange(port: number, path: string, chunk: Buffer, gapMs: number, giveUpMs: number): Promise<Exchange> {
  return new Promise((resolve) => {
    let answer = '';
    let sent = 0;
    let settled = false;
    // Half-open allowed: the server's FIN does not end the client's side, as it would not a client still streaming its body.
    const socket: Socket = connect({ host: '127.0.0.1', port, allowHalfOpen: true }, () => {
      socket.write(head(path));
      const pump = (): void => {
        while (!socket.destroyed && socket.writable) {
          sent += chunk.length;
          if (!socket.write(chunk)) {
            socket.once('drain', pump);
            return;
          }
          if (gapMs > 0) {
            setTimeout(pump, gapMs);
            return;
          }
        }
      };
      pump();
    });
    const finish = (closedByServer: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ answer, sent, closedByServer });
    };
    const timer = setTimeout(() => finish(false), giveUpMs);
    socket.on('data', (data: Buffer) => (answer += data.toString('latin1')));
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
  });
}

describe('closeAfterAnswer', () => {
  let server: Server;
  let port: number;

  before(async () => {
    const app = express();
    for (const [path, bounds] of [
      ['/by-bytes', BY_BYTES],
      ['/by-time', BY_TIME],
      ['/by-idle', BY_IDLE],
    ] as const) {
      app.post(path, (request, response) => {
        closeAfterAnswer(request, response, bounds);
        response.status(413).json({ error: 'too large' });
      });
    }
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  describe('when the client keeps sending after the answer', () => {
    it('should answer with Connection: close, then read on only up to the byte bound', async () => {
      const result = await exchange(port, '/by-bytes', Buffer.alloc(64 * 1024, 0x20), 0, 20_000);
      expect(result.answer).to.match(/^HTTP\/1\.1 413 /);
      expect(result.answer.toLowerCase()).to.include('connection: close');
      expect(result.closedByServer).to.equal(true);
      // What the client wrote beyond the bound sits in the kernel's buffers, a few MiB at most.
      expect(result.sent).to.be.within(BY_BYTES.bytes, BY_BYTES.bytes + 32 * MiB);
    });
  });

  describe('when the client trickles on and never closes after the answer', () => {
    it('should close the connection itself once the time bound has passed', async () => {
      // A byte every 50 ms: far below the byte bound; the reset it meets once closed tells the client.
      const result = await exchange(port, '/by-time', Buffer.alloc(1, 0x20), 50, BY_TIME.ms * 30);
      expect(result.answer).to.match(/^HTTP\/1\.1 413 /);
      expect(result.closedByServer, `not closed within ${BY_TIME.ms * 30} ms`).to.equal(true);
    });
  });

  describe('when the client falls silent after the answer, without closing', () => {
    it('should close the connection once the idle bound has passed', async () => {
      // Silent for 20 times the idle bound between bytes: the first byte after the silence meets the
      // reset of a closed socket, the next one reports it.
      const result = await exchange(port, '/by-idle', Buffer.alloc(1, 0x20), BY_IDLE.idleMs * 20, BY_IDLE.idleMs * 60);
      expect(result.answer).to.match(/^HTTP\/1\.1 413 /);
      expect(result.closedByServer, `not closed within ${BY_IDLE.idleMs * 60} ms`).to.equal(true);
    });
  });
});

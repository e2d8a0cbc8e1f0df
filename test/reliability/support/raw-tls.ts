import { connect as tcpConnect } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';

/** What a raw client saw: the HTTP status of the first response line, if any, and when the server closed. */
export interface RawExchange {
  readonly status: number | undefined;
  readonly text: string;
  /** Milliseconds from the TLS handshake to the server closing the connection (or the wait ending). */
  readonly closedAfterMs: number;
  readonly closedByServer: boolean;
}

export interface RawOptions {
  /** Pause between chunks, to play a slow client. */
  readonly gapMs?: number;
  /** Give up waiting after this long; the exchange then reports closedByServer false. */
  readonly maxWaitMs: number;
  /** Stop as soon as the response headers are in, instead of waiting for the server to close. */
  readonly untilResponse?: boolean;
  /**
   * Send every chunk before reading anything, as a client that writes its whole body before it looks
   * for an answer. Such a client loses an answer that a reset follows: the reset discards it unread.
   */
  readonly readAfterSending?: boolean;
}

function parseStatus(text: string): number | undefined {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  return match === null ? undefined : Number(match[1]);
}

function drainedOrClosed(socket: TLSSocket): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      socket.off('drain', done).off('close', done);
      resolve();
    };
    socket.on('drain', done).on('close', done);
  });
}

/** Opens a TLS connection, writes `chunks` with gaps between them, and reads until the server closes. */
export function rawTlsExchange(port: number, ca: string, chunks: readonly (string | Buffer)[], options: RawOptions): Promise<RawExchange> {
  return new Promise((resolve) => {
    let text = '';
    let connectedAt = Date.now();
    let settled = false;
    const read = (data: Buffer): void => {
      text += data.toString('latin1');
      if (options.untilResponse === true && text.includes('\r\n\r\n')) finish(false);
    };
    const socket: TLSSocket = tlsConnect({ host: '127.0.0.1', port, ca, servername: 'localhost' }, () => {
      connectedAt = Date.now();
      void (async () => {
        for (const chunk of chunks) {
          // A client that has its answer stops sending, as a real one would on a 413.
          if (socket.destroyed || !socket.writable || text !== '') break;
          if (!socket.write(chunk)) await drainedOrClosed(socket);
          if (options.gapMs !== undefined) await new Promise((done) => setTimeout(done, options.gapMs));
        }
        if (options.readAfterSending === true) socket.on('data', read);
      })();
    });
    const finish = (byServer: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: parseStatus(text), text, closedAfterMs: Date.now() - connectedAt, closedByServer: byServer });
    };
    const timer = setTimeout(() => finish(false), options.maxWaitMs);
    if (options.readAfterSending !== true) socket.on('data', read);
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
  });
}

/** Opens a TCP connection and sends nothing, not even a TLS hello; resolves when the server closes it. */
export function stalledHandshake(port: number, maxWaitMs: number): Promise<{ closedByServer: boolean; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = tcpConnect({ host: '127.0.0.1', port });
    let settled = false;
    const finish = (byServer: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ closedByServer: byServer, closedAfterMs: Date.now() - started });
    };
    const timer = setTimeout(() => finish(false), maxWaitMs);
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
  });
}

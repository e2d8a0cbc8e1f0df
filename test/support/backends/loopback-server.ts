import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a fake backend received. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** performance.now() when the request reached the server: to count requests per interval. */
  readonly receivedAt: number;
}

export type Route = (request: ReceivedRequest, response: ServerResponse) => void | Promise<void>;

/**
 * A plain-HTTP server on 127.0.0.1 that speaks a backend's protocol through `route`, records every
 * request, and can be made to hang (`hang = true`: requests get no answer until the server stops).
 */
export class LoopbackServer {
  readonly requests: ReceivedRequest[] = [];
  hang = false;
  readonly #server: Server;
  readonly #hanging = new Set<ServerResponse>();

  constructor(route: Route) {
    this.#server = createServer((request, response) => {
      const receivedAt = performance.now();
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const received = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt };
        this.requests.push(received);
        if (this.hang) {
          this.#hanging.add(response);
          return;
        }
        void Promise.resolve(route(received, response)).catch((error: unknown) => {
          response.statusCode = 599;
          response.end(String(error));
        });
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const response of this.#hanging) response.destroy();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** Sends `body` as JSON with `status`. */
export function sendJson(response: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  response.writeHead(status, { 'content-type': contentType });
  response.end(JSON.stringify(body));
}

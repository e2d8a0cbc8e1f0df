import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';
import type { PemCredentials } from '../tls/self-signed-certificate.js';

export interface WebhookServerOptions {
  /** The request handler: the express app, behind the admission fast path. */
  readonly app: RequestListener;
  readonly credentials: PemCredentials;
  readonly host: string;
  readonly port: number;
}

/** The HTTPS listener: TLS 1.2 or newer, with bounds on slow and idle clients. */
export class WebhookServer {
  readonly #server: Server;
  readonly #options: WebhookServerOptions;

  constructor(options: WebhookServerOptions) {
    this.#options = options;
    this.#server = createServer({ cert: options.credentials.cert, key: options.credentials.key, minVersion: 'TLSv1.2' }, options.app);
    // A client that trickles its headers or body must not hold a socket for long; the API server
    // sends a whole AdmissionReview at once and gives up after at most 30 s anyway.
    this.#server.headersTimeout = 10_000;
    this.#server.requestTimeout = 30_000;
    this.#server.keepAliveTimeout = 60_000;
  }

  /** Starts listening; resolves with the port (useful when 0 asked for any free one). */
  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#options.port, this.#options.host, () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    return (this.#server.address() as AddressInfo).port;
  }

  /** Replaces the certificate for new connections; connections already open keep theirs. */
  setCredentials(credentials: PemCredentials): void {
    this.#server.setSecureContext({ cert: credentials.cert, key: credentials.key, minVersion: 'TLSv1.2' });
  }

  /**
   * Stops accepting connections, lets requests in flight finish, closes idle keep-alive connections,
   * and after `graceMs` closes whatever is left.
   */
  async close(graceMs: number): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeIdleConnections();
    const timer = setTimeout(() => this.#server.closeAllConnections(), graceMs);
    timer.unref();
    await closed;
    clearTimeout(timer);
  }
}

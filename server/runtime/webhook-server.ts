import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';
import type { SecureContextOptions } from 'node:tls';
import type { PemCredentials } from '../certificates/self-signed-certificate.js';
import { TLS_CIPHERS, TLS_MIN_VERSION } from './tls-policy.js';

/** How long a client may take; see the `server.*TimeoutMs` keys. */
export interface ClientTimeouts {
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
}

export interface WebhookServerOptions {
  /** The request handler: the express app. */
  readonly app: RequestListener;
  readonly credentials: PemCredentials;
  readonly host: string;
  readonly port: number;
  /** The defaults suit the API server, which sends a whole AdmissionReview at once and waits at most 30 s. */
  readonly timeouts?: Partial<ClientTimeouts>;
  /** Most connections open at once (idle ones included); 0 for no limit. */
  readonly maxConnections?: number;
  /**
   * CA certificates (PEM) of the clients allowed to ask for admissions (server.clientCAFile). The
   * handshake asks for a client certificate but lets a connection without one through, so that the
   * kubelet's probes keep working; the admission route refuses it (see createApp).
   */
  readonly clientCa?: string;
}

// Node's HTTP server stops parsing a keep-alive connection while the previous answer is still being
// written (its write() returned false), yet a TLS socket goes on feeding the parser the rest of the
// records it has already read: the next request then fails with HPE_PAUSED and its client sees a reset.
// An answer written from a setImmediate (see AdmissionScheduler) is reported written only in the next
// turn's check phase, after the API server may have sent its next request on that connection: 12 of
// 80 requests failed so with a 550 KB answer. A high water mark above any answer podsecrets gives
// (the limits keep the largest near 1 MB) keeps write() from returning false for an answer.
const ANSWER_HIGH_WATER_MARK = 8 * 1024 * 1024;

const DEFAULT_TIMEOUTS: ClientTimeouts = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 60_000 };
// Node checks the header and request deadlines only this often (30 s by default), so a slow client
// would otherwise keep its socket up to 30 s past its deadline.
const MAX_CHECK_INTERVAL_MS = 1000;

function secureContext(credentials: PemCredentials, clientCa: string | undefined): SecureContextOptions {
  return {
    cert: credentials.cert,
    key: credentials.key,
    minVersion: TLS_MIN_VERSION,
    ciphers: TLS_CIPHERS,
    honorCipherOrder: true,
    ...(clientCa !== undefined ? { ca: clientCa } : {}),
  };
}

/** The HTTPS listener: TLS 1.2 or newer with forward-secret AEAD ciphers only, and bounds on slow and idle clients. */
export class WebhookServer {
  readonly #server: Server;
  readonly #options: WebhookServerOptions;

  constructor(options: WebhookServerOptions) {
    this.#options = options;
    const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    if (timeouts.requestTimeoutMs > 0 && timeouts.headersTimeoutMs > timeouts.requestTimeoutMs) {
      throw new Error(`server.headersTimeoutMs (${timeouts.headersTimeoutMs}) must not exceed server.requestTimeoutMs (${timeouts.requestTimeoutMs}): the headers are part of the request`);
    }
    const smallest = Math.min(...[timeouts.headersTimeoutMs, timeouts.requestTimeoutMs].filter((ms) => ms > 0), MAX_CHECK_INTERVAL_MS * 2);
    this.#server = createServer(
      {
        ...secureContext(options.credentials, options.clientCa),
        ...(options.clientCa !== undefined ? { requestCert: true, rejectUnauthorized: false } : {}),
        connectionsCheckingInterval: Math.max(50, Math.floor(smallest / 2)),
        // A connection that never finishes its TLS handshake sends no request, so no HTTP deadline covers it.
        ...(timeouts.headersTimeoutMs > 0 ? { handshakeTimeout: timeouts.headersTimeoutMs } : {}),
      },
      options.app,
    );
    this.#server.on('secureConnection', (socket) => {
      // Node offers no option for the high water mark of the sockets a TLS server accepts.
      (socket as unknown as { _writableState: { highWaterMark: number } })._writableState.highWaterMark = ANSWER_HIGH_WATER_MARK;
    });
    this.#server.headersTimeout = timeouts.headersTimeoutMs;
    this.#server.requestTimeout = timeouts.requestTimeoutMs;
    this.#server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
    if (options.maxConnections !== undefined && options.maxConnections > 0) this.#server.maxConnections = options.maxConnections;
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
    this.#server.setSecureContext(secureContext(credentials, this.#options.clientCa));
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

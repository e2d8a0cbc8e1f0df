import { Agent, request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { podWithSecrets, reviewFor } from './pod-builders.js';

export interface LoadOptions {
  readonly port: number;
  /** CA certificates the client trusts (PEM, several allowed). */
  readonly ca: string | string[];
  readonly workers: number;
  /** Every n-th request opens a fresh connection (a new TLS handshake); the rest reuse keep-alive ones. */
  readonly freshEvery?: number;
}

export interface LoadReport {
  readonly answered: number;
  /** Answers that are not HTTP 200 with an allowed AdmissionReview for the request's uid. */
  readonly badAnswers: string[];
  /** Requests refused before they were accepted: connection refused, or closed before its TLS handshake. */
  readonly refused: number;
  /** Requests accepted (or on a connection) that got no answer: reset, hang-up, TLS failure. */
  readonly dropped: string[];
  /** Fingerprints of the server certificates seen on fresh connections, in order of first sight. */
  readonly certificates: string[];
  /** Answers completed after `markAt()` was called. */
  readonly answeredAfterMark: number;
}

/**
 * Admission requests from `workers` concurrent loops until `stop()`: what a busy API server sends. Each
 * request is a real AdmissionReview for a pod asking for a K8s secret, so each answer is checked.
 */
export function startAdmissionLoad(options: LoadOptions): { stop(): Promise<LoadReport>; markAt(): void; answered(): number } {
  const agent = new Agent({ keepAlive: true, maxSockets: options.workers });
  let running = true;
  let answered = 0;
  let refused = 0;
  let mark: number | undefined;
  let answeredAfterMark = 0;
  const badAnswers: string[] = [];
  const dropped: string[] = [];
  const certificates: string[] = [];
  let sequence = 0;

  const once = (fresh: boolean): Promise<void> =>
    new Promise((resolve) => {
      sequence += 1;
      const uid = `load-${sequence}`;
      const body = JSON.stringify(reviewFor(podWithSecrets({ secrets: [{ group: 'db', key: 'password' }] }), { uid }));
      const request = httpsRequest(
        {
          host: '127.0.0.1',
          port: options.port,
          path: '/mutate--v1-pod',
          method: 'POST',
          ca: options.ca,
          servername: 'localhost',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          agent: fresh ? false : agent,
        },
        (response) => {
          if (fresh) {
            const fingerprint = (response.socket as TLSSocket).getPeerCertificate().fingerprint256;
            if (fingerprint !== undefined && !certificates.includes(fingerprint)) certificates.push(fingerprint);
          }
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            answered += 1;
            if (mark !== undefined) answeredAfterMark += 1;
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: { response?: { uid?: string; allowed?: boolean } } | undefined;
            try {
              parsed = JSON.parse(text) as typeof parsed;
            } catch {
              parsed = undefined;
            }
            if (response.statusCode !== 200 || parsed?.response?.uid !== uid || parsed.response.allowed !== true) {
              badAnswers.push(`${response.statusCode ?? 0} ${text.slice(0, 200)}`);
            }
            resolve();
          });
          response.on('error', (error) => {
            dropped.push(`response: ${error.message}`);
            resolve();
          });
        },
      );
      // A request counts as accepted once the server completed a TLS handshake on its connection: a
      // connection refused, or closed by a closing listener before its handshake, never reached podsecrets.
      let handshaken = false;
      request.on('socket', (socket) => {
        const tls = socket as TLSSocket;
        // A keep-alive socket handed out again has had its handshake: a listener on it would never fire,
        // and one more would pile up on it with each request.
        if (!tls.connecting && tls.encrypted && tls.authorized !== undefined && tls.getPeerCertificate() !== null) {
          handshaken = true;
          return;
        }
        tls.once('secureConnect', () => {
          handshaken = true;
        });
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNREFUSED' || !handshaken) refused += 1;
        else dropped.push(`${error.code ?? ''} ${error.message}`);
        resolve();
      });
      request.end(body);
    });

  const worker = async (index: number): Promise<void> => {
    let count = 0;
    while (running) {
      count += 1;
      const fresh = options.freshEvery !== undefined && (count + index) % options.freshEvery === 0;
      await once(fresh);
      // Once the listener is closed, connection attempts fail at once: do not spin.
      if (refused > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const workers = Array.from({ length: options.workers }, (_unused, index) => worker(index));
  return {
    markAt() {
      mark = answered;
    },
    answered: () => answered,
    async stop() {
      running = false;
      await Promise.all(workers);
      agent.destroy();
      return { answered, badAnswers, refused, dropped, certificates, answeredAfterMark };
    },
  };
}

import { createHash } from 'node:crypto';
import { Agent, request as httpsRequest } from 'node:https';

/** What a load run saw. */
export interface LoadResult {
  readonly sent: number;
  /** 200 answers whose body was a complete AdmissionReview allowing the pod. */
  readonly ok: number;
  /** Anything else: another status, a body that does not parse, a socket error. */
  readonly errors: string[];
  /** How many answers each server certificate (by SHA-256 of its DER) served. */
  readonly certificates: Map<string, number>;
}

export interface LoadOptions {
  readonly port: number;
  readonly ca: string | string[];
  readonly body: string;
  readonly total: number;
  readonly concurrency: number;
  /** A new TLS connection per request (true) or keep-alive connections shared by the workers. */
  readonly freshConnections?: boolean;
  /** Called after each answer, e.g. to rotate a certificate mid-run. */
  readonly onAnswer?: (count: number) => void;
}

function once(options: LoadOptions, agent: Agent | false): Promise<{ status: number; text: string; certificate: string }> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      { host: '127.0.0.1', port: options.port, path: '/mutate--v1-pod?timeout=10s', method: 'POST', ca: options.ca, servername: 'localhost', agent, headers: { 'content-type': 'application/json' } },
      (response) => {
        const peer = (response.socket as import('node:tls').TLSSocket).getPeerCertificate();
        const certificate = peer.raw === undefined ? 'unknown' : createHash('sha256').update(peer.raw).digest('hex').slice(0, 16);
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), certificate }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** Sends `total` admissions with `concurrency` workers on loopback and checks each answer. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = options.freshConnections === true ? false : new Agent({ keepAlive: true, maxSockets: options.concurrency, ca: options.ca });
  let next = 0;
  let ok = 0;
  const errors: string[] = [];
  const certificates = new Map<string, number>();
  const worker = async (): Promise<void> => {
    while (next < options.total) {
      next += 1;
      try {
        const answer = await once(options, agent);
        const allowed = (JSON.parse(answer.text) as { response?: { allowed?: unknown } }).response?.allowed;
        if (answer.status === 200 && allowed === true) ok += 1;
        else errors.push(`status ${answer.status}: ${answer.text.slice(0, 200)}`);
        certificates.set(answer.certificate, (certificates.get(answer.certificate) ?? 0) + 1);
      } catch (error) {
        errors.push(String((error as Error).message));
      }
      options.onAnswer?.(ok + errors.length);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  if (agent !== false) agent.destroy();
  return { sent: next, ok, errors, certificates };
}

import { request } from 'node:https';
import { ADMISSION_PATH } from './compare-bench.js';
import type { ServerProcess } from './server-process.js';

function post(port: number, body: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      // The servers' certificates are self-signed for the run; this is loopback only.
      { host: '127.0.0.1', port, path: ADMISSION_PATH, method: 'POST', headers: { 'content-type': 'application/json' }, rejectUnauthorized: false, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** The servers of a run, by what they should answer. */
export interface CheckedServers {
  /** Answer "allowed" without a patch. */
  readonly floors: readonly ServerProcess[];
  /** Answers exactly as podsecrets does. */
  readonly admission: ServerProcess;
  readonly podsecrets: ServerProcess;
}

/**
 * Sends the review once to each server before any load, so that a run can only compare servers that
 * answer it as they should: all allow the pod, podsecrets also sends a patch, and the admission floor
 * sends podsecrets' very answer.
 */
export async function checkAnswers(servers: CheckedServers, body: string): Promise<void> {
  const refuse = (server: ServerProcess, status: number, json: unknown, why: string): Error =>
    new Error(`${server.name} answered the benchmark review with HTTP ${status} (${why}): ${JSON.stringify(json).slice(0, 300)}`);
  for (const server of servers.floors) {
    const { status, json } = await post(server.port, body);
    if (status !== 200 || (json as { response?: { allowed?: unknown } }).response?.allowed !== true) throw refuse(server, status, json, 'not allowed');
  }
  const expected = await post(servers.podsecrets.port, body);
  const response = (expected.json as { response?: { allowed?: unknown; patch?: unknown } }).response;
  if (expected.status !== 200 || response?.allowed !== true || typeof response.patch !== 'string') {
    throw refuse(servers.podsecrets, expected.status, expected.json, 'not allowed with a patch');
  }
  const { status, json } = await post(servers.admission.port, body);
  if (status !== 200 || JSON.stringify(json) !== JSON.stringify(expected.json)) throw refuse(servers.admission, status, json, "not podsecrets' answer");
}

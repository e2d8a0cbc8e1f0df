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

/**
 * Sends the review once to each server before any load, so that a run can only compare servers that
 * answer it as they should: all allow the pod, and podsecrets also sends a patch.
 */
export async function checkAnswers(servers: readonly ServerProcess[], podsecrets: ServerProcess, body: string): Promise<void> {
  for (const server of servers) {
    const { status, json } = await post(server.port, body);
    const response = (json as { response?: { allowed?: unknown; patch?: unknown } }).response;
    const wantsPatch = server === podsecrets;
    if (status !== 200 || response?.allowed !== true || (wantsPatch && typeof response.patch !== 'string')) {
      throw new Error(`${server.name} answered the benchmark review with HTTP ${status}: ${JSON.stringify(json).slice(0, 300)}`);
    }
  }
}

import autocannon from 'autocannon';
import { percentile } from './stats.js';

export interface LoadOptions {
  readonly connections: number;
  /** Seconds of load; ignored when `amount` is given. */
  readonly seconds?: number;
  /** A fixed number of requests instead of a duration. */
  readonly amount?: number;
}

/** What one load run measured. */
export interface LoadResult {
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  /** Milliseconds, from every response's own timing. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Responses other than 200, connection errors and timeouts: any makes the run worthless. */
  readonly failures: number;
}

/**
 * POSTs `body` to `https://127.0.0.1:port/path` over keep-alive connections with autocannon, in
 * this process while the server runs in another. Latencies come from autocannon's per-response
 * event (floating-point milliseconds) rather than its histogram, which keeps whole milliseconds only.
 */
export async function runLoad(port: number, path: string, body: string, options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  const instance = autocannon({
    url: `https://127.0.0.1:${port}${path}`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: options.connections,
    pipelining: 1,
    timeout: 30,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.seconds ?? 5 }),
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, milliseconds: number) => {
    if (statusCode === 200) latencies.push(milliseconds);
    else failures++;
  });
  const result = await instance;
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    seconds: result.duration,
    requestsPerSecond: latencies.length / result.duration,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    failures: failures + result.errors + result.timeouts,
  };
}

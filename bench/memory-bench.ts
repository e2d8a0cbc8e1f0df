import { ADMISSION_PATH } from './compare-bench.js';
import { runLoad } from './http-bench.js';
import type { ServerProcess } from './server-process.js';

export interface MemoryOptions {
  /** Requests of the sustained run. */
  readonly requests: number;
  /** Requests before the second measurement, that bring the process to its working size. */
  readonly warmupRequests: number;
  readonly connections: number;
}

export interface MemoryFigures {
  /** Bytes of RSS (after a full collection) when the server had just started. */
  readonly startRss: number;
  /** ... after the warm-up requests. */
  readonly warmRss: number;
  /** ... after the sustained run. */
  readonly endRss: number;
  readonly endHeapUsed: number;
  readonly warmHeapUsed: number;
  /** endRss / warmRss - 1: what the sustained run added to a warmed-up process. */
  readonly growthSinceWarm: number;
  /** endRss / startRss - 1. */
  readonly growthSinceStart: number;
  readonly requests: number;
  readonly failures: number;
}

/** RSS of a freshly started server, after a warm-up, and after `requests` more admissions. */
export async function measureMemory(server: ServerProcess, body: string, options: MemoryOptions): Promise<MemoryFigures> {
  const start = await server.memory();
  const warmup = await runLoad(server.port, ADMISSION_PATH, body, { connections: options.connections, amount: options.warmupRequests });
  const warm = await server.memory();
  const run = await runLoad(server.port, ADMISSION_PATH, body, { connections: options.connections, amount: options.requests });
  const end = await server.memory();
  return {
    startRss: start.rss,
    warmRss: warm.rss,
    endRss: end.rss,
    warmHeapUsed: warm.heapUsed,
    endHeapUsed: end.heapUsed,
    growthSinceWarm: end.rss / warm.rss - 1,
    growthSinceStart: end.rss / start.rss - 1,
    requests: run.requests,
    failures: run.failures + warmup.failures,
  };
}

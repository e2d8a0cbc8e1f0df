import { type LoadResult, runLoad } from './http-bench.js';
import type { ServerProcess } from './server-process.js';
import { median } from './stats.js';

export const ADMISSION_PATH = '/mutate--v1-pod';

export interface CompareOptions {
  readonly connectionCounts: readonly number[];
  /** Runs of each server at each connection count; medians are reported. */
  readonly rounds: number;
  readonly seconds?: number;
  /** Requests per run instead of seconds (the smoke test's tiny counts). */
  readonly amount?: number;
  /** Seconds (or, with `amount`, requests) of unreported load per server before the first round. */
  readonly warmup: number;
}

/** The medians of one server's runs. */
export interface ServerFigures {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly failures: number;
}

export interface ComparisonRow {
  readonly connections: number;
  readonly baseline: ServerFigures;
  readonly podsecrets: ServerFigures;
  /** podsecrets / baseline. */
  readonly throughputRatio: number;
  readonly p50Ratio: number;
  readonly p99Ratio: number;
}

function figures(runs: readonly LoadResult[]): ServerFigures {
  return {
    requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
    p50Ms: median(runs.map((run) => run.p50Ms)),
    p99Ms: median(runs.map((run) => run.p99Ms)),
    requests: runs.reduce((sum, run) => sum + run.requests, 0),
    failures: runs.reduce((sum, run) => sum + run.failures, 0),
  };
}

/**
 * Loads the baseline and podsecrets with the same AdmissionReview, one after the other, round after
 * round (the order flips each round), so that whatever else the machine does weighs on both alike.
 */
export async function compareServers(baseline: ServerProcess, podsecrets: ServerProcess, body: string, options: CompareOptions): Promise<ComparisonRow[]> {
  const rows: ComparisonRow[] = [];
  const load = (server: ServerProcess, connections: number): Promise<LoadResult> =>
    runLoad(server.port, ADMISSION_PATH, body, {
      connections,
      ...(options.amount !== undefined ? { amount: options.amount } : { seconds: options.seconds ?? 5 }),
    });
  for (const connections of options.connectionCounts) {
    for (const server of [baseline, podsecrets]) {
      await runLoad(server.port, ADMISSION_PATH, body, {
        connections,
        ...(options.amount !== undefined ? { amount: options.warmup } : { seconds: options.warmup }),
      });
    }
    const runs = { baseline: [] as LoadResult[], podsecrets: [] as LoadResult[] };
    for (let round = 0; round < options.rounds; round++) {
      const order = round % 2 === 0 ? (['baseline', 'podsecrets'] as const) : (['podsecrets', 'baseline'] as const);
      for (const name of order) runs[name].push(await load(name === 'baseline' ? baseline : podsecrets, connections));
    }
    const base = figures(runs.baseline);
    const ours = figures(runs.podsecrets);
    rows.push({
      connections,
      baseline: base,
      podsecrets: ours,
      throughputRatio: ours.requestsPerSecond / base.requestsPerSecond,
      p50Ratio: ours.p50Ms / base.p50Ms,
      p99Ratio: ours.p99Ms / base.p99Ms,
    });
  }
  return rows;
}

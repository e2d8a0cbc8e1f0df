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
  /**
   * The server process's CPU time per request, in microseconds: what the server spends whoever waits,
   * so it holds up when the load generator, on the same cores, limits the request rate.
   */
  readonly cpuMicrosPerRequest: number;
}

/** One load run, with the server's CPU time per request over it. */
type MeasuredRun = LoadResult & Pick<ServerFigures, 'cpuMicrosPerRequest'>;

/** One server's figures against a floor's: server / floor. */
export interface FloorRatios {
  readonly throughput: number;
  readonly p50: number;
  readonly p99: number;
}

/** The servers compared: the three floors and podsecrets. */
export interface ComparedServers<T> {
  /** node:https reading, parsing and answering: the floor for any Node webhook. */
  readonly baseline: T;
  /** The same answer from an express() app with express.json and res.json. */
  readonly express: T;
  /** node:https as the Node floor, answering with podsecrets' AdmissionHandler and nothing else: podsecrets' answers at the least HTTP cost. */
  readonly admission: T;
  readonly podsecrets: T;
}

export interface ComparisonRow extends ComparedServers<ServerFigures> {
  readonly connections: number;
  /** podsecrets / baseline. */
  readonly throughputRatio: number;
  readonly p50Ratio: number;
  readonly p99Ratio: number;
  /** podsecrets / the Express floor. */
  readonly toExpress: FloorRatios;
  /** The Express floor / baseline: what an express() app costs on its own. */
  readonly expressToBaseline: FloorRatios;
  /** podsecrets / the admission floor: what podsecrets' HTTP layer (Express router, body, log line, metrics, deadline) costs. */
  readonly toAdmission: FloorRatios;
  /** The admission floor / baseline: the best any HTTP layer around this admission could do against the Node floor. */
  readonly admissionToBaseline: FloorRatios;
}

function figures(runs: readonly MeasuredRun[]): ServerFigures {
  return {
    requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
    p50Ms: median(runs.map((run) => run.p50Ms)),
    p99Ms: median(runs.map((run) => run.p99Ms)),
    requests: runs.reduce((sum, run) => sum + run.requests, 0),
    failures: runs.reduce((sum, run) => sum + run.failures, 0),
    cpuMicrosPerRequest: median(runs.map((run) => run.cpuMicrosPerRequest)),
  };
}

function ratios(server: ServerFigures, floor: ServerFigures): FloorRatios {
  return { throughput: server.requestsPerSecond / floor.requestsPerSecond, p50: server.p50Ms / floor.p50Ms, p99: server.p99Ms / floor.p99Ms };
}

const NAMES = ['baseline', 'express', 'admission', 'podsecrets'] as const;

/**
 * Loads the three floors and podsecrets with the same AdmissionReview, one after the other, round after
 * round, each round starting one server later than the last, so that whatever else the machine does
 * weighs on all alike.
 */
export async function compareServers(servers: ComparedServers<ServerProcess>, body: string, options: CompareOptions): Promise<ComparisonRow[]> {
  const rows: ComparisonRow[] = [];
  const load = (server: ServerProcess, connections: number, warmup: boolean): Promise<LoadResult> => {
    const amount = warmup ? options.warmup : options.amount;
    return runLoad(server.port, ADMISSION_PATH, body, {
      connections,
      ...(options.amount !== undefined ? { amount: amount! } : { seconds: warmup ? options.warmup : (options.seconds ?? 5) }),
    });
  };
  const measured = async (server: ServerProcess, connections: number): Promise<MeasuredRun> => {
    const before = await server.cpuMicros();
    const run = await load(server, connections, false);
    return { ...run, cpuMicrosPerRequest: ((await server.cpuMicros()) - before) / run.requests };
  };
  for (const connections of options.connectionCounts) {
    for (const name of NAMES) await load(servers[name], connections, true);
    const runs: ComparedServers<MeasuredRun[]> = { baseline: [], express: [], admission: [], podsecrets: [] };
    for (let round = 0; round < options.rounds; round++) {
      for (let turn = 0; turn < NAMES.length; turn++) {
        const name = NAMES[(round + turn) % NAMES.length]!;
        runs[name].push(await measured(servers[name], connections));
      }
    }
    const baseline = figures(runs.baseline);
    const express = figures(runs.express);
    const admission = figures(runs.admission);
    const podsecrets = figures(runs.podsecrets);
    const toBaseline = ratios(podsecrets, baseline);
    rows.push({
      connections,
      baseline,
      express,
      admission,
      podsecrets,
      throughputRatio: toBaseline.throughput,
      p50Ratio: toBaseline.p50,
      p99Ratio: toBaseline.p99,
      toExpress: ratios(podsecrets, express),
      expressToBaseline: ratios(express, baseline),
      toAdmission: ratios(podsecrets, admission),
      admissionToBaseline: ratios(admission, baseline),
    });
  }
  return rows;
}

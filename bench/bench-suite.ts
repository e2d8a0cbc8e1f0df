import 'reflect-metadata';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { createPodsecrets } from '../server/wiring/create-podsecrets.js';
import { silentLogger } from '../core/logging/logger.js';
import { PodSizeLimits } from '../core/mutation/pod-size-limits.js';
import { ServerSettings } from '../config/server-settings.js';
import { benchReview, TYPICAL_POD } from './bench-pods.js';
import { type ComparisonRow, compareServers } from './compare-bench.js';
import { type AdmissionCost, measureAdmissionCost } from './in-process-bench.js';
import { type MemoryFigures, measureMemory } from './memory-bench.js';
import { measureObservability, type ObservabilityCost } from './observability-bench.js';
import { type LimitEdge, measureLimitEdges } from './limits-bench.js';
import { measureScaling, type ScalingRow } from './scaling-bench.js';
import { SERVER_ENTRIES, type ServerProcess, startServerProcess } from './server-process.js';
import { checkAnswers } from './answer-check.js';

/** How much of each measurement to do: the full run's defaults, or the smoke test's tiny counts. */
export interface BenchOptions {
  readonly connectionCounts: readonly number[];
  readonly rounds: number;
  readonly seconds?: number;
  readonly amount?: number;
  readonly warmup: number;
  readonly inProcess: { readonly rounds: number; readonly iterations: number };
  readonly scaling: { readonly counts: readonly number[]; readonly rounds: number; readonly unitsPerBatch: number };
  /** The largest pods the limits accept; `webhook` replaces the configured limits (the smoke test's tiny ones). */
  readonly limits: { readonly rounds: number; readonly unitsPerBatch: number; readonly webhook?: { readonly maxSecretsPerPod: number; readonly maxInjectedEntries: number } };
  readonly memory: { readonly requests: number; readonly warmupRequests: number; readonly connections: number };
  /** Progress lines, for a person watching a run that takes minutes. */
  readonly progress?: (line: string) => void;
}

export const FULL_RUN: BenchOptions = {
  connectionCounts: [1, 16, 64],
  rounds: 5,
  seconds: 4,
  warmup: 2,
  inProcess: { rounds: 21, iterations: 2000 },
  scaling: { counts: [1, 8, 64], rounds: 11, unitsPerBatch: 40_000 },
  limits: { rounds: 11, unitsPerBatch: 40_000 },
  memory: { requests: 100_000, warmupRequests: 10_000, connections: 16 },
};

export interface MachineDescription {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  /** 1-minute load average before and after the run: other work on the machine. */
  readonly loadBefore: number;
  readonly loadAfter: number;
}

export interface BenchReport {
  readonly machine: MachineDescription;
  readonly options: BenchOptions;
  readonly typicalPod: { readonly containers: number; readonly secrets: number; readonly bytes: number };
  readonly http: readonly ComparisonRow[];
  readonly inProcess: AdmissionCost;
  /** Metrics and the log line of one admission, as the HTTP layer adds them. */
  readonly observability: ObservabilityCost;
  readonly scaling: readonly ScalingRow[];
  readonly limits: readonly LimitEdge[];
  readonly memory: MemoryFigures;
  /** The same run against a fresh baseline: how much of the growth any Node HTTPS server shows. */
  readonly baselineMemory: MemoryFigures;
  readonly seconds: number;
}

function describeMachine(loadBefore: number): MachineDescription {
  const processors = cpus();
  return {
    cpu: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.version,
    loadBefore,
    loadAfter: loadavg()[0] ?? 0,
  };
}

async function withServers<T>(names: readonly (keyof typeof SERVER_ENTRIES)[], use: (servers: ServerProcess[]) => Promise<T>): Promise<T> {
  const servers: ServerProcess[] = [];
  try {
    for (const name of names) servers.push(await startServerProcess(name));
    return await use(servers);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

/** The most of benchPod's containers (1 secret) whose review fits in server.maxRequestBytes: the largest pod the server reads. */
function containersWithin(server: ServerSettings): number {
  const bytes = (containers: number): number => Buffer.byteLength(JSON.stringify(benchReview(containers, 1)));
  const perContainer = bytes(2) - bytes(1);
  return Math.floor((server.maxRequestBytes - (bytes(1) - perContainer)) / perContainer);
}

/** Runs every measurement once, in this order: HTTP comparison, in process, growth, memory. */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const started = Date.now();
  const loadBefore = loadavg()[0] ?? 0;
  const progress = options.progress ?? (() => {});
  const review = benchReview(TYPICAL_POD.containers, TYPICAL_POD.secrets);
  const body = JSON.stringify(review);

  progress(`HTTP: the Node floor, the Express floor, the admission floor and podsecrets at ${options.connectionCounts.join(', ')} connections, ${options.rounds} rounds`);
  const http = await withServers(['baseline', 'express', 'admission', 'podsecrets'], async (servers) => {
    const [baseline, express, admission, podsecrets] = servers as [ServerProcess, ServerProcess, ServerProcess, ServerProcess];
    await checkAnswers({ floors: [baseline, express], admission, podsecrets }, body);
    return compareServers({ baseline, express, admission, podsecrets }, body, options);
  });

  progress('in process: one admission against JSON.parse + JSON.stringify');
  const { handler } = createPodsecrets({ overrides: { webhook: { secretManagerType: 'K8s' } }, logger: silentLogger });
  const inProcess = await measureAdmissionCost(handler, review, options.inProcess);
  const observability = await measureObservability(handler, review, options.inProcess);

  progress(`growth: ${options.scaling.counts.join(', ')} containers x secrets`);
  const scaling = await measureScaling(handler, options.scaling);

  progress('largest accepted pods: per-unit cost against small pods of the same shape');
  const limited = createPodsecrets({ overrides: { webhook: { secretManagerType: 'K8s', ...options.limits.webhook } }, logger: silentLogger });
  const within = containersWithin(limited.container.get<ServerSettings>(ServerSettings));
  const limits = await measureLimitEdges(limited.handler, limited.container.get<PodSizeLimits>(PodSizeLimits), within, options.limits);

  progress(`memory: ${options.memory.requests} requests to a fresh podsecrets, then to a fresh baseline`);
  const memory = await withServers(['podsecrets'], ([podsecrets]) => measureMemory(podsecrets!, body, options.memory));
  const baselineMemory = await withServers(['baseline'], ([baseline]) => measureMemory(baseline!, body, options.memory));

  return {
    machine: describeMachine(loadBefore),
    options,
    typicalPod: { ...TYPICAL_POD, bytes: Buffer.byteLength(body) },
    http,
    inProcess,
    observability,
    scaling,
    limits,
    memory,
    baselineMemory,
    seconds: (Date.now() - started) / 1000,
  };
}

/** Tiny counts: a run of a minute or so that shows every part works, not how fast it is. */
export const QUICK_RUN: BenchOptions = {
  connectionCounts: [1, 16, 64],
  rounds: 1,
  seconds: 1,
  warmup: 1,
  inProcess: { rounds: 3, iterations: 200 },
  scaling: { counts: [1, 8, 64], rounds: 3, unitsPerBatch: 4096 },
  limits: { rounds: 3, unitsPerBatch: 4096 },
  memory: { requests: 5000, warmupRequests: 1000, connections: 16 },
};

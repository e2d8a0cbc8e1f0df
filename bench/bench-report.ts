import type { BenchReport } from './bench-suite.js';
import { formatNumber as n, formatRatio } from './stats.js';

export const RESULTS_START = '<!-- bench results: start (written by npm run bench -- --update-docs) -->';
export const RESULTS_END = '<!-- bench results: end -->';

/** A target of the issue, checked against one run's ratios. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

function percent(fraction: number): string {
  return `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The targets, each with what this run measured. */
export function checkTargets(report: BenchReport): TargetCheck[] {
  const widest = report.http.reduce((best, row) => (row.connections > best.connections ? row : best), report.http[0]!);
  const unit = (count: number): number => report.scaling.find((row) => row.containers === count && row.secrets === count)?.perUnitNs ?? Number.NaN;
  const counts = report.options.scaling.counts;
  const largest = Math.max(...counts);
  const middle = counts.length > 1 ? [...counts].sort((a, b) => a - b)[counts.length - 2]! : largest;
  const growth = unit(largest) / unit(middle);
  return [
    {
      target: `throughput at ${widest.connections} connections >= 0.70x the Node floor`,
      measured: formatRatio(widest.throughputRatio),
      met: widest.throughputRatio >= 0.7,
    },
    { target: `p99 latency at ${widest.connections} connections <= 2.00x the Node floor`, measured: formatRatio(widest.p99Ratio), met: widest.p99Ratio <= 2 },
    {
      target: 'one admission in process <= 1.50x JSON.parse + JSON.stringify',
      measured: formatRatio(report.inProcess.ratio),
      met: report.inProcess.ratio <= 1.5,
    },
    { target: `per-unit cost at ${largest}x${largest} <= 1.50x that at ${middle}x${middle}`, measured: formatRatio(growth), met: growth <= 1.5 },
    ...report.limits.map((row) => ({
      target: `per-unit cost at ${row.largest[0]}x${row.largest[1]} (largest accepted) <= 1.50x that at ${row.small[0]}x${row.small[1]}`,
      measured: formatRatio(row.ratio),
      met: row.ratio <= 1.5,
    })),
    {
      target: `RSS growth over ${report.memory.requests} requests after warm-up < 10%`,
      measured: percent(report.memory.growthSinceWarm),
      met: report.memory.growthSinceWarm < 0.1,
    },
  ];
}

/** The run as Markdown: the machine, then one table per measurement, then the targets. */
export function formatReport(report: BenchReport): string {
  const { machine, typicalPod, options } = report;
  const sections: string[] = [];
  sections.push(
    [
      `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}; ` +
        `1-minute load average ${machine.loadBefore.toFixed(2)} before the run, ${machine.loadAfter.toFixed(2)} after (other work on the machine).`,
      `The review: a pod of ${typicalPod.containers} containers asking for ${typicalPod.secrets} K8s secrets (half ENV_VAR, half FILE), ${typicalPod.bytes} bytes. ` +
        `Run took ${report.seconds.toFixed(0)} s.`,
    ].join('\n'),
  );
  const load = options.amount !== undefined ? `${options.amount} requests` : `${options.seconds ?? 5} s`;
  sections.push(
    `### HTTPS on loopback, keep-alive (autocannon; medians of ${options.rounds} alternating runs of ${load} each)\n\n` +
      'Node floor: `node:https` reading, parsing and answering a fixed "allowed". Express floor: the same answer from an `express()` app ' +
      "with `express.json` and `res.json`. Admission floor: the Node floor's server answering with podsecrets' own AdmissionHandler " +
      "(podsecrets' very answer) and nothing else: the best any HTTP layer around this admission could do. Ratios are podsecrets / floor. " +
      "Server CPU: each server process's CPU time (all threads) over a run, per request.\n\n" +
      table(
        [
          'connections',
          'req/s Node / Express / admission floor',
          'podsecrets req/s',
          'throughput vs Node / Express / admission',
          'admission floor vs Node',
          'p50 ms Node / Express / admission / podsecrets',
          'p99 ms Node / Express / admission / podsecrets',
          'p99 vs Node / Express / admission',
          'server CPU µs/request Node / Express / admission / podsecrets',
        ],
        report.http.map((row) => [
          String(row.connections),
          `${n(row.baseline.requestsPerSecond)} / ${n(row.express.requestsPerSecond)} / ${n(row.admission.requestsPerSecond)}`,
          n(row.podsecrets.requestsPerSecond),
          `${formatRatio(row.throughputRatio)} / ${formatRatio(row.toExpress.throughput)} / ${formatRatio(row.toAdmission.throughput)}`,
          formatRatio(row.admissionToBaseline.throughput),
          `${n(row.baseline.p50Ms)} / ${n(row.express.p50Ms)} / ${n(row.admission.p50Ms)} / ${n(row.podsecrets.p50Ms)}`,
          `${n(row.baseline.p99Ms)} / ${n(row.express.p99Ms)} / ${n(row.admission.p99Ms)} / ${n(row.podsecrets.p99Ms)}`,
          `${formatRatio(row.p99Ratio)} / ${formatRatio(row.toExpress.p99)} / ${formatRatio(row.toAdmission.p99)}`,
          [row.baseline, row.express, row.admission, row.podsecrets].map((server) => n(server.cpuMicrosPerRequest)).join(' / '),
        ]),
      ),
  );
  sections.push(
    `### One admission in process (medians of ${options.inProcess.rounds} alternating batches of ${options.inProcess.iterations})\n\n` +
      table(
        ['JSON.parse + JSON.stringify', 'admission (handle + encode)', 'ratio', 'metrics per admission', 'log line per admission'],
        [
          [
            `${n(report.inProcess.floorNs / 1000)} µs`,
            `${n(report.inProcess.admissionNs / 1000)} µs`,
            formatRatio(report.inProcess.ratio),
            `${n(report.observability.metricsNs / 1000)} µs`,
            `${n(report.observability.logNs / 1000)} µs`,
          ],
        ],
      ),
  );
  sections.push(
    `### Growth: containers x secrets (medians of ${options.scaling.rounds} batches; unit = one container x one secret)\n\n` +
      table(
        ['containers', 'secrets', 'review bytes', 'parse + stringify µs', 'admission µs', 'ratio', 'per unit ns'],
        report.scaling.map((row) => [String(row.containers), String(row.secrets), String(row.bytes), n(row.floorNs / 1000), n(row.admissionNs / 1000), formatRatio(row.ratio), n(row.perUnitNs)]),
      ),
  );
  sections.push(
    `### The largest pods the limits accept (medians of ${options.limits.rounds} batches; unit = one container x one secret)\n\n` +
      table(
        ['edge', 'small pod', 'per unit ns', 'largest accepted', 'per unit ns', 'ratio'],
        report.limits.map((row) => [row.edge, `${row.small[0]} x ${row.small[1]}`, n(row.smallPerUnitNs), `${row.largest[0]} x ${row.largest[1]}`, n(row.largestPerUnitNs), formatRatio(row.ratio)]),
      ),
  );
  const { memory, baselineMemory } = report;
  const memoryRow = (name: string, figures: typeof memory): string[] => [
    name,
    mib(figures.startRss),
    mib(figures.warmRss),
    mib(figures.endRss),
    percent(figures.growthSinceWarm),
    percent(figures.growthSinceStart),
    `${mib(figures.warmHeapUsed)} -> ${mib(figures.endHeapUsed)}`,
  ];
  sections.push(
    `### Memory of fresh server processes (RSS after a full collection; ${options.memory.connections} connections)\n\n` +
      table(
        ['server', 'at start', `after ${options.memory.warmupRequests} warm-up requests`, `after ${memory.requests} more`, 'growth since warm-up', 'growth since start', 'heap used, warm -> end'],
        [memoryRow('podsecrets', memory), memoryRow('baseline', baselineMemory)],
      ),
  );
  sections.push(
    '### Targets\n\n' +
      table(
        ['target', 'measured', 'met'],
        checkTargets(report).map((check) => [check.target, check.measured, check.met ? 'yes' : '**no**']),
      ),
  );
  return sections.join('\n\n');
}

/** `document` with the text between the results markers replaced by `results`. */
export function replaceResults(document: string, results: string): string {
  const start = document.indexOf(RESULTS_START);
  const end = document.indexOf(RESULTS_END);
  if (start < 0 || end < start) throw new Error(`docs/performance.md has no "${RESULTS_START}" ... "${RESULTS_END}" section to fill`);
  return `${document.slice(0, start + RESULTS_START.length)}\n\n${results}\n\n${document.slice(end)}`;
}

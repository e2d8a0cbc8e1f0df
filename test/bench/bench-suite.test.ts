import { expect } from 'chai';
import { checkTargets, formatReport, replaceResults, RESULTS_END, RESULTS_START } from '../../bench/bench-report.js';
import { type BenchOptions, type BenchReport, runBench } from '../../bench/bench-suite.js';

// A smoke run of `npm run bench` with tiny counts, so that the benchmark cannot rot: every part runs
// (both servers in child processes, autocannon over HTTPS, in process, growth, memory) and reports
// what it was asked to measure. It says nothing about speed, and asserts nothing about it.

const TINY: BenchOptions = {
  connectionCounts: [1, 4],
  rounds: 2,
  amount: 30,
  warmup: 10,
  inProcess: { rounds: 1, iterations: 5 },
  scaling: { counts: [1, 2], rounds: 1, unitsPerBatch: 8 },
  limits: { rounds: 1, unitsPerBatch: 8, webhook: { maxSecretsPerPod: 4, maxInjectedEntries: 12 } },
  memory: { requests: 200, warmupRequests: 20, connections: 4 },
};

describe('runBench', function () {
  this.timeout(120_000);
  let report: BenchReport;

  before(async () => {
    report = await runBench(TINY);
  });

  describe('when run with tiny counts', () => {
    it('should load the three floors and podsecrets at each connection count with every request answered', () => {
      expect(report.http.map((row) => row.connections)).to.deep.equal([1, 4]);
      for (const row of report.http) {
        expect(row.baseline.requests, `baseline at ${row.connections}`).to.equal(60);
        expect(row.express.requests, `express at ${row.connections}`).to.equal(60);
        expect(row.admission.requests, `admission at ${row.connections}`).to.equal(60);
        expect(row.podsecrets.requests, `podsecrets at ${row.connections}`).to.equal(60);
        expect(row.baseline.failures + row.express.failures + row.admission.failures + row.podsecrets.failures).to.equal(0);
        expect(row.throughputRatio).to.equal(row.podsecrets.requestsPerSecond / row.baseline.requestsPerSecond);
        expect(row.p99Ratio).to.equal(row.podsecrets.p99Ms / row.baseline.p99Ms);
        expect(row.toExpress.throughput).to.equal(row.podsecrets.requestsPerSecond / row.express.requestsPerSecond);
        expect(row.toExpress.p99).to.equal(row.podsecrets.p99Ms / row.express.p99Ms);
        expect(row.toAdmission.throughput).to.equal(row.podsecrets.requestsPerSecond / row.admission.requestsPerSecond);
        expect(row.admissionToBaseline.throughput).to.equal(row.admission.requestsPerSecond / row.baseline.requestsPerSecond);
        expect(row.podsecrets.p99Ms).to.be.at.least(row.podsecrets.p50Ms);
        for (const server of [row.baseline, row.express, row.admission, row.podsecrets]) expect(server.cpuMicrosPerRequest).to.be.greaterThan(0);
      }
    });

    it('should measure one admission against parse plus stringify of the same review', () => {
      expect(report.inProcess.bytes).to.equal(report.typicalPod.bytes);
      expect(report.inProcess.ratio).to.equal(report.inProcess.admissionNs / report.inProcess.floorNs);
      expect(report.inProcess.floorNs).to.be.greaterThan(0);
    });

    it('should measure the metrics and the log line of an admission', () => {
      expect(report.observability.metricsNs).to.be.greaterThan(0);
      expect(report.observability.logNs).to.be.greaterThan(0);
    });

    it('should measure every size of the growth grid, per unit', () => {
      expect(report.scaling.map((row) => [row.containers, row.secrets])).to.deep.equal([
        [1, 1],
        [1, 2],
        [2, 1],
        [2, 2],
      ]);
      for (const row of report.scaling) expect(row.perUnitNs).to.equal(row.admissionNs / (row.containers * row.secrets));
    });

    it('should measure the largest pods the limits accept against small pods of each shape, per unit', () => {
      expect(report.limits.map((row) => [row.small, row.largest])).to.deep.equal([
        [
          [1, 4],
          [1, 4],
        ],
        [
          [3, 4],
          [3, 4],
        ],
        [
          [8, 1],
          [12, 1],
        ],
      ]);
      for (const row of report.limits) expect(row.ratio).to.equal(row.largestPerUnitNs / row.smallPerUnitNs);
    });

    it('should run the sustained requests against a fresh server and report its RSS', () => {
      expect(report.memory.requests).to.equal(200);
      expect(report.memory.failures).to.equal(0);
      expect(report.memory.growthSinceWarm).to.equal(report.memory.endRss / report.memory.warmRss - 1);
      expect([report.baselineMemory.requests, report.baselineMemory.failures]).to.deep.equal([200, 0]);
    });

    it('should print every table and check every target', () => {
      const markdown = formatReport(report);
      for (const heading of ['### HTTPS on loopback', '### One admission in process', '### Growth', '### The largest pods the limits accept', '### Memory', '### Targets']) {
        expect(markdown).to.include(heading);
      }
      expect(checkTargets(report).map((check) => check.target)).to.deep.equal([
        'throughput at 4 connections >= 0.70x the Node floor',
        'p99 latency at 4 connections <= 2.00x the Node floor',
        'one admission in process <= 1.50x JSON.parse + JSON.stringify',
        'per-unit cost at 2x2 <= 1.50x that at 1x1',
        'per-unit cost at 1x4 (largest accepted) <= 1.50x that at 1x4',
        'per-unit cost at 3x4 (largest accepted) <= 1.50x that at 3x4',
        'per-unit cost at 12x1 (largest accepted) <= 1.50x that at 8x1',
        'RSS growth over 200 requests after warm-up < 10%',
      ]);
    });
  });

  describe('when the results go into the performance document', () => {
    it('should replace only what lies between the markers', () => {
      const document = `# Title\n\nprose\n\n${RESULTS_START}\nold\n${RESULTS_END}\n\nmore prose\n`;
      expect(replaceResults(document, 'new')).to.equal(`# Title\n\nprose\n\n${RESULTS_START}\n\nnew\n\n${RESULTS_END}\n\nmore prose\n`);
    });
  });
});

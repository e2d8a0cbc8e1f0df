import { expect } from 'chai';
import { Agent } from 'node:https';
import { performance } from 'node:perf_hooks';
import { benchReview } from '../../bench/bench-pods.js';
import { metricValue } from '../support/http-admission.js';
import { podWithSecrets, reviewFor } from '../support/pod-builders.js';
import { recordFigures } from './support/figures.js';
import { loadCount } from './support/fuzz-runs.js';
import { type Answer, type ReliabilityWebhook, startReliabilityWebhook } from './support/reliability-webhook.js';

// One pod must not stall a replica: the largest pods the limits accept (webhook.maxSecretsPerPod
// secrets in as many containers as webhook.maxInjectedEntries allows) answered back to back from 8
// connections, while /healthz and an ordinary admission are probed every 100 ms on fresh connections,
// as the kubelet and the API server would. What is asserted are counts (every probe and every
// admission answered as it should be); how many probes came back within 100 ms is printed and recorded.
// PODSECRETS_WORST_CASE_SECONDS sets the run: 2 s by default, 10 s in `npm run test:load`.

const SECONDS = loadCount('PODSECRETS_WORST_CASE_SECONDS', 2);
const CONNECTIONS = 8;
const PROBE_EVERY_MS = 100;
const PROMPT_MS = 100;
const WORST_SECRETS = 64;
const WORST_CONTAINERS = 64;

const worstCaseBody = JSON.stringify(benchReview(WORST_CONTAINERS, WORST_SECRETS));
const ordinaryReview = reviewFor(podWithSecrets({ secrets: [{ group: 'db', key: 'password' }] }));
const allowed = (answer: Answer): boolean => answer.status === 200 && (answer.json as { response?: { allowed?: unknown } }).response?.allowed === true;

interface Probe {
  readonly ms: number;
  readonly ok: boolean;
}

async function timed(send: () => Promise<Answer>, ok: (answer: Answer) => boolean): Promise<Probe> {
  const started = performance.now();
  try {
    const answer = await send();
    return { ms: performance.now() - started, ok: ok(answer) };
  } catch {
    return { ms: performance.now() - started, ok: false };
  }
}

function describeProbes(probes: readonly Probe[]): { sent: number; answered: number; prompt: number; medianMs: string; worstMs: string } {
  const times = probes.map((probe) => probe.ms).sort((a, b) => a - b);
  return {
    sent: probes.length,
    answered: probes.filter((probe) => probe.ok).length,
    prompt: probes.filter((probe) => probe.ok && probe.ms <= PROMPT_MS).length,
    medianMs: (times[Math.floor(times.length / 2)] ?? 0).toFixed(1),
    worstMs: (times[times.length - 1] ?? 0).toFixed(1),
  };
}

async function deniedSeconds(webhook: ReliabilityWebhook): Promise<{ sum: number; count: number }> {
  const metrics = (await webhook.send('/metrics')).text;
  return {
    sum: metricValue(metrics, 'podsecrets_admission_duration_seconds_sum{outcome="denied"}'),
    count: metricValue(metrics, 'podsecrets_admission_duration_seconds_count{outcome="denied"}'),
  };
}

describe('the webhook under the largest pods its limits accept', function () {
  this.timeout(60_000 + SECONDS * 6_000);
  let webhook: ReliabilityWebhook;

  before(async () => {
    webhook = await startReliabilityWebhook('K8s', { config: { server: { logLevel: 'warn' } } });
  });

  after(async () => {
    await webhook.stop();
  });

  describe(`when ${WORST_SECRETS}-secret pods of ${WORST_CONTAINERS} containers arrive back to back from ${CONNECTIONS} connections for ${SECONDS} s`, () => {
    it('should answer each, and every health probe and ordinary admission sent meanwhile', async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS, ca: webhook.ca });
      const deadline = performance.now() + SECONDS * 1000;
      let worstAllowed = 0;
      const worstFailures: string[] = [];
      const worker = async (): Promise<void> => {
        while (performance.now() < deadline) {
          const answer = await webhook.send('/mutate--v1-pod', worstCaseBody, { agent });
          if (allowed(answer)) worstAllowed += 1;
          else worstFailures.push(`${answer.status}: ${answer.text.slice(0, 200)}`);
        }
      };
      const health: Promise<Probe>[] = [];
      const admissions: Promise<Probe>[] = [];
      const probing = setInterval(() => {
        health.push(
          timed(
            () => webhook.send('/healthz'),
            (answer) => answer.status === 200,
          ),
        );
        admissions.push(timed(() => webhook.send('/mutate--v1-pod', ordinaryReview), allowed));
      }, PROBE_EVERY_MS);
      try {
        await Promise.all(Array.from({ length: CONNECTIONS }, worker));
      } finally {
        clearInterval(probing);
        agent.destroy();
      }
      const healthFigures = describeProbes(await Promise.all(health));
      const admissionFigures = describeProbes(await Promise.all(admissions));
      const figures = {
        seconds: SECONDS,
        worstCaseAnswered: worstAllowed,
        worstCasePerSecond: Math.round(worstAllowed / SECONDS),
        healthProbes: healthFigures.sent,
        healthWithin100ms: healthFigures.prompt,
        healthMedianMs: healthFigures.medianMs,
        healthWorstMs: healthFigures.worstMs,
        admissionProbes: admissionFigures.sent,
        admissionsWithin100ms: admissionFigures.prompt,
        admissionMedianMs: admissionFigures.medianMs,
        admissionWorstMs: admissionFigures.worstMs,
      };
      console.log(`      ${JSON.stringify(figures)}`);
      recordFigures('worst-case pods within the limits', figures);
      expect(worstFailures.slice(0, 3)).to.deep.equal([]);
      expect(worstAllowed, 'worst-case admissions answered').to.be.at.least(CONNECTIONS);
      expect(healthFigures.answered, 'health probes answered 200').to.equal(healthFigures.sent);
      expect(admissionFigures.answered, 'ordinary admissions allowed').to.equal(admissionFigures.sent);
      // How many probes go out depends on the machine (a starved timer fires late): only that some did is asserted.
      expect(healthFigures.sent, 'probes sent').to.be.greaterThan(0);
    });
  });

  describe('when a pod asks for 5,000 small secrets (about 260 KB of annotations)', () => {
    it('should deny it naming the count, the limit and the key, counted in the metrics as denied', async () => {
      const pod = podWithSecrets({ secrets: Array.from({ length: 5000 }, (_, index) => ({ group: 'g', key: `k${index}` })) });
      const before = await deniedSeconds(webhook);
      const rounds = 5;
      for (let round = 0; round < rounds; round++) {
        const answer = await webhook.send('/mutate--v1-pod', reviewFor(pod, { uid: `large-${round}` }));
        const response = (answer.json as { response: { allowed: boolean; status: { message: string } } }).response;
        expect(response.allowed).to.equal(false);
        expect(response.status.message).to.equal('the pod asks for 5000 secrets (flyte.secrets/s* and secrets.podsecrets.io/* annotations); at most 64 are accepted (webhook.maxSecretsPerPod)');
      }
      const after = await deniedSeconds(webhook);
      expect(after.count - before.count, 'denials timed by the webhook').to.equal(rounds);
      const webhookMs = ((after.sum - before.sum) / rounds) * 1000;
      console.log(`      5,000-secret pod: ${webhookMs.toFixed(2)} ms of webhook time per denial (mean of ${rounds})`);
      recordFigures('5,000-secret pod denied', { bytes: JSON.stringify(pod.metadata?.annotations).length, denials: rounds, webhookMsMean: webhookMs.toFixed(2) });
    });
  });
});

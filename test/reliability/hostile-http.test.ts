import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect } from 'chai';
import { podWithSecrets, reviewFor } from '../support/pod-builders.js';
import { recordFigures } from './support/figures.js';
import { rawTlsExchange } from './support/raw-tls.js';
import { type Answer, type ReliabilityWebhook, startReliabilityWebhook } from './support/reliability-webhook.js';

// A hostile HTTP corpus through the real HTTPS server: each request gets its own 4xx, while valid
// admissions sent at the same time keep succeeding, and repeating the corpus does not grow the heap.

const MiB = 1024 * 1024;
// A body too large is waited on until the server answers and closes, never given up on by the client: the
// server's own bounds end each such exchange (lingering-close.ts: 2 s of silence, 16 MiB, 20 s), and on a
// loaded machine, beside the rest of the corpus, getting there may take longer than any fixed wait. The
// test's timeout is the only limit.
const TEST_TIMEOUT_MS = 120_000;
const validReview = reviewFor(podWithSecrets({ secrets: [{ group: 'db', key: 'password' }] }));
const validText = JSON.stringify(validReview);

interface HostileCase {
  readonly name: string;
  readonly status: number;
  readonly send: (webhook: ReliabilityWebhook) => Promise<{ status: number | undefined; text: string }>;
  /** Checks beyond the status, e.g. what the message names. */
  readonly check?: (answer: { status: number | undefined; text: string }) => void;
}

const post =
  (body: string | Buffer | object, options: Parameters<ReliabilityWebhook['send']>[2] = {}) =>
  (webhook: ReliabilityWebhook) =>
    webhook.send('/mutate--v1-pod', body, options);

const errorOf = (answer: { text: string }): string => String((JSON.parse(answer.text) as { error?: unknown }).error);

const CASES: readonly HostileCase[] = [
  { name: 'not JSON', status: 400, send: post('hello, webhook'), check: (answer) => expect(errorOf(answer)).to.include('not valid JSON') },
  { name: 'truncated JSON', status: 400, send: post(validText.slice(0, validText.length / 2)) },
  { name: 'an empty body', status: 400, send: post('') },
  { name: 'JSON nested 100,000 deep at the root', status: 400, send: post('['.repeat(100_000) + ']'.repeat(100_000)), check: (answer) => expect(errorOf(answer)).to.match(/deep/) },
  {
    name: 'JSON nested 100,000 deep inside the kind',
    status: 400,
    send: post(`{"apiVersion":"admission.k8s.io/v1","kind":${'['.repeat(100_000)}${']'.repeat(100_000)}}`),
  },
  {
    name: 'JSON nested 10,000 deep inside the pod',
    status: 400,
    send: post(validText.replace('"spec":', `"deep":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)},"spec":`)),
  },
  {
    name: 'a 2 MiB uid',
    status: 200,
    send: post(reviewFor(podWithSecrets({ secrets: [{ group: 'db', key: 'password' }] }), { uid: 'u'.repeat(2 * MiB) })),
    check: (answer) => expect((JSON.parse(answer.text) as { response: { allowed: boolean } }).response.allowed).to.equal(true),
  },
  {
    name: 'a 2 MiB secret annotation',
    status: 200,
    send: post(reviewFor(podWithSecrets({ annotations: { 'flyte.secrets/s0': 'a'.repeat(2 * MiB) } }))),
    check: (answer) => {
      const response = (JSON.parse(answer.text) as { response: { allowed: boolean; status: { message: string } } }).response;
      expect(response.allowed).to.equal(false);
      expect(response.status.message.length, 'the denial quotes the value shortened').to.be.lessThan(2000);
    },
  },
  { name: 'content type text/plain', status: 415, send: post(validText, { contentType: 'text/plain' }) },
  { name: 'no content type', status: 415, send: post(validText, { contentType: null }) },
  { name: 'content type application/x-www-form-urlencoded', status: 415, send: post('a=b', { contentType: 'application/x-www-form-urlencoded' }) },
  { name: 'GET on the admission path', status: 405, send: (webhook) => webhook.send('/mutate--v1-pod', undefined, { method: 'GET' }) },
  { name: 'PUT on the admission path', status: 405, send: post(validText, { method: 'PUT' }) },
  { name: 'DELETE on /metrics', status: 405, send: (webhook) => webhook.send('/metrics', undefined, { method: 'DELETE' }) },
  { name: 'POST on /healthz', status: 405, send: (webhook) => webhook.send('/healthz', validText) },
  { name: 'a JSON array', status: 400, send: post('[]') },
  { name: 'a JSON string', status: 400, send: post('"AdmissionReview"') },
  { name: 'no request', status: 400, send: post({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }), check: (answer) => expect(errorOf(answer)).to.include('request') },
  {
    name: 'no uid',
    status: 400,
    send: post({ ...validReview, request: { ...(validReview['request'] as object), uid: undefined } }),
    check: (answer) => expect(errorOf(answer)).to.include('request.uid'),
  },
  {
    name: 'no object',
    status: 400,
    send: post({ ...validReview, request: { ...(validReview['request'] as object), object: undefined } }),
    check: (answer) => expect(errorOf(answer)).to.include('request.object'),
  },
  {
    name: 'a Deployment instead of a pod',
    status: 400,
    send: post({ ...validReview, request: { ...(validReview['request'] as object), kind: { group: 'apps', version: 'v1', kind: 'Deployment' } } }),
  },
  { name: 'an unknown apiVersion', status: 400, send: post({ ...validReview, apiVersion: 'admission.k8s.io/v2' }), check: (answer) => expect(errorOf(answer)).to.include('apiVersion') },
  {
    name: 'kind given twice, the last one wrong',
    status: 400,
    send: post(validText.replace('"kind":"AdmissionReview"', '"kind":"AdmissionReview","kind":"ConfigMap"')),
    check: (answer) => expect(errorOf(answer)).to.include('ConfigMap'),
  },
  {
    name: 'uid given twice',
    status: 200,
    send: post(validText.replace('"uid":"705ab4f5-6393-11e8-b7cc-42010a800002"', '"uid":"first","uid":"second"')),
    check: (answer) => expect((JSON.parse(answer.text) as { response: { uid: string } }).response.uid, 'JSON.parse keeps the last, as Go does').to.equal('second'),
  },
  {
    name: 'an AdmissionReview v1beta1',
    status: 200,
    send: post(reviewFor(podWithSecrets({ secrets: [{ group: 'db', key: 'password' }] }), { apiVersion: 'admission.k8s.io/v1beta1' })),
    check: (answer) => expect((JSON.parse(answer.text) as { apiVersion: string }).apiVersion).to.equal('admission.k8s.io/v1beta1'),
  },
  { name: 'an unknown path', status: 404, send: (webhook) => webhook.send('/mutate--v1-secret', validText) },
  {
    name: 'a 10 MiB body with its length declared',
    status: 413,
    send: (webhook) =>
      rawTlsExchange(
        webhook.port,
        webhook.ca,
        [
          `POST /mutate--v1-pod HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${10 * MiB}\r\n\r\n`,
          ...Array.from({ length: 160 }, () => Buffer.alloc(64 * 1024, 0x20)),
        ],
        { maxWaitMs: TEST_TIMEOUT_MS, untilResponse: true },
      ),
  },
  {
    name: 'a 10 MiB chunked body',
    status: 413,
    send: (webhook) =>
      rawTlsExchange(
        webhook.port,
        webhook.ca,
        [
          'POST /mutate--v1-pod HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
          ...Array.from({ length: 160 }, () => `10000\r\n${' '.repeat(64 * 1024)}\r\n`),
        ],
        { maxWaitMs: TEST_TIMEOUT_MS, untilResponse: true },
      ),
  },
  {
    name: 'a 64 KiB header',
    status: 431,
    // Read at the byte level: from Node 24 on, the server resets the connection right after writing its 431,
    // and an HTTP client still sending the header reports the reset instead of the answer it was given.
    send: (webhook) =>
      rawTlsExchange(
        webhook.port,
        webhook.ca,
        [
          `POST /mutate--v1-pod HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nx-padding: ${'p'.repeat(64 * 1024)}\r\nContent-Length: ${Buffer.byteLength(validText)}\r\n\r\n${validText}`,
        ],
        { maxWaitMs: 10_000, untilResponse: true },
      ),
  },
  { name: 'bytes that are not HTTP', status: 400, send: (webhook) => rawTlsExchange(webhook.port, webhook.ca, ['\x00\x01\x02 GARBAGE\r\n\r\n'], { maxWaitMs: 10_000 }) },
];

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('the HTTPS server under a hostile corpus', function () {
  this.timeout(TEST_TIMEOUT_MS);
  let webhook: ReliabilityWebhook;

  before(async () => {
    webhook = await startReliabilityWebhook('K8s');
  });

  after(async () => {
    await webhook.stop();
  });

  for (const hostile of CASES) {
    describe(`when sent ${hostile.name}`, () => {
      it(`should answer ${hostile.status} and keep serving`, async () => {
        const answer = await hostile.send(webhook);
        expect(answer.status, answer.text.slice(0, 300)).to.equal(hostile.status);
        hostile.check?.(answer);
        const next = await webhook.send('/mutate--v1-pod', validReview);
        expect(next.status).to.equal(200);
        expect((next.json as { response: { allowed: boolean } }).response.allowed).to.equal(true);
      });
    });
  }

  describe('when 50 clients declare a 4 MiB or 10 MiB body and read only once they have sent it', () => {
    it('should answer each of them 413, without a reset that would discard the answer', async () => {
      const statuses: (number | undefined)[] = [];
      for (let client = 0; client < 50; client++) {
        const size = (client % 2 === 0 ? 4 : 10) * MiB;
        const head = `POST /mutate--v1-pod HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`;
        const body = Array.from({ length: size / (64 * 1024) }, () => Buffer.alloc(64 * 1024, 0x20));
        const answer = await rawTlsExchange(webhook.port, webhook.ca, [head, ...body], { maxWaitMs: TEST_TIMEOUT_MS, readAfterSending: true });
        statuses.push(answer.status);
      }
      recordFigures('413 to clients still sending', { requests: statuses.length, answered413: statuses.filter((status) => status === 413).length });
      expect(
        statuses.filter((status) => status !== 413),
        'statuses other than 413 (undefined: reset before the answer was read)',
      ).to.deep.equal([]);
    });
  });

  describe('when the whole corpus is sent at once, three times over, beside valid admissions', () => {
    it('should answer every valid admission and not grow the heap from round to round', async () => {
      const rounds = 3;
      const heap: number[] = [];
      let valid = 0;
      let hostileSent = 0;
      for (let round = 0; round < rounds; round++) {
        const hostile = CASES.map(async (entry) => {
          const answer = await entry.send(webhook);
          hostileSent += 1;
          return [entry, answer] as const;
        });
        const admissions = Array.from({ length: 20 }, () => webhook.send('/mutate--v1-pod', validReview));
        const answers: Answer[] = await Promise.all(admissions);
        for (const answer of answers) {
          expect(answer.status).to.equal(200);
          expect((answer.json as { response: { allowed: boolean } }).response.allowed).to.equal(true);
          valid += 1;
        }
        for (const [entry, answer] of await Promise.all(hostile)) expect(answer.status, entry.name).to.equal(entry.status);
        collectGarbage();
        heap.push(process.memoryUsage().heapUsed);
      }
      const growth = heap[rounds - 1]! - heap[0]!;
      recordFigures('hostile HTTP corpus', { cases: CASES.length, hostileRequests: hostileSent, validRequests: valid, errors: 0, heapGrowthMiB: (growth / MiB).toFixed(1) });
      expect(growth, `heap after each round: ${heap.map((bytes) => (bytes / MiB).toFixed(1)).join(', ')} MiB`).to.be.lessThan(32 * MiB);
    });
  });
});

import { expect } from 'chai';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MountRequirement } from '../../../core/index.js';
import { ADMISSION_PATHS, createApp } from '../../../server/runtime/create-app.js';
import { AdmissionMetrics } from '../../../server/runtime/admission-metrics.js';
import { expectAcceptablePod } from '../../support/acceptable-pod.js';
import { admit } from '../../support/admit.js';
import { admitOverHttp, metricValue } from '../../support/http-admission.js';
import { podWithSecrets, reviewFor } from '../../support/pod-builders.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';
import { startTestWebhook, type TestWebhook } from '../../support/test-webhook.js';

type Json = Record<string, unknown>;

const SECRETS = [
  { group: 'my-group', key: 'my-key', mountRequirement: MountRequirement.ENV_VAR },
  { group: 'db', groupVersion: 'v1', key: 'password', mountRequirement: MountRequirement.FILE, envVar: 'DB_PASSWORD_FILE' },
];

function requestCount(metrics: string, outcome: string): number {
  return metricValue(metrics, `podsecrets_admission_requests_total{outcome="${outcome}"}`);
}

/** A review for a pod asking for SECRETS whose JSON text is exactly `bytes` long. */
function reviewOfSize(bytes: number): string {
  const review = reviewFor(podWithSecrets({ secrets: SECRETS, annotations: { padding: '' } }));
  const text = JSON.stringify(review);
  const missing = bytes - text.length;
  if (missing < 0) throw new Error(`a review cannot be as small as ${bytes} bytes`);
  return text.replace('"padding":""', `"padding":"${'x'.repeat(missing)}"`);
}

describe('createApp', () => {
  describe('when the API server sends a pod review', () => {
    let webhook: TestWebhook;
    const inProcess = createTestPodsecrets();

    before(async () => {
      webhook = await startTestWebhook();
    });
    after(async () => {
      await webhook.stop();
    });

    for (const apiVersion of ['admission.k8s.io/v1', 'admission.k8s.io/v1beta1'] as const) {
      for (const path of ADMISSION_PATHS) {
        it(`should answer ${apiVersion} on ${path} in ${apiVersion}, with the uid and a patch that yields the mutated pod`, async () => {
          const pod = podWithSecrets({ secrets: SECRETS, containers: [{ name: 'main', image: 'busybox', env: [{ name: 'KEEP', value: 'me' }] }] });
          const uid = `uid-${apiVersion}-${path}`;
          const admitted = await admitOverHttp(webhook, reviewFor(pod, { apiVersion, uid }), path);

          expect(admitted.review.apiVersion).to.equal(apiVersion);
          expect(admitted.review.kind).to.equal('AdmissionReview');
          expect(admitted.review.response.uid).to.equal(uid);
          expect(admitted.review.response.allowed).to.equal(true);
          expect(admitted.review.response.patchType).to.equal('JSONPatch');
          const expected = await admit(inProcess.handler, pod);
          expect(admitted.pod).to.deep.equal(expected.pod);
          const [container] = (admitted.pod['spec'] as { containers: Json[] }).containers;
          const env = container?.['env'] as Json[];
          expect(env.find((entry) => entry['name'] === 'KEEP')).to.deep.equal({ name: 'KEEP', value: 'me' });
          expect(env.find((entry) => entry['name'] === 'DB_PASSWORD_FILE')).to.deep.equal({ name: 'DB_PASSWORD_FILE', value: '/etc/flyte/secrets/db/password' });
          const secretRef = (env.find((entry) => entry['name'] === '_UNION_MY-GROUP_MY-KEY')?.['valueFrom'] as Json | undefined)?.['secretKeyRef'];
          expect(secretRef).to.include({ name: 'my-group', key: 'my-key' });
          expectAcceptablePod(admitted.pod);

          const again = await admitOverHttp(webhook, reviewFor(admitted.pod, { apiVersion, uid: `${uid}-again` }), path);
          expect(again.review.response).to.include({ uid: `${uid}-again`, allowed: true });
          expect(again.patch, 'the second pass must change nothing').to.deep.equal([]);
        });
      }
    }

    it('should allow a pod that asks for no secret without a patch', async () => {
      const pod = podWithSecrets();
      const admitted = await admitOverHttp(webhook, reviewFor(pod, { uid: 'no-secrets' }));
      expect(admitted.review.response).to.deep.equal({ uid: 'no-secrets', allowed: true });
      expect(admitted.pod).to.deep.equal(pod);
    });

    it('should allow an UPDATE without a patch', async () => {
      const admitted = await admitOverHttp(webhook, reviewFor(podWithSecrets({ secrets: SECRETS }), { uid: 'update', operation: 'UPDATE' }));
      expect(admitted.review.response).to.deep.equal({ uid: 'update', allowed: true, auditAnnotations: { skipped: 'operation UPDATE: podsecrets only acts on CREATE' } });
    });

    it('should deny, with HTTP 200 and the reason, a pod whose secret no backend can inject', async () => {
      const pod = podWithSecrets({ secrets: [{ group: 'Not_A_Secret_Name', key: 'k' }] });
      const admitted = await admitOverHttp(webhook, reviewFor(pod, { uid: 'denied' }));
      expect(admitted.review.response.uid).to.equal('denied');
      expect(admitted.review.response.allowed).to.equal(false);
      expect(admitted.review.response.patch).to.equal(undefined);
      expect(admitted.review.response.status?.code).to.equal(400);
      expect(admitted.review.response.status?.message).to.include('Not_A_Secret_Name');
    });
  });

  describe('when a request is malformed', () => {
    let webhook: TestWebhook;
    const good = reviewFor(podWithSecrets({ secrets: SECRETS }), { uid: 'good' });
    const withRequest = (change: (request: Json) => void): Json => {
      const review = structuredClone(good);
      change(review['request'] as Json);
      return review;
    };
    const cases: { name: string; path?: string; body?: string | object; method?: string; contentType?: string | null; status: number; error: string; allow?: string }[] = [
      { name: 'a body that is not JSON', body: '{"kind": AdmissionReview', status: 400, error: 'the body is not valid JSON' },
      { name: 'a JSON array', body: '[]', status: 400, error: 'the body must be a JSON object (an AdmissionReview), got []' },
      { name: 'JSON null', body: 'null', status: 400, error: 'the body must be a JSON object (an AdmissionReview), got null' },
      { name: 'the wrong kind', body: { ...good, kind: 'Pod' }, status: 400, error: 'kind: expected "AdmissionReview", got "Pod"' },
      {
        name: 'an unknown apiVersion',
        body: { ...good, apiVersion: 'admission.k8s.io/v2' },
        status: 400,
        error: 'apiVersion: expected one of admission.k8s.io/v1, admission.k8s.io/v1beta1, got "admission.k8s.io/v2"',
      },
      { name: 'no request', body: { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }, status: 400, error: 'request: expected an object, got undefined' },
      { name: 'no uid', body: withRequest((request) => delete request['uid']), status: 400, error: 'request.uid: expected a non-empty string, got undefined' },
      { name: 'an empty uid', body: withRequest((request) => (request['uid'] = '')), status: 400, error: 'request.uid: expected a non-empty string, got ""' },
      { name: 'no object', body: withRequest((request) => delete request['object']), status: 400, error: 'request.object: expected the pod as an object, got undefined' },
      {
        name: 'a request for another kind',
        body: withRequest((request) => (request['kind'] = { group: 'apps', version: 'v1', kind: 'Deployment' })),
        status: 400,
        error: 'request.kind: podsecrets mutates core/v1 Pods only',
      },
      {
        name: 'an object that is not a Pod',
        body: withRequest((request) => (request['object'] = { apiVersion: 'v1', kind: 'Secret' })),
        status: 400,
        error: 'request.object.kind: expected "Pod", got "Secret"',
      },
      { name: 'a namespace that is not a string', body: withRequest((request) => (request['namespace'] = 7)), status: 400, error: 'request.namespace: expected a string, got 7' },
      {
        name: 'an object nested thousands of levels deep',
        body: JSON.stringify(good).replace('"containers":', `"deep":${'['.repeat(50_000)}${']'.repeat(50_000)},"containers":`),
        status: 400,
        error: 'request.object: nested deeper than 100 levels; no pod is',
      },
      {
        name: 'a body that is a list nested thousands of levels deep',
        body: `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
        status: 400,
        error: 'the body must be a JSON object (an AdmissionReview), got a deeply nested list',
      },
      {
        name: 'a uid nested thousands of levels deep',
        body: JSON.stringify(good).replace('"uid":"good"', `"uid":${'['.repeat(100_000)}${']'.repeat(100_000)}`),
        status: 400,
        error: 'request.uid: expected a non-empty string, got a deeply nested list',
      },
      { name: 'the wrong content type', body: good, contentType: 'text/plain', status: 415, error: 'content-type must be application/json, got "text/plain"' },
      { name: 'no content type', body: good, contentType: null, status: 415, error: 'content-type must be application/json, got ""' },
      { name: 'an unsupported charset', body: good, contentType: 'application/json; charset=latin1', status: 415, error: 'unsupported charset "LATIN1"' },
      { name: 'a body over 3 MiB', body: reviewOfSize(3 * 1024 * 1024 + 1), status: 413, error: 'the body is larger than the 3145728 bytes accepted (server.maxRequestBytes)' },
      { name: 'GET on the admission path', method: 'GET', status: 405, allow: 'POST', error: 'GET is not allowed on /mutate--v1-pod; use POST' },
      { name: 'PUT on the short admission path', path: '/mutate', method: 'PUT', body: good, status: 405, allow: 'POST', error: 'PUT is not allowed on /mutate; use POST' },
      { name: 'POST on /healthz', path: '/healthz', body: good, status: 405, allow: 'GET', error: 'POST is not allowed on /healthz; use GET' },
      { name: 'an unknown path', path: '/mutate-v1-pod', body: good, status: 404, error: 'no such endpoint: POST /mutate-v1-pod' },
    ];
    // Every refusal on an admission path counts; a wrong method on /healthz is no admission request.
    const countedAsInvalid = cases.filter((testCase) => [400, 413, 415].includes(testCase.status) || (testCase.status === 405 && testCase.allow === 'POST')).length;

    before(async () => {
      webhook = await startTestWebhook();
    });
    after(async () => {
      await webhook.stop();
    });

    const send = (testCase: (typeof cases)[number]) =>
      webhook.request(testCase.path ?? '/mutate--v1-pod', testCase.body, {
        ...(testCase.method !== undefined ? { method: testCase.method } : {}),
        ...(testCase.contentType !== undefined ? { contentType: testCase.contentType } : {}),
      });
    const counts = async (): Promise<Record<string, number>> => {
      const metrics = (await webhook.request('/metrics')).text;
      return Object.fromEntries(['invalid', 'mutated', 'error'].map((outcome) => [outcome, requestCount(metrics, outcome)]));
    };

    for (const testCase of cases) {
      it(`should answer ${testCase.name} with ${testCase.status} and the reason`, async () => {
        const answer = await send(testCase);
        expect(answer.status, answer.text).to.equal(testCase.status);
        expect(answer.headers['content-type']).to.match(/^application\/json/);
        expect((answer.json as { error: string }).error).to.include(testCase.error);
        expect(answer.headers['allow']).to.equal(testCase.allow);
      });
    }

    it('should go on serving afterwards, having counted each refused review as invalid', async () => {
      // Sends the cases itself (the tests above may or may not have run), and counts from where it starts.
      const before = await counts();
      for (const testCase of cases) await send(testCase);
      const admitted = await admitOverHttp(webhook, good);
      expect(admitted.review.response).to.include({ uid: 'good', allowed: true });
      expectAcceptablePod(admitted.pod);
      expect((await webhook.request('/readyz')).status).to.equal(200);
      const after = await counts();
      expect(after['invalid']! - before['invalid']!).to.equal(countedAsInvalid);
      expect(after['mutated']! - before['mutated']!).to.equal(1);
      expect(after['error']).to.equal(0);
    });
  });

  describe('when server.maxRequestBytes is set', () => {
    let webhook: TestWebhook;

    before(async () => {
      webhook = await startTestWebhook({ config: { server: { maxRequestBytes: 4096 } } });
    });
    after(async () => {
      await webhook.stop();
    });

    it('should accept a body of exactly that many bytes', async () => {
      const answer = await webhook.request('/mutate--v1-pod', reviewOfSize(4096));
      expect(answer.status, answer.text).to.equal(200);
      expect((answer.json as { response: { allowed: boolean } }).response.allowed).to.equal(true);
    });

    it('should refuse one byte more with 413', async () => {
      const answer = await webhook.request('/mutate--v1-pod', reviewOfSize(4097));
      expect(answer.status).to.equal(413);
      expect(answer.json).to.deep.equal({ error: 'the body is larger than the 4096 bytes accepted (server.maxRequestBytes)' });
    });
  });

  describe('when probed', () => {
    let webhook: TestWebhook;

    before(async () => {
      webhook = await startTestWebhook();
    });
    after(async () => {
      await webhook.stop();
    });

    it('should answer /healthz and /readyz with 200 while serving', async () => {
      const health = await webhook.request('/healthz');
      expect([health.status, health.json]).to.deep.equal([200, { status: 'ok' }]);
      const ready = await webhook.request('/readyz');
      expect([ready.status, ready.json]).to.deep.equal([200, { status: 'ready' }]);
    });

    it('should count each admission by outcome in /metrics', async () => {
      const before = (await webhook.request('/metrics')).text;
      expect(requestCount(before, 'mutated')).to.equal(0);
      await admitOverHttp(webhook, reviewFor(podWithSecrets({ secrets: SECRETS }), { uid: 'm1' }));
      await admitOverHttp(webhook, reviewFor(podWithSecrets({ secrets: SECRETS }), { uid: 'm2' }));
      await admitOverHttp(webhook, reviewFor(podWithSecrets(), { uid: 'u1' }));
      await admitOverHttp(webhook, reviewFor(podWithSecrets({ secrets: [{ group: 'Bad_Name', key: 'k' }] }), { uid: 'd1' }));
      await admitOverHttp(webhook, reviewFor(podWithSecrets({ secrets: SECRETS }), { uid: 's1', operation: 'DELETE' }));
      const mutatedPod = (await admitOverHttp(webhook, reviewFor(podWithSecrets({ secrets: SECRETS }), { uid: 'm3' }))).pod;
      await admitOverHttp(webhook, reviewFor(mutatedPod, { uid: 'u2' }));
      await webhook.request('/mutate', 'not json');

      const metrics = await webhook.request('/metrics');
      expect(metrics.status).to.equal(200);
      expect(metrics.headers['content-type']).to.match(/^text\/plain; version=0\.0\.4/);
      expect(metrics.text).to.include('# TYPE podsecrets_admission_requests_total counter');
      expect(['mutated', 'unchanged', 'denied', 'skipped', 'invalid', 'error'].map((outcome) => [outcome, requestCount(metrics.text, outcome)])).to.deep.equal([
        ['mutated', 3],
        ['unchanged', 2],
        ['denied', 1],
        ['skipped', 1],
        ['invalid', 1],
        ['error', 0],
      ]);
      expect(metricValue(metrics.text, 'podsecrets_injections_total{backend="K8s",namespace="team-a"}')).to.equal(6);
    });
  });

  describe('when not ready (starting or draining)', () => {
    it('should answer /readyz with 503 and /healthz with 200', async () => {
      const podsecrets = createTestPodsecrets();
      const app = createApp({ handler: podsecrets.handler, metrics: new AdmissionMetrics(), logger: podsecrets.logger, maxRequestBytes: 4096, isReady: () => false });
      const server = createServer(app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const ready = await fetch(`${base}/readyz`);
        expect([ready.status, await ready.json()]).to.deep.equal([503, { status: 'not ready' }]);
        const health = await fetch(`${base}/healthz`);
        expect(health.status).to.equal(200);
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });
});

import type { RequestListener } from 'node:http';
import { expect } from 'chai';
import { dispatchAdmissions } from '../../../server/runtime/admission-dispatch.js';
import { createAdmissionRouter } from '../../../server/runtime/admission-router.js';
import { type AppOptions, createApp } from '../../../server/runtime/create-app.js';
import { WebhookServer } from '../../../server/runtime/webhook-server.js';
import { AdmissionMetrics } from '../../../server/runtime/admission-metrics.js';
import { createSelfSignedCertificate, type PemCredentials } from '../../../server/certificates/self-signed-certificate.js';
import { podWithSecrets, reviewFor } from '../../support/pod-builders.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';
import { type HttpAnswer, type RequestOptions, sendRequest } from '../../support/test-webhook.js';

// The HTTPS server hands admissions to the admission router itself and everything else to the express
// app that mounts the same router: whichever way a request goes, its answer must be the app's.

const MAX_BYTES = 8192;
const review = reviewFor(podWithSecrets({ secrets: [{ group: 'db', key: 'password' }] }), { uid: 'same-uid' });
const text = JSON.stringify(review);

interface OddRequest {
  readonly name: string;
  readonly path: string;
  readonly body?: string;
  readonly options?: RequestOptions;
}

const REQUESTS: readonly OddRequest[] = [
  { name: 'a pod review', path: '/mutate--v1-pod', body: text },
  { name: 'a pod review on the alias', path: '/mutate', body: text },
  { name: 'a pod review with the API server timeout', path: '/mutate--v1-pod?timeout=10s', body: text },
  { name: 'a pod review on a path with a trailing slash', path: '/mutate--v1-pod/', body: text },
  { name: 'a pod review on an upper-case path', path: '/MUTATE', body: text },
  { name: 'a review that is not of a pod', path: '/mutate', body: JSON.stringify({ ...review, kind: 'Deployment' }) },
  { name: 'JSON that is not an object', path: '/mutate', body: '[1,2]' },
  { name: 'not JSON', path: '/mutate', body: '{"apiVersion":' },
  { name: 'an empty body', path: '/mutate', body: '' },
  { name: 'text/plain', path: '/mutate', body: text, options: { contentType: 'text/plain' } },
  { name: 'no content type', path: '/mutate', body: text, options: { contentType: null } },
  { name: 'a declared body too large', path: '/mutate', body: 'x'.repeat(MAX_BYTES + 1) },
  { name: 'a chunked body too large', path: '/mutate', body: 'x'.repeat(MAX_BYTES + 1), options: { headers: { 'transfer-encoding': 'chunked' } } },
  { name: 'GET on an admission path', path: '/mutate--v1-pod' },
  { name: 'PUT on an admission path', path: '/mutate', body: text, options: { method: 'PUT' } },
  { name: 'POST on an unknown path', path: '/nope', body: text },
  { name: 'POST on /healthz', path: '/healthz', body: text },
  { name: 'GET /healthz', path: '/healthz' },
  { name: 'DELETE /healthz with an unframed body', path: '/healthz', body: text, options: { method: 'DELETE' } },
  { name: 'OPTIONS on an admission path', path: '/mutate', options: { method: 'OPTIONS' } },
];

const COMPARED_HEADERS = ['content-type', 'content-length', 'connection', 'allow', 'x-powered-by', 'etag'];

function comparable(answer: HttpAnswer): unknown {
  return { status: answer.status, headers: COMPARED_HEADERS.map((name) => [name, answer.headers[name]]), text: answer.text };
}

interface Listening {
  readonly port: number;
  readonly server: WebhookServer;
}

async function listen(app: RequestListener, credentials: PemCredentials): Promise<Listening> {
  const server = new WebhookServer({ app, credentials, host: '127.0.0.1', port: 0 });
  return { port: await server.listen(), server };
}

describe('dispatchAdmissions', () => {
  let credentials: PemCredentials;
  let appOnly: Listening;
  let dispatched: Listening;
  let draining = false;
  const appCalls: string[] = [];

  before(async () => {
    credentials = await createSelfSignedCertificate({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
    const surface = (): AppOptions => {
      const podsecrets = createTestPodsecrets();
      return { handler: podsecrets.handler, metrics: new AdmissionMetrics(), logger: podsecrets.logger, maxRequestBytes: MAX_BYTES, isReady: () => true, isDraining: () => draining };
    };
    appOnly = await listen(createApp(surface()), credentials);
    const options = surface();
    const admissions = createAdmissionRouter(options);
    const app = createApp(options, admissions);
    dispatched = await listen(
      dispatchAdmissions(admissions, (request, response) => {
        appCalls.push(`${request.method} ${request.url}`);
        app(request, response);
      }),
      credentials,
    );
  });

  after(async () => {
    await Promise.all([appOnly.server.close(0), dispatched.server.close(0)]);
  });

  for (const drain of [false, true]) {
    describe(drain ? 'when draining' : 'when serving', () => {
      for (const odd of REQUESTS) {
        it(`should answer ${odd.name} exactly as the express app does`, async () => {
          draining = drain;
          const send = (port: number): Promise<HttpAnswer> => sendRequest(port, credentials.cert, odd.path, odd.body, odd.options ?? {});
          const [expected, actual] = await Promise.all([send(appOnly.port), send(dispatched.port)]);
          expect(comparable(actual)).to.deep.equal(comparable(expected));
          draining = false;
        });
      }
    });
  }

  describe('when a pod review is posted to an admission path', () => {
    it('should answer it by the admission router without the express app', async () => {
      appCalls.length = 0;
      for (const path of ['/mutate--v1-pod', '/mutate?timeout=5s']) {
        const answer = await sendRequest(dispatched.port, credentials.cert, path, text, {});
        expect((answer.json as { response: { uid: string } }).response.uid).to.equal('same-uid');
      }
      const refused = await sendRequest(dispatched.port, credentials.cert, '/mutate', text, { contentType: 'text/plain' });
      expect(refused.status).to.equal(415);
      expect(appCalls).to.deep.equal([]);
    });
  });

  describe('when a request is anything else', () => {
    it('should hand it to the express app', async () => {
      appCalls.length = 0;
      await sendRequest(dispatched.port, credentials.cert, '/mutate', undefined, {});
      await sendRequest(dispatched.port, credentials.cert, '/mutate/', text, {});
      await sendRequest(dispatched.port, credentials.cert, '/readyz', undefined, {});
      expect(appCalls).to.deep.equal(['GET /mutate', 'POST /mutate/', 'GET /readyz']);
    });
  });
});

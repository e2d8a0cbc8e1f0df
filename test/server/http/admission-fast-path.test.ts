import { expect } from 'chai';
import { request as httpsRequest, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { MountRequirement } from '../../../core/index.js';
import { withAdmissionFastPath } from '../../../server/http/admission-fast-path.js';
import { createApp } from '../../../server/http/create-app.js';
import { AdmissionMetrics } from '../../../server/metrics/admission-metrics.js';
import { createSelfSignedCertificate } from '../../../server/tls/self-signed-certificate.js';
import { podWithSecrets, reviewFor } from '../../support/pod-builders.js';
import { createTestPodsecrets } from '../../support/test-podsecrets.js';

// The fast path must answer exactly as express does. Two servers share one podsecrets: express alone,
// and express behind the fast path; every request goes to both and the answers are compared.

interface Answer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly allow: string | undefined;
  readonly body: string;
}

interface Sent {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

function send(port: number, sent: Sent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpsRequest(
      { host: '127.0.0.1', port, method: sent.method ?? 'POST', path: sent.path ?? '/mutate--v1-pod', headers: sent.headers ?? {}, rejectUnauthorized: false, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: response.headers['content-type'],
            allow: response.headers['allow'] as string | undefined,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(sent.body);
  });
}

const review = JSON.stringify(reviewFor(podWithSecrets({ secrets: [{ group: 'db', key: 'password', mountRequirement: MountRequirement.FILE }, { group: 'api', key: 'token', mountRequirement: MountRequirement.ENV_VAR }] })));
const json = { 'content-type': 'application/json' };

const CASES: Record<string, Sent> = {
  'a pod review': { headers: json, body: review },
  'a pod review to the short path': { path: '/mutate', headers: json, body: review },
  'a pod review with the API server deadline': { path: '/mutate--v1-pod?timeout=10s', headers: json, body: review },
  'a pod review with charset=utf-8': { headers: { 'content-type': 'application/json; charset=utf-8' }, body: review },
  'a pod review after a byte-order mark': { headers: json, body: `\uFEFF${review}` },
  'a pod review to a path in capitals': { path: '/MUTATE--V1-POD', headers: json, body: review },
  'a pod review to a path with a trailing slash': { path: '/mutate--v1-pod/', headers: json, body: review },
  'a gzipped pod review': { headers: { ...json, 'content-encoding': 'gzip' }, body: gzipSync(review) },
  'a body that is not JSON': { headers: json, body: '{"kind": AdmissionReview' },
  'JSON that is not a review': { headers: json, body: '[1, 2]' },
  'a review of something else': { headers: json, body: JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'u', kind: { kind: 'Service' }, object: {} } }) },
  'an empty body': { headers: json, body: '' },
  'a body too large': { headers: json, body: JSON.stringify({ padding: 'x'.repeat(4096) }) },
  'a text body': { headers: { 'content-type': 'text/plain' }, body: review },
  'a body in UTF-16': { headers: { 'content-type': 'application/json; charset=utf-16' }, body: review },
  'no content type': { body: review },
  'a GET': { method: 'GET' },
  'a health check': { method: 'GET', path: '/healthz' },
};

describe('withAdmissionFastPath', () => {
  let servers: Server[];
  let expressPort: number;
  let fastPort: number;
  let expressCalls = 0;

  before(async () => {
    const podsecrets = createTestPodsecrets({ config: { webhook: { secretManagerType: 'K8s' } } });
    const services = { handler: podsecrets.handler, metrics: new AdmissionMetrics(), logger: podsecrets.logger };
    const app = createApp({ ...services, maxRequestBytes: 4096, isReady: () => true });
    const credentials = await createSelfSignedCertificate({ dnsNames: ['localhost'] });
    const counted: typeof app = Object.assign((...args: Parameters<typeof app>) => {
      expressCalls++;
      return app(...args);
    }, app);
    const listeners = [app, withAdmissionFastPath(counted, { ...services, maxRequestBytes: 4096 })];
    servers = listeners.map((listener) => createServer({ cert: credentials.cert, key: credentials.key }, listener));
    const ports = await Promise.all(
      servers.map((server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)))),
    );
    [expressPort, fastPort] = ports as [number, number];
  });

  after(async () => {
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  });

  for (const [name, sent] of Object.entries(CASES)) {
    describe(`when sent ${name}`, () => {
      it('should answer exactly as express alone does', async () => {
        const viaExpress = await send(expressPort, sent);
        const viaFastPath = await send(fastPort, sent);
        expect(viaFastPath).to.deep.equal(viaExpress);
      });
    });
  }

  describe('when sent a pod review', () => {
    it('should answer it with a patch, without express', async () => {
      const before = expressCalls;
      const answer = await send(fastPort, CASES['a pod review']!);
      expect(expressCalls, 'requests handed to express').to.equal(before);
      const body = JSON.parse(answer.body) as { response: { allowed: boolean; patchType: string } };
      expect([answer.status, answer.contentType, body.response.allowed, body.response.patchType]).to.deep.equal([200, 'application/json; charset=utf-8', true, 'JSONPatch']);
    });
  });

  describe('when sent a request the fast path does not take', () => {
    it('should hand it to express', async () => {
      const before = expressCalls;
      await send(fastPort, CASES['a text body']!);
      expect(expressCalls).to.equal(before + 1);
    });
  });

  describe('when sent a body that is not JSON', () => {
    it('should answer 400 with JSON.parse\'s reason', async () => {
      const answer = await send(fastPort, CASES['a body that is not JSON']!);
      let reason = '';
      try {
        JSON.parse('{"kind": AdmissionReview');
      } catch (error) {
        reason = (error as Error).message;
      }
      expect([answer.status, JSON.parse(answer.body)]).to.deep.equal([400, { error: `the body is not valid JSON: ${reason}` }]);
    });
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createCertificateAuthority, issueServingCertificate } from '../../../server/certificates/certificate-authority.js';
import type { PemCredentials } from '../../../server/certificates/self-signed-certificate.js';
import { podWithSecrets, reviewFor } from '../../support/pod-builders.js';
import { startTestWebhook, type TestWebhook } from '../../support/test-webhook.js';

const DAY = 86_400_000;

function post(webhook: TestWebhook, path: string, body: string, client?: PemCredentials): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      {
        host: '127.0.0.1',
        port: webhook.port,
        path,
        method: body === '' ? 'GET' : 'POST',
        ca: webhook.ca,
        servername: 'localhost',
        agent: false,
        headers: body === '' ? {} : { 'content-type': 'application/json' },
        ...(client !== undefined ? { cert: client.cert, key: client.key } : {}),
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

describe('createApp', () => {
  describe('when server.clientCAFile is set', () => {
    let directory: string;
    let webhook: TestWebhook;
    let apiServer: PemCredentials;
    let stranger: PemCredentials;
    const review = JSON.stringify(reviewFor(podWithSecrets({ secrets: [{ group: 'db', key: 'password' }] })));

    before(async () => {
      directory = mkdtempSync(join(tmpdir(), 'podsecrets-client-ca-'));
      const now = new Date();
      const trusted = await createCertificateAuthority(now, DAY);
      apiServer = await issueServingCertificate(trusted, ['kube-apiserver'], now, DAY);
      stranger = await issueServingCertificate(await createCertificateAuthority(now, DAY), ['kube-apiserver'], now, DAY);
      writeFileSync(join(directory, 'client-ca.crt'), trusted.cert);
      webhook = await startTestWebhook({ config: { server: { clientCAFile: join(directory, 'client-ca.crt') } } });
    });

    after(async () => {
      await webhook.stop();
      rmSync(directory, { recursive: true, force: true });
    });

    it('should answer an admission from a caller whose certificate the CA issued', async () => {
      const answer = await post(webhook, '/mutate--v1-pod', review, apiServer);
      expect(answer.status).to.equal(200);
      expect((answer.json['response'] as { allowed: boolean }).allowed).to.equal(true);
    });

    it('should refuse with 401 an admission without a certificate, or with one from another CA', async () => {
      const without = await post(webhook, '/mutate--v1-pod', review);
      expect(without).to.deep.equal({ status: 401, json: { error: 'a client certificate issued by the CA in server.clientCAFile is required (none was sent)' } });
      const foreign = await post(webhook, '/mutate', review, stranger);
      expect(foreign.status).to.equal(401);
      expect(foreign.json['error']).to.match(/^a client certificate issued by the CA in server\.clientCAFile is required \([A-Z_]+\)$/);
    });

    it('should keep /healthz and /readyz open to the kubelet, which sends no certificate', async () => {
      expect((await post(webhook, '/healthz', '')).status).to.equal(200);
      expect((await post(webhook, '/readyz', '')).status).to.equal(200);
    });
  });
});

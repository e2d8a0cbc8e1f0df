import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createSelfSignedCertificate } from '../../../server/certificates/self-signed-certificate.js';

/** A kubeconfig file in `dir` that points at `server`, trusting `ca`, with a token that means nothing. */
export function writeKubeconfig(dir: string, server: string, ca: string): string {
  const file = join(dir, 'config');
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{name: fake, cluster: {server: "${server}", certificate-authority-data: "${Buffer.from(ca).toString('base64')}"}}]`,
      'users: [{name: fake, user: {token: not-a-real-token}}]',
      'contexts: [{name: fake, context: {cluster: fake, user: fake, namespace: flyte}}]',
      'current-context: fake',
      '',
    ].join('\n'),
  );
  return file;
}

/** A loopback Kubernetes API that knows only Secrets: get, create and replace, kept in memory. */
export interface FakeKubeSecrets {
  readonly url: string;
  readonly ca: string;
  /** Every Secret, keyed `namespace/name`, with its data (base64 values, as the API holds them). */
  readonly secrets: Map<string, StoredSecret>;
  close(): Promise<void>;
}

interface StoredSecret {
  readonly metadata?: Record<string, unknown>;
  readonly data?: Record<string, string>;
}

const SECRET_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/secrets(?:\/([^/?]+))?/;

function status(code: number, reason: string): string {
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, code });
}

/** Starts the fake API with `data` (namespace/name -> key -> plain value) already stored. */
export async function startFakeKubeSecrets(data: Record<string, Record<string, string>>): Promise<FakeKubeSecrets> {
  const credentials = await createSelfSignedCertificate({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
  const secrets = new Map<string, StoredSecret>();
  for (const [where, values] of Object.entries(data)) {
    secrets.set(where, { data: Object.fromEntries(Object.entries(values).map(([key, value]) => [key, Buffer.from(value).toString('base64')])) });
  }
  const server: Server = createServer(credentials, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const match = SECRET_PATH.exec(request.url ?? '');
      response.setHeader('content-type', 'application/json');
      if (match === null) return void response.writeHead(404).end(status(404, 'NotFound'));
      const [, namespace, name] = match;
      if (request.method === 'GET' && name !== undefined) {
        const secret = secrets.get(`${namespace}/${name}`);
        if (secret === undefined) return void response.writeHead(404).end(status(404, 'NotFound'));
        return void response.writeHead(200).end(JSON.stringify({ apiVersion: 'v1', kind: 'Secret', data: secret.data, metadata: { ...secret.metadata, name, namespace, resourceVersion: '1' } }));
      }
      if (request.method === 'POST' || request.method === 'PUT') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { metadata?: { name?: string }; data?: Record<string, string>; stringData?: Record<string, string> };
        const secretName = name ?? body.metadata?.name ?? '';
        const stored: StoredSecret = {
          metadata: { ...body.metadata },
          data: { ...body.data, ...Object.fromEntries(Object.entries(body.stringData ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')])) },
        };
        secrets.set(`${namespace}/${secretName}`, stored);
        return void response
          .writeHead(request.method === 'POST' ? 201 : 200)
          .end(JSON.stringify({ apiVersion: 'v1', kind: 'Secret', data: stored.data, metadata: { ...stored.metadata, name: secretName, namespace, resourceVersion: '2' } }));
      }
      response.writeHead(405).end(status(405, 'MethodNotAllowed'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ca: credentials.cert,
    secrets,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

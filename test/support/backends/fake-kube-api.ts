import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoopbackServer, type ReceivedRequest, sendJson } from './loopback-server.js';

interface StoredSecret {
  apiVersion: 'v1';
  kind: 'Secret';
  metadata: { name: string; namespace: string; resourceVersion: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  type?: string;
  data?: Record<string, string>;
}

const SECRET_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/secrets(?:\/([^/?]+))?(?:\?.*)?$/;

function status(code: number, reason: string, message: string, name?: string): object {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details: name !== undefined ? { name, kind: 'secrets' } : {}, code };
}

/**
 * The Kubernetes REST API for Secrets (get, create, replace) on loopback, with the API server's Status
 * errors, and a kubeconfig file that points a client at it.
 */
export class FakeKubeApi {
  readonly server: LoopbackServer;
  readonly secrets = new Map<string, StoredSecret>();
  /** When set, every request gets this HTTP status and a Status body (e.g. 403 Forbidden, 500). */
  failWith: { code: number; reason: string } | undefined;
  #version = 1;
  kubeconfig = '';

  constructor() {
    this.server = new LoopbackServer((request, response) => {
      const answer = this.#answer(request);
      sendJson(response, answer.code, answer.body);
    });
  }

  async start(): Promise<this> {
    await this.server.start();
    const dir = mkdtempSync(join(tmpdir(), 'podsecrets-kube-'));
    this.kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(
      this.kubeconfig,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'fake', cluster: { server: this.server.url, 'insecure-skip-tls-verify': true } }],
        users: [{ name: 'webhook', user: { token: 'test-token' } }],
        contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'webhook' } }],
        'current-context': 'fake',
      }),
    );
    return this;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Stores a Secret as Flyte's secret service writes one: data values base64 of the bytes. */
  putSecret(namespace: string, name: string, data: Record<string, string | Uint8Array>, labels?: Record<string, string>): void {
    const encoded = Object.fromEntries(Object.entries(data).map(([key, value]) => [key, Buffer.from(value).toString('base64')]));
    this.secrets.set(`${namespace}/${name}`, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace, resourceVersion: String(this.#version++), ...(labels !== undefined ? { labels } : {}) },
      type: 'Opaque',
      data: encoded,
    });
  }

  /** The requests of `method` under namespace `namespace`. */
  requestsTo(method: string, namespace: string): ReceivedRequest[] {
    return this.server.requests.filter((request) => request.method === method && request.path.startsWith(`/api/v1/namespaces/${namespace}/`));
  }

  #answer(request: ReceivedRequest): { code: number; body: unknown } {
    if (this.failWith !== undefined) return { code: this.failWith.code, body: status(this.failWith.code, this.failWith.reason, `injected failure ${this.failWith.reason}`) };
    if (request.headers.authorization !== 'Bearer test-token') return { code: 401, body: status(401, 'Unauthorized', 'Unauthorized') };
    const match = SECRET_PATH.exec(request.path);
    if (match === null) return { code: 404, body: status(404, 'NotFound', 'the server could not find the requested resource') };
    const namespace = decodeURIComponent(match[1] ?? '');
    const name = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
    const key = `${namespace}/${name ?? ''}`;
    if (request.method === 'GET' && name !== undefined) {
      const secret = this.secrets.get(key);
      return secret === undefined ? { code: 404, body: status(404, 'NotFound', `secrets "${name}" not found`, name) } : { code: 200, body: secret };
    }
    if (request.method === 'POST' && name === undefined) {
      const body = JSON.parse(request.body) as StoredSecret;
      const created = `${namespace}/${body.metadata.name}`;
      if (this.secrets.has(created)) return { code: 409, body: status(409, 'AlreadyExists', `secrets "${body.metadata.name}" already exists`, body.metadata.name) };
      const stored = { ...body, metadata: { ...body.metadata, namespace, resourceVersion: String(this.#version++) } };
      this.secrets.set(created, stored);
      return { code: 201, body: stored };
    }
    if (request.method === 'PUT' && name !== undefined) {
      const body = JSON.parse(request.body) as StoredSecret;
      const existing = this.secrets.get(key);
      if (existing === undefined) return { code: 404, body: status(404, 'NotFound', `secrets "${name}" not found`, name) };
      if (body.metadata.resourceVersion !== existing.metadata.resourceVersion) {
        return { code: 409, body: status(409, 'Conflict', `Operation cannot be fulfilled on secrets "${name}": the object has been modified`, name) };
      }
      const stored = { ...body, metadata: { ...body.metadata, namespace, resourceVersion: String(this.#version++) } };
      this.secrets.set(key, stored);
      return { code: 200, body: stored };
    }
    return { code: 405, body: status(405, 'MethodNotAllowed', `${request.method} is not supported here`) };
  }
}

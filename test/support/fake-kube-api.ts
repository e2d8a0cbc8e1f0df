import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { LoopbackServer, type ReceivedRequest, sendJson } from './backends/loopback-server.js';
import { type KubeAnswer, KubeObjectStore, kubeStatus, type NewObject, type StoredObject } from './kube-object-store.js';

const TOKEN = 'fake-token';

/**
 * An in-memory Kubernetes API server on loopback (Secrets, Pods, Leases, MutatingWebhookConfigurations; see
 * KubeObjectStore for what it answers), with a kubeconfig that points a client at it, a log of the requests
 * it received, and knobs to make it fail, hang or slow down. Requests without the kubeconfig's bearer token
 * get 401, as from the real server.
 */
export class FakeKubeApi {
  /** When set, every request gets this HTTP status and a Status body (e.g. 403 Forbidden, 500). */
  failWith: { code: number; reason: string } | undefined;
  /** Milliseconds each request waits before it is handled: widens race windows in tests. */
  delayMs = 0;
  /** Called with each request (its path without the query) before it is handled, e.g. to change an object behind the client's back. */
  beforeHandle: ((method: string, path: string) => void) | undefined;
  /** A kubeconfig file for this server (written by start()), as $KUBECONFIG or a config's kubeconfig path. */
  kubeconfigFile = '';
  readonly #server: LoopbackServer;
  readonly #store = new KubeObjectStore();
  #url = '';

  constructor() {
    this.#server = new LoopbackServer(async (request, response) => {
      const answer = await this.#answer(request);
      sendJson(response, answer.code, answer.body);
    });
  }

  /** Every request received so far, in order (clear it with `requests.length = 0`). */
  get requests(): ReceivedRequest[] {
    return this.#server.requests;
  }

  /** When true, requests get no answer until the server stops. */
  set hang(hang: boolean) {
    this.#server.hang = hang;
  }

  async start(): Promise<this> {
    await this.#server.start();
    this.#url = this.#server.url;
    this.kubeconfigFile = join(mkdtempSync(join(tmpdir(), 'podsecrets-kube-')), 'kubeconfig');
    writeFileSync(this.kubeconfigFile, this.kubeConfig().exportConfig());
    return this;
  }

  /** Stops serving; kubeConfig() and kubeconfigFile still point here, so a client then gets ECONNREFUSED. */
  stop(): Promise<void> {
    return this.#server.stop();
  }

  /** A kubeconfig for this server, as an in-cluster process would load one. */
  kubeConfig(): KubeConfig {
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: [{ name: 'fake', server: this.#url, skipTLSVerify: true }],
      users: [{ name: 'podsecrets', token: TOKEN }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'podsecrets' }],
      currentContext: 'fake',
    });
    return config;
  }

  /** The stored object, as GET would return it. */
  get(resource: string, name: string, namespace?: string): StoredObject | undefined {
    return this.#store.get(resource, name, namespace);
  }

  /** Stores an object directly, as another client would have created it. */
  put(resource: string, object: NewObject): void {
    this.#store.put(resource, object);
  }

  /** Stores a Secret as Flyte's secret service writes one: data values base64 of the bytes. */
  putSecret(namespace: string, name: string, data: Record<string, string | Uint8Array>, labels?: Record<string, string>): void {
    const encoded = Object.fromEntries(Object.entries(data).map(([key, value]) => [key, Buffer.from(value).toString('base64')]));
    this.put('secrets', { metadata: { name, namespace, ...(labels !== undefined ? { labels } : {}) }, type: 'Opaque', data: encoded });
  }

  /** The write requests (POST, PUT, DELETE) seen so far, as "METHOD path" (without the query). */
  writes(): string[] {
    return this.requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${withoutQuery(request.path)}`);
  }

  /** The requests of `method` under namespace `namespace`. */
  requestsTo(method: string, namespace: string): ReceivedRequest[] {
    return this.requests.filter((request) => request.method === method && request.path.startsWith(`/api/v1/namespaces/${namespace}/`));
  }

  async #answer(request: ReceivedRequest): Promise<KubeAnswer> {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const path = withoutQuery(request.path);
    this.beforeHandle?.(request.method, path);
    if (this.failWith !== undefined) return { code: this.failWith.code, body: kubeStatus(this.failWith.code, this.failWith.reason, `injected failure ${this.failWith.reason}`) };
    if (request.headers.authorization !== `Bearer ${TOKEN}`) return { code: 401, body: kubeStatus(401, 'Unauthorized', 'Unauthorized') };
    return this.#store.answer(request.method, path, request.body, new URLSearchParams(request.path.split('?')[1] ?? ''));
  }
}

function withoutQuery(path: string): string {
  return path.split('?')[0] ?? '';
}

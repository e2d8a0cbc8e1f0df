import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

interface StoredObject {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; resourceVersion: string; uid: string; creationTimestamp: string; [key: string]: unknown };
  immutable?: boolean;
  data?: unknown;
  [field: string]: unknown;
}

interface Route {
  readonly resource: string;
  readonly namespace?: string;
  readonly name?: string;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
}

// The collections podsecrets touches, with the segment that names them in a URL.
const PATTERNS: ReadonlyArray<{ resource: string; pattern: RegExp }> = [
  { resource: 'secrets', pattern: /^\/api\/v1\/namespaces\/([^/]+)\/secrets(?:\/([^/]+))?$/ },
  { resource: 'leases', pattern: /^\/apis\/coordination\.k8s\.io\/v1\/namespaces\/([^/]+)\/leases(?:\/([^/]+))?$/ },
  { resource: 'mutatingwebhookconfigurations', pattern: /^\/apis\/admissionregistration\.k8s\.io\/v1\/mutatingwebhookconfigurations(?:\/([^/]+))?$/ },
];

const KINDS: Record<string, string> = { secrets: 'Secret', leases: 'Lease', mutatingwebhookconfigurations: 'MutatingWebhookConfiguration' };

/**
 * An in-memory Kubernetes API server on loopback for the resources podsecrets writes: Secrets, Leases and
 * MutatingWebhookConfigurations. It answers as the real one does: metav1.Status errors (NotFound 404,
 * AlreadyExists 409, Conflict 409 on a stale resourceVersion, Invalid 422 on a change to an immutable
 * Secret), a cluster-wide resourceVersion counter, and unconditional updates when none is sent.
 */
export class FakeKubeApi {
  readonly requests: RecordedRequest[] = [];
  /** Milliseconds each request waits before it is handled: widens race windows in tests. */
  delayMs = 0;
  /** Called with each request before it is handled, e.g. to change an object behind the client's back. */
  beforeHandle: ((method: string, path: string) => void) | undefined;
  readonly #objects = new Map<string, StoredObject>();
  readonly #server: Server;
  #version = 100;
  #url = '';

  constructor() {
    this.#server = createServer((request, response) => void this.#handle(request, response));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.#url;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** A kubeconfig for this server, as an in-cluster process would load one. */
  kubeConfig(): KubeConfig {
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: [{ name: 'fake', server: this.#url, skipTLSVerify: true }],
      users: [{ name: 'podsecrets', token: 'fake-token' }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'podsecrets' }],
      currentContext: 'fake',
    });
    return config;
  }

  /** Writes a kubeconfig file for this server into `dir`; returns its path (for $KUBECONFIG). */
  writeKubeConfigFile(dir: string): string {
    const file = join(dir, 'kubeconfig');
    writeFileSync(file, this.kubeConfig().exportConfig());
    return file;
  }

  /** The stored object, as GET would return it. */
  get(resource: string, name: string, namespace?: string): StoredObject | undefined {
    const object = this.#objects.get(keyOf({ resource, name, ...(namespace !== undefined ? { namespace } : {}) }));
    return object === undefined ? undefined : structuredClone(object);
  }

  /** Stores an object directly, as another client would have created it. */
  put(resource: string, object: Record<string, unknown> & { metadata: { name: string; namespace?: string; [key: string]: unknown } }): void {
    const route: Route = { resource, name: object.metadata.name, ...(object.metadata.namespace !== undefined ? { namespace: object.metadata.namespace } : {}) };
    this.#objects.set(keyOf(route), this.#stamp(structuredClone(object) as unknown as StoredObject, route));
  }

  /** The write requests (POST, PUT, DELETE) seen so far, as "METHOD path". */
  writes(): string[] {
    return this.requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path}`);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const path = (request.url ?? '').split('?')[0] ?? '';
    const method = request.method ?? 'GET';
    this.requests.push({ method, path });
    this.beforeHandle?.(method, path);
    const route = routeOf(path);
    if (route === undefined) return send(response, 404, status(404, 'NotFound', `the server could not find the requested resource (${method} ${path})`));
    let body: StoredObject | undefined;
    if (chunks.length > 0) {
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as StoredObject;
      } catch (error) {
        return send(response, 400, status(400, 'BadRequest', `the body is not JSON: ${(error as Error).message}`));
      }
    }
    const existing = route.name === undefined ? undefined : this.#objects.get(keyOf(route));
    const what = `${route.resource} "${route.name ?? body?.metadata?.name ?? ''}"`;
    switch (method) {
      case 'GET':
        if (existing === undefined) return send(response, 404, status(404, 'NotFound', `${what} not found`, route));
        return send(response, 200, existing);
      case 'POST': {
        if (route.name !== undefined || body?.metadata?.name === undefined) return send(response, 400, status(400, 'BadRequest', 'POST needs a collection URL and metadata.name'));
        const target: Route = { ...route, name: body.metadata.name };
        if (body.metadata.namespace !== undefined && body.metadata.namespace !== route.namespace && route.namespace !== undefined) {
          return send(response, 400, status(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request'));
        }
        if (this.#objects.has(keyOf(target))) return send(response, 409, status(409, 'AlreadyExists', `${target.resource} "${target.name}" already exists`, target));
        const created = this.#stamp(body, target);
        this.#objects.set(keyOf(target), created);
        return send(response, 201, created);
      }
      case 'PUT': {
        if (body === undefined || route.name === undefined || body.metadata?.name !== route.name) return send(response, 400, status(400, 'BadRequest', 'the name of the object does not match the name on the URL'));
        if (existing === undefined) return send(response, 404, status(404, 'NotFound', `${what} not found`, route));
        const sent = body.metadata.resourceVersion;
        if (sent !== undefined && sent !== '' && sent !== existing.metadata.resourceVersion) {
          return send(response, 409, status(409, 'Conflict', `Operation cannot be fulfilled on ${what}: the object has been modified; please apply your changes to the latest version and try again`, route));
        }
        if (existing.immutable === true && JSON.stringify(existing.data) !== JSON.stringify(body.data)) {
          return send(response, 422, status(422, 'Invalid', `${KINDS[route.resource]} "${route.name}" is invalid: data: Forbidden: field is immutable when \`immutable\` is set`, route));
        }
        const updated = this.#stamp(body, route, existing);
        this.#objects.set(keyOf(route), updated);
        return send(response, 200, updated);
      }
      case 'DELETE':
        if (existing === undefined) return send(response, 404, status(404, 'NotFound', `${what} not found`, route));
        this.#objects.delete(keyOf(route));
        return send(response, 200, status(200, '', '', route, 'Success'));
      default:
        return send(response, 405, status(405, 'MethodNotAllowed', `${method} is not supported`));
    }
  }

  #stamp(object: StoredObject, route: Route, previous?: StoredObject): StoredObject {
    this.#version += 1;
    const metadata = {
      ...object.metadata,
      name: route.name as string,
      ...(route.namespace !== undefined ? { namespace: route.namespace } : {}),
      resourceVersion: String(this.#version),
      uid: previous?.metadata.uid ?? `uid-${this.#version}`,
      creationTimestamp: previous?.metadata.creationTimestamp ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    };
    return { ...object, apiVersion: object.apiVersion ?? apiVersionOf(route.resource), kind: KINDS[route.resource] ?? '', metadata };
  }
}

function apiVersionOf(resource: string): string {
  return resource === 'secrets' ? 'v1' : resource === 'leases' ? 'coordination.k8s.io/v1' : 'admissionregistration.k8s.io/v1';
}

function routeOf(path: string): Route | undefined {
  for (const { resource, pattern } of PATTERNS) {
    const match = pattern.exec(path);
    if (match === null) continue;
    if (resource === 'mutatingwebhookconfigurations') return { resource, ...(match[1] !== undefined ? { name: decodeURIComponent(match[1]) } : {}) };
    return { resource, namespace: decodeURIComponent(match[1] ?? ''), ...(match[2] !== undefined ? { name: decodeURIComponent(match[2]) } : {}) };
  }
  return undefined;
}

function keyOf(route: Route): string {
  return `${route.resource}/${route.namespace ?? ''}/${route.name ?? ''}`;
}

function status(code: number, reason: string, message: string, route?: Route, outcome = 'Failure'): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: outcome,
    message,
    reason,
    ...(route !== undefined ? { details: { name: route.name, kind: route.resource } } : {}),
    code,
  };
}

function send(response: ServerResponse, code: number, body: unknown): void {
  response.writeHead(code, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

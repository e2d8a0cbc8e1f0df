/** An object as the fake Kubernetes API server stores it. */
export interface StoredObject {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; resourceVersion: string; uid: string; creationTimestamp: string; labels?: Record<string, string>; [key: string]: unknown };
  immutable?: boolean;
  data?: Record<string, string>;
  [field: string]: unknown;
}

/** An object to store directly: the server fills in what it stamps (resourceVersion, uid, ...). */
export type NewObject = Record<string, unknown> & { metadata: { name: string; namespace?: string; [key: string]: unknown } };

/** What the API server answers: an HTTP status and a JSON body. */
export interface KubeAnswer {
  readonly code: number;
  readonly body: unknown;
}

interface Route {
  readonly resource: string;
  readonly namespace?: string;
  readonly name?: string;
}

// The collections podsecrets touches, with the segment that names them in a URL.
const PATTERNS: ReadonlyArray<{ resource: string; pattern: RegExp }> = [
  { resource: 'secrets', pattern: /^\/api\/v1\/namespaces\/([^/]+)\/secrets(?:\/([^/]+))?$/ },
  { resource: 'pods', pattern: /^\/api\/v1\/namespaces\/([^/]+)\/pods(?:\/([^/]+))?$/ },
  { resource: 'leases', pattern: /^\/apis\/coordination\.k8s\.io\/v1\/namespaces\/([^/]+)\/leases(?:\/([^/]+))?$/ },
  { resource: 'mutatingwebhookconfigurations', pattern: /^\/apis\/admissionregistration\.k8s\.io\/v1\/mutatingwebhookconfigurations(?:\/([^/]+))?$/ },
];

const KINDS: Record<string, string> = { secrets: 'Secret', pods: 'Pod', leases: 'Lease', mutatingwebhookconfigurations: 'MutatingWebhookConfiguration' };

/**
 * The objects of a fake Kubernetes API server (Secrets, Pods, Leases, MutatingWebhookConfigurations), lists of a collection by label, and the REST
 * verbs on them, answered as the real server does: metav1.Status errors (NotFound 404, AlreadyExists 409,
 * Conflict 409 on a stale resourceVersion, Invalid 422 on a change to an immutable Secret), a cluster-wide
 * resourceVersion counter, and unconditional updates when no resourceVersion is sent.
 */
export class KubeObjectStore {
  readonly #objects = new Map<string, StoredObject>();
  #version = 100;

  /** The stored object, as GET would return it. */
  get(resource: string, name: string, namespace?: string): StoredObject | undefined {
    const object = this.#objects.get(keyOf({ resource, name, ...(namespace !== undefined ? { namespace } : {}) }));
    return object === undefined ? undefined : structuredClone(object);
  }

  /** Stores an object directly, as another client would have created it. */
  put(resource: string, object: NewObject): void {
    const route: Route = { resource, name: object.metadata.name, ...(object.metadata.namespace !== undefined ? { namespace: object.metadata.namespace } : {}) };
    this.#objects.set(keyOf(route), this.#stamp(structuredClone(object) as unknown as StoredObject, route));
  }

  /**
   * Answers one request: `path` without its query, `text` the request body ('' for none), `query` the
   * query (a list honours `labelSelector` of the form `key=value[,key=value]`).
   */
  answer(method: string, path: string, text: string, query: URLSearchParams = new URLSearchParams()): KubeAnswer {
    const route = routeOf(path);
    if (route === undefined) return failure(404, 'NotFound', `the server could not find the requested resource (${method} ${path})`);
    let body: StoredObject | undefined;
    if (text !== '') {
      try {
        body = JSON.parse(text) as StoredObject;
      } catch (error) {
        return failure(400, 'BadRequest', `the body is not JSON: ${(error as Error).message}`);
      }
    }
    const existing = route.name === undefined ? undefined : this.#objects.get(keyOf(route));
    const what = `${route.resource} "${route.name ?? body?.metadata?.name ?? ''}"`;
    switch (method) {
      case 'GET':
        if (route.name === undefined) return { code: 200, body: this.#list(route, query.get('labelSelector') ?? '') };
        if (existing === undefined) return failure(404, 'NotFound', `${what} not found`, route);
        return { code: 200, body: existing };
      case 'POST': {
        if (route.name !== undefined || body?.metadata?.name === undefined) return failure(400, 'BadRequest', 'POST needs a collection URL and metadata.name');
        const target: Route = { ...route, name: body.metadata.name };
        if (body.metadata.namespace !== undefined && body.metadata.namespace !== route.namespace && route.namespace !== undefined) {
          return failure(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
        }
        if (this.#objects.has(keyOf(target))) return failure(409, 'AlreadyExists', `${target.resource} "${target.name}" already exists`, target);
        const created = this.#stamp(body, target);
        this.#objects.set(keyOf(target), created);
        return { code: 201, body: created };
      }
      case 'PUT': {
        if (body === undefined || route.name === undefined || body.metadata?.name !== route.name) return failure(400, 'BadRequest', 'the name of the object does not match the name on the URL');
        if (existing === undefined) return failure(404, 'NotFound', `${what} not found`, route);
        const sent = body.metadata.resourceVersion;
        if (sent !== undefined && sent !== '' && sent !== existing.metadata.resourceVersion) {
          return failure(409, 'Conflict', `Operation cannot be fulfilled on ${what}: the object has been modified; please apply your changes to the latest version and try again`, route);
        }
        if (existing.immutable === true && JSON.stringify(existing.data) !== JSON.stringify(body.data)) {
          return failure(422, 'Invalid', `${KINDS[route.resource]} "${route.name}" is invalid: data: Forbidden: field is immutable when \`immutable\` is set`, route);
        }
        const updated = this.#stamp(body, route, existing);
        this.#objects.set(keyOf(route), updated);
        return { code: 200, body: updated };
      }
      case 'DELETE': {
        if (existing === undefined) return failure(404, 'NotFound', `${what} not found`, route);
        const precondition = (body as { preconditions?: { resourceVersion?: string } } | undefined)?.preconditions?.resourceVersion;
        if (precondition !== undefined && precondition !== existing.metadata.resourceVersion) {
          return failure(
            409,
            'Conflict',
            `Operation cannot be fulfilled on ${what}: the ResourceVersion in the precondition (${precondition}) does not match the ResourceVersion in record (${existing.metadata.resourceVersion}). The object might have been modified`,
            route,
          );
        }
        this.#objects.delete(keyOf(route));
        return { code: 200, body: kubeStatus(200, '', '', route, 'Success') };
      }
      default:
        return failure(405, 'MethodNotAllowed', `${method} is not supported`);
    }
  }

  /** A List of the collection's objects that carry every label of `selector` (equality terms only). */
  #list(route: Route, selector: string): Record<string, unknown> {
    const terms = selector
      .split(',')
      .filter((term) => term !== '')
      .map((term) => term.split('=') as [string, string]);
    const prefix = keyOf({ ...route, name: '' });
    const items = [...this.#objects.entries()]
      .filter(([key, object]) => key.startsWith(prefix) && terms.every(([label, value]) => object.metadata.labels?.[label] === value))
      .map(([, object]) => structuredClone(object));
    return { apiVersion: apiVersionOf(route.resource), kind: `${KINDS[route.resource] ?? ''}List`, metadata: { resourceVersion: String(this.#version) }, items };
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

/** A metav1.Status body, as the API server sends with an error. */
export function kubeStatus(code: number, reason: string, message: string, route?: Route, outcome = 'Failure'): Record<string, unknown> {
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

function failure(code: number, reason: string, message: string, route?: Route): KubeAnswer {
  return { code, body: kubeStatus(code, reason, message, route) };
}

function apiVersionOf(resource: string): string {
  return resource === 'secrets' || resource === 'pods' ? 'v1' : resource === 'leases' ? 'coordination.k8s.io/v1' : 'admissionregistration.k8s.io/v1';
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

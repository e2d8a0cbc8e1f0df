import { LoopbackServer, sendJson } from './loopback-server.js';

/**
 * Vault's HTTP API on loopback: KV v1 and v2 reads (GET /v1/<mount>/<path>, /v1/<mount>/data/<path>)
 * checked against X-Vault-Token, and the Kubernetes auth login (POST /v1/auth/<mount>/login).
 */
export class FakeVault {
  readonly server: LoopbackServer;
  /** Secrets by path inside the mount, each a map of fields. */
  readonly secrets = new Map<string, Record<string, unknown>>();
  /** Tokens Vault accepts. */
  readonly tokens = new Set<string>(['s.static-token']);
  /** Service account JWT and role the Kubernetes login accepts. */
  readonly logins = new Map<string, string>([['sa-jwt', 'podsecrets']]);
  #issued = 0;

  constructor(
    readonly mount = 'secret',
    readonly kvVersion: '1' | '2' = '2',
  ) {
    this.server = new LoopbackServer((request, response) => {
      const loginPath = /^\/v1\/auth\/([^/]+)\/login$/.exec(request.path);
      if (request.method === 'POST' && loginPath !== null) {
        const body = JSON.parse(request.body) as { role?: string; jwt?: string };
        if (this.logins.get(body.jwt ?? '') !== body.role) return sendJson(response, 400, { errors: ['invalid role name or service account token'] });
        const token = `s.issued-${++this.#issued}`;
        this.tokens.add(token);
        return sendJson(response, 200, { auth: { client_token: token, policies: ['default'], lease_duration: 3600, renewable: true } });
      }
      if (!this.tokens.has(String(request.headers['x-vault-token'] ?? ''))) return sendJson(response, 403, { errors: ['permission denied'] });
      const prefix = this.kvVersion === '2' ? `/v1/${this.mount}/data/` : `/v1/${this.mount}/`;
      if (request.method !== 'GET' || !request.path.startsWith(prefix)) return sendJson(response, 404, { errors: [] });
      const path = request.path.slice(prefix.length).split('/').map(decodeURIComponent).join('/');
      const fields = this.secrets.get(path);
      if (fields === undefined) return sendJson(response, 404, { errors: [] });
      const data = this.kvVersion === '2' ? { data: fields, metadata: { created_time: '2026-01-01T00:00:00Z', version: 1, destroyed: false } } : fields;
      return sendJson(response, 200, { request_id: 'c1d2', lease_id: '', renewable: false, lease_duration: 0, data });
    });
  }

  /** Revokes every token (as a Vault restart with a new storage would). */
  revokeAll(): void {
    this.tokens.clear();
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}

import { LoopbackServer, sendJson } from './loopback-server.js';

const ACCESS_PATH = /^\/v1\/projects\/([^/]+)\/secrets\/([^/]+)\/versions\/([^/:]+):access(?:\?.*)?$/;

/**
 * GCP Secret Manager's REST API on loopback (the HTTP/1.1 surface the client's `fallback: 'rest'` mode
 * speaks): GET /v1/projects/<p>/secrets/<s>/versions/<v>:access, with Google's JSON error bodies.
 */
export class FakeGcpSecretManager {
  readonly server: LoopbackServer;
  /** Payload bytes by `projects/<p>/secrets/<s>`; undefined bytes for a version without payload. */
  readonly secrets = new Map<string, Uint8Array | undefined>();
  failWith: { code: number; status: string } | undefined;

  constructor(readonly apiKey = 'test-api-key') {
    this.server = new LoopbackServer((request, response) => {
      const error = (code: number, status: string, message: string): void => sendJson(response, code, { error: { code, message, status } });
      if (request.headers['x-goog-api-key'] !== this.apiKey) return error(401, 'UNAUTHENTICATED', 'Request is missing required authentication credential.');
      if (this.failWith !== undefined) return error(this.failWith.code, this.failWith.status, 'injected failure');
      const match = ACCESS_PATH.exec(request.path);
      if (request.method !== 'GET' || match === null) return error(404, 'NOT_FOUND', `no route ${request.method} ${request.path}`);
      const [, project, secret, version] = match;
      const name = `projects/${project}/secrets/${decodeURIComponent(secret ?? '')}`;
      if (!this.secrets.has(name)) return error(404, 'NOT_FOUND', `Secret [${name}] not found or has no versions.`);
      const data = this.secrets.get(name);
      sendJson(response, 200, { name: `${name}/versions/${version === 'latest' ? '3' : version}`, ...(data !== undefined ? { payload: { data: Buffer.from(data).toString('base64') } } : {}) });
    });
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}

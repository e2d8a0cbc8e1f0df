import { LoopbackServer, sendJson } from './loopback-server.js';

const SECRET_PATH = /^\/secrets\/([^/?]+)\/?([^/?]*)(?:\?(.*))?$/;

/**
 * Azure Key Vault's REST API for secrets on loopback: GET /secrets/<name>/<version>?api-version=…,
 * the 401 Bearer challenge (WWW-Authenticate) an unauthenticated request gets, and Key Vault's error bodies.
 */
export class FakeKeyVault {
  readonly server: LoopbackServer;
  readonly secrets = new Map<string, string>();
  failWith: { status: number; code: string } | undefined;

  constructor(readonly token = 'test-access-token') {
    this.server = new LoopbackServer((request, response) => {
      const error = (status: number, code: string, message: string): void => sendJson(response, status, { error: { code, message } });
      if (request.headers.authorization !== `Bearer ${this.token}`) {
        response.setHeader('WWW-Authenticate', 'Bearer authorization="https://login.microsoftonline.com/72f988bf-0000-0000-0000-000000000000", resource="https://vault.azure.net"');
        return error(401, 'Unauthorized', 'AKV10000: Request is missing a Bearer or PoP token.');
      }
      if (this.failWith !== undefined) return error(this.failWith.status, this.failWith.code, 'injected failure');
      const match = SECRET_PATH.exec(request.path);
      if (request.method !== 'GET' || match === null || !new URLSearchParams(match[3] ?? '').has('api-version')) return error(400, 'BadParameter', `no route ${request.method} ${request.path}`);
      const name = decodeURIComponent(match[1] ?? '');
      const value = this.secrets.get(name);
      if (value === undefined) return error(404, 'SecretNotFound', `A secret with (name/id) ${name} was not found in this key vault.`);
      sendJson(response, 200, {
        value,
        id: `${this.server.url}/secrets/${name}/4387e9f3d6e14c459867679a90fd0f79`,
        attributes: { enabled: true, created: 1493938410, updated: 1493938410, recoveryLevel: 'Recoverable+Purgeable' },
      });
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

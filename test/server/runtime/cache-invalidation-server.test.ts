import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { SecretCacheInvalidation, SecretScope } from '../../../core/index.js';
import { silentLogger } from '../../../core/logging/logger.js';
import { type CacheInvalidationServer, startCacheInvalidationServer } from '../../../server/runtime/cache-invalidation-server.js';

class RecordingCache implements SecretCacheInvalidation {
  readonly injectorType = 'Embedded';
  readonly scopes: SecretScope[] = [];
  invalidate(scope: SecretScope): void {
    this.scopes.push(scope);
  }
}

function tokenFile(token: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'podsecrets-token-')), 'token');
  writeFileSync(path, `${token}\n`);
  return path;
}

async function call(server: CacheInvalidationServer, method: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`http://127.0.0.1:${server.port}/invalidate-secret`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined ? { body } : {}),
  });
  return { status: response.status, json: await response.json() };
}

describe('startCacheInvalidationServer', () => {
  let cache: RecordingCache;
  let server: CacheInvalidationServer | undefined;

  beforeEach(() => {
    cache = new RecordingCache();
  });

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  describe('when listening on loopback without a token', () => {
    beforeEach(async () => {
      server = await startCacheInvalidationServer({ host: '127.0.0.1', port: 0, tokenFile: '', caches: [cache], logger: silentLogger });
    });

    it('should invalidate on POST {org, domain, project, name} and answer 200', async () => {
      const answer = await call(server!, 'POST', JSON.stringify({ org: 'acme', domain: 'development', project: 'flytesnacks', name: 'k' }));
      expect(answer).to.deep.equal({ status: 200, json: { status: 'ok' } });
      expect(cache.scopes).to.deep.equal([{ org: 'acme', domain: 'development', project: 'flytesnacks', name: 'k' }]);
    });

    it('should answer 400 when name is missing', async () => {
      const answer = await call(server!, 'POST', JSON.stringify({ org: 'acme' }));
      expect(answer).to.deep.equal({ status: 400, json: { error: 'name is required: the key of the secret to forget' } });
      expect(cache.scopes).to.deep.equal([]);
    });

    it('should answer 400 for a body that is not JSON', async () => {
      const answer = await call(server!, 'POST', '{"name": ');
      expect(answer).to.deep.equal({ status: 400, json: { error: 'the body is not valid JSON' } });
    });

    it('should answer 405 for another method', async () => {
      const answer = await call(server!, 'GET');
      expect(answer).to.deep.equal({ status: 405, json: { error: 'GET is not allowed on /invalidate-secret; use POST' } });
    });
  });

  describe('when asked to listen beyond loopback without a token', () => {
    it('should refuse to start, saying what to set', async () => {
      let error: Error | undefined;
      try {
        server = await startCacheInvalidationServer({ host: '0.0.0.0', port: 0, tokenFile: '', caches: [cache], logger: silentLogger });
      } catch (caught) {
        error = caught as Error;
      }
      expect(error?.message).to.equal(
        'server.cacheInvalidationHost "0.0.0.0" is reachable from the network, but server.cacheInvalidationTokenFile is empty; set a token file, listen on 127.0.0.1, or set webhook.cacheInvalidationPort to 0',
      );
    });
  });

  describe('when a token is configured', () => {
    const token = 'a-long-enough-invalidation-token';

    beforeEach(async () => {
      server = await startCacheInvalidationServer({ host: '127.0.0.1', port: 0, tokenFile: tokenFile(token), caches: [cache], logger: silentLogger });
    });

    it('should answer 401 without it or with another, and 200 with it', async () => {
      const body = JSON.stringify({ name: 'k' });
      expect((await call(server!, 'POST', body)).status).to.equal(401);
      expect((await call(server!, 'POST', body, { authorization: 'Bearer wrong-token-wrong-token' })).status).to.equal(401);
      expect((await call(server!, 'GET', undefined, {})).status).to.equal(401);
      expect((await call(server!, 'POST', body, { authorization: `Bearer ${token}` })).status).to.equal(200);
      expect(cache.scopes).to.deep.equal([{ org: '', domain: '', project: '', name: 'k' }]);
    });
  });
});

import { readFile } from 'node:fs/promises';
import { inject, injectable } from 'inversify';
import { type PlainSecretIdRule, requirePlainSecretId, SecretFetchError, SecretFetchErrorCode, type SecretFetcher } from '../../core/index.js';
import { VaultFetcherSettings } from './vault-fetcher-config.js';

/** Vault reads '/' (and, behind some proxies, '\\') as a path separator: a part holding one is a path. */
const VAULT_ID_RULE: PlainSecretIdRule = {
  backend: 'Vault',
  allows: (value) => !/[/\\]/u.test(value),
  accepts: "any text without '/', '\\' or control characters, other than '.' and '..'",
};

interface VaultToken {
  readonly token: string;
  /** Date.now() after which the token is renewed by logging in again; Infinity for a given token. */
  readonly renewAt: number;
}

/**
 * Embedded mode's HashiCorp Vault backend, over Vault's HTTP API with Node's fetch: the id is a path in
 * a KV mount (v2: GET /v1/<mount>/data/<id>, v1: GET /v1/<mount>/<id>), the value the secret's
 * `field`. Authenticates with Kubernetes auth (the pod's service account token, re-login before the
 * lease ends or on 403) or with a token (`tokenFile`, else $VAULT_TOKEN).
 */
@injectable()
export class VaultSecretFetcher implements SecretFetcher {
  readonly type = 'Vault';
  readonly #config: VaultFetcherSettings;
  #token: Promise<VaultToken> | undefined;

  constructor(@inject(VaultFetcherSettings) settings: VaultFetcherSettings) {
    this.#config = settings;
  }

  async fetch(id: string, signal: AbortSignal): Promise<string> {
    requirePlainSecretId(id, VAULT_ID_RULE);
    this.#requireInsideMount(id);
    let response = await this.#read(id, await this.#currentToken(id, signal), signal);
    if (response.status === 403 && this.#config.authMethod === 'kubernetes') {
      this.#token = undefined;
      response = await this.#read(id, await this.#currentToken(id, signal), signal);
    }
    if (response.status === 404) throw new SecretFetchError(SecretFetchErrorCode.SecretNotFound, id, `Vault has no secret at ${this.#path(id)}`);
    if (!response.ok) throw new SecretFetchError(SecretFetchErrorCode.SecretReadFailure, id, `Vault answered ${response.status} for ${this.#path(id)}${await vaultErrors(response)}`);
    const body = (await response.json()) as { data?: { data?: Record<string, unknown> } & Record<string, unknown> };
    const data = this.#config.kvVersion === '2' ? body.data?.data : body.data;
    const value = data?.[this.#config.field];
    if (typeof value !== 'string' || value === '') {
      throw new SecretFetchError(SecretFetchErrorCode.SecretNil, id, `the Vault secret at ${this.#path(id)} has no text field "${this.#config.field}" (vaultConfig.field)`);
    }
    return value;
  }

  /** Where the mount's secrets live: `/v1/<mount>/data/` (KV v2) or `/v1/<mount>/` (KV v1). */
  #prefix(): string {
    return this.#config.kvVersion === '2' ? `/v1/${this.#config.mount}/data/` : `/v1/${this.#config.mount}/`;
  }

  /** The id as one path segment: it holds no '/' (requirePlainSecretId), and '%', '?' and '#' are escaped. */
  #path(id: string): string {
    return `${this.#prefix()}${encodeURIComponent(id)}`;
  }

  /**
   * The URL fetch will request, as a URL parser resolves it, is the mount's prefix and one segment:
   * checked, not assumed, so no change to the id rule or the encoding can make a read leave the mount.
   */
  #requireInsideMount(id: string): void {
    const prefix = new URL(`http://vault${this.#prefix()}`).pathname;
    const resolved = new URL(`http://vault${this.#path(id)}`).pathname;
    const rest = resolved.startsWith(prefix) ? resolved.slice(prefix.length) : undefined;
    if (rest === undefined || rest === '' || rest.includes('/') || rest === '.' || rest === '..') {
      throw new SecretFetchError(SecretFetchErrorCode.InvalidSecretId, id, `refused before any call to Vault: its path ${resolved} would not be one secret under ${prefix}`);
    }
  }

  #address(): string {
    const address = this.#config.address !== '' ? this.#config.address : (process.env['VAULT_ADDR'] ?? '');
    if (address === '') throw new Error('no Vault address: set webhook.embeddedSecretManagerConfig.vaultConfig.address or $VAULT_ADDR');
    return address.replace(/\/+$/, '');
  }

  #headers(token?: string): Record<string, string> {
    return { ...(token !== undefined ? { 'X-Vault-Token': token } : {}), ...(this.#config.namespace !== '' ? { 'X-Vault-Namespace': this.#config.namespace } : {}) };
  }

  async #read(id: string, token: string, signal: AbortSignal): Promise<Response> {
    try {
      return await fetch(`${this.#address()}${this.#path(id)}`, { headers: this.#headers(token), signal });
    } catch (error) {
      throw new SecretFetchError(SecretFetchErrorCode.SecretReadFailure, id, `cannot reach Vault: ${causeOf(error)}`, { cause: error });
    }
  }

  async #currentToken(id: string, signal: AbortSignal): Promise<string> {
    const current = this.#token;
    if (current !== undefined) {
      const token = await current.catch(() => undefined);
      if (token !== undefined && Date.now() < token.renewAt) return token.token;
    }
    // Concurrent fetches share one login.
    const next = this.#login(id, signal);
    this.#token = next;
    next.catch(() => {
      if (this.#token === next) this.#token = undefined;
    });
    return (await next).token;
  }

  async #login(id: string, signal: AbortSignal): Promise<VaultToken> {
    if (this.#config.authMethod === 'token') {
      const token = this.#config.tokenFile !== '' ? (await readFile(this.#config.tokenFile, 'utf8')).trim() : (process.env['VAULT_TOKEN'] ?? '');
      if (token === '') throw new SecretFetchError(SecretFetchErrorCode.SecretReadFailure, id, 'no Vault token: set vaultConfig.tokenFile or $VAULT_TOKEN, or use authMethod kubernetes');
      return { token, renewAt: Number.POSITIVE_INFINITY };
    }
    const where = `Vault Kubernetes login (auth/${this.#config.authMount}, role "${this.#config.role}")`;
    let response: Response;
    try {
      const jwt = (await readFile(this.#config.jwtFile, 'utf8')).trim();
      response = await fetch(`${this.#address()}/v1/auth/${this.#config.authMount}/login`, {
        method: 'POST',
        headers: { ...this.#headers(), 'content-type': 'application/json' },
        body: JSON.stringify({ role: this.#config.role, jwt }),
        signal,
      });
    } catch (error) {
      throw new SecretFetchError(SecretFetchErrorCode.SecretReadFailure, id, `${where} failed: ${causeOf(error)}`, { cause: error });
    }
    if (!response.ok) throw new SecretFetchError(SecretFetchErrorCode.SecretReadFailure, id, `${where} answered ${response.status}${await vaultErrors(response)}`);
    const body = (await response.json()) as { auth?: { client_token?: string; lease_duration?: number } };
    const token = body.auth?.client_token;
    if (token === undefined || token === '') throw new SecretFetchError(SecretFetchErrorCode.SecretReadFailure, id, `${where} returned no client_token`);
    const lease = body.auth?.lease_duration ?? 0;
    return { token, renewAt: lease > 0 ? Date.now() + lease * 900 : Number.POSITIVE_INFINITY };
  }
}

/** Vault's `errors` list (e.g. ": permission denied"); Vault never puts secret data there. */
async function vaultErrors(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { errors?: unknown };
    return Array.isArray(body.errors) && body.errors.length > 0 ? `: ${body.errors.map(String).join('; ')}` : '';
  } catch {
    return '';
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : '';
  return `${error instanceof Error ? error.message : String(error)}${detail !== '' ? ` (${detail})` : ''}`;
}

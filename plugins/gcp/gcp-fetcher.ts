import type { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import { inject, injectable } from 'inversify';
import { type PlainSecretIdRule, requirePlainSecretId, SecretFetchError, SecretFetchErrorCode, type SecretFetcher } from '../../core/index.js';
import { GcpFetcherSettings } from './gcp-fetcher-config.js';

/**
 * Client options laid over the configured ones (e.g. `{ protocol: 'http', port, apiKey }` to reach a
 * test server); none by default, so the client uses Application Default Credentials (Workload Identity).
 */
export const GcpFetcherClientOptions = Symbol.for('podsecrets.gcp.GcpFetcherClientOptions');
export type GcpFetcherClientOptions = Readonly<Record<string, unknown>>;

/** A Secret Manager secret id's characters: the id is one segment of a resource name, so no '/'. */
const GCP_ID_RULE: PlainSecretIdRule = {
  backend: 'GCP Secret Manager',
  allows: (value) => /^[A-Za-z0-9_-]*$/u.test(value),
  accepts: "letters, digits, '_' and '-' (a secret id)",
};

/** gRPC's NOT_FOUND. */
const NOT_FOUND = 5;
// The generated client does not expose the cancel handle of a call, so an aborted signal cannot stop it;
// the caller stops waiting at its own bound and the abandoned call ends at this limit.
const CALL_TIMEOUT_MS = 10_000;

/**
 * Embedded mode's GCP Secret Manager backend, as Flyte's GCPSecretFetcher: AccessSecretVersion of
 * `projects/<gcpConfig.project>/secrets/<id>/versions/latest`, over HTTP/1.1 REST (`fallback: 'rest'`,
 * no gRPC channel to keep alive).
 */
@injectable()
export class GcpSecretFetcher implements SecretFetcher {
  readonly type = 'GCP';
  readonly #config: GcpFetcherSettings;
  readonly #clientOptions: GcpFetcherClientOptions;
  // The SDK loads on the first fetch: a webhook that never uses GCP does not pay its start-up time and memory.
  #client: Promise<SecretManagerServiceClient> | undefined;

  constructor(@inject(GcpFetcherSettings) settings: GcpFetcherSettings, @inject(GcpFetcherClientOptions) clientOptions: GcpFetcherClientOptions) {
    this.#config = settings;
    this.#clientOptions = clientOptions;
  }

  async fetch(id: string, signal: AbortSignal): Promise<Uint8Array> {
    requirePlainSecretId(id, GCP_ID_RULE);
    if (this.#config.project === '') {
      throw new SecretFetchError(SecretFetchErrorCode.SecretReadFailure, id, 'webhook.embeddedSecretManagerConfig.gcpConfig.project is empty; set the GCP project that holds the secrets');
    }
    const name = `projects/${this.#config.project}/secrets/${id}/versions/latest`;
    this.#client ??= import('@google-cloud/secret-manager').then(
      ({ SecretManagerServiceClient: Client }) =>
        new Client({
          fallback: 'rest',
          // Known already: without it the client asks the metadata server for a project id before each
          // first call, which off GCE waits out that server's retries (seconds) inside the fetch timeout.
          projectId: this.#config.project,
          ...(this.#config.apiEndpoint !== '' ? { apiEndpoint: this.#config.apiEndpoint } : {}),
          ...this.#clientOptions,
        } as ConstructorParameters<typeof SecretManagerServiceClient>[0]),
    );
    const client = await this.#client;
    if (signal.aborted) throw new SecretFetchError(SecretFetchErrorCode.SecretReadFailure, id, 'aborted before the call');
    let data: Uint8Array | string | null | undefined;
    try {
      const [version] = await client.accessSecretVersion({ name }, { timeout: CALL_TIMEOUT_MS });
      data = version.payload?.data;
    } catch (error) {
      const message = googleMessage(error);
      if (isNotFound(error)) throw new SecretFetchError(SecretFetchErrorCode.SecretNotFound, id, `Secret Manager has no ${name} (${message})`, { cause: error });
      throw new SecretFetchError(SecretFetchErrorCode.SecretReadFailure, id, `Secret Manager AccessSecretVersion of ${name} failed: ${message}`, { cause: error });
    }
    if (data === null || data === undefined || data.length === 0) throw new SecretFetchError(SecretFetchErrorCode.SecretNil, id, `${name} has no payload`);
    return typeof data === 'string' ? Buffer.from(data, 'base64') : data;
  }
}

// In REST mode an HTTP error surfaces either decoded by gax (gRPC code 5) or straight from the auth
// client's HTTP layer (gaxios: the HTTP status, and Google's JSON error body as the message).
function isNotFound(error: unknown): boolean {
  const { code, status, response } = error as { code?: unknown; status?: unknown; response?: { status?: unknown } };
  return code === NOT_FOUND || code === 404 || status === 404 || response?.status === 404;
}

/** Google's error message, from a JSON error body when that is what the message holds. */
function googleMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  try {
    const body = JSON.parse(message) as { error?: { status?: unknown; message?: unknown } };
    if (typeof body.error?.message === 'string') return `${String(body.error.status ?? '')}: ${body.error.message}`;
  } catch {
    // not JSON: the message as it is
  }
  return message;
}

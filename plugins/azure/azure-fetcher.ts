import type { TokenCredential } from '@azure/identity';
import type { SecretClient } from '@azure/keyvault-secrets';
import { inject, injectable } from 'inversify';
import { parseScopedSecretId, type PlainSecretIdRule, requirePlainSecretId, SecretFetchError, SecretFetchErrorCode, type SecretFetcher, type SecretValue } from '../../core/index.js';
import { AzureFetcherSettings } from './azure-fetcher-config.js';

/**
 * Makes the credential the client authenticates with: DefaultAzureCredential (Workload Identity,
 * managed identity, environment) unless a program or test binds another.
 */
export const AzureFetcherCredential = Symbol.for('podsecrets.azure.AzureFetcherCredential');
export type AzureFetcherCredential = () => TokenCredential | Promise<TokenCredential>;

/** Extra SecretClient options (e.g. `allowInsecureConnection` for a test server); none by default. */
export const AzureFetcherClientOptions = Symbol.for('podsecrets.azure.AzureFetcherClientOptions');
export type AzureFetcherClientOptions = Readonly<Record<string, unknown>>;

/** Scope parts go into the Key Vault name as they are (letters, digits, '-'); the key is base32, so any key fits. */
const AZURE_ID_RULE: PlainSecretIdRule = {
  backend: 'Azure Key Vault',
  allows: (value, part) => part === 'key' || /^[A-Za-z0-9-]*$/u.test(value),
  accepts: "letters, digits and '-' in org, domain and project (a Key Vault name), and any key",
};
const MAX_NAME_LENGTH = 127;

/** RFC 4648 base32, standard alphabet, no padding (Go's base32.StdEncoding.WithPadding(NoPadding)). */
function base32(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

/** Flyte's escaping of a scope part in a Key Vault name: "0" -> "00", then "-" -> "01". */
function escapePart(part: string): string {
  return part.replaceAll('0', '00').replaceAll('-', '01');
}

/** Flyte's `EncodeAzureSecretName`: Key Vault names allow only letters, digits and '-'. */
export function azureSecretName(id: string): string {
  const parts = parseScopedSecretId(id);
  if (parts === undefined) throw new Error(`"${id}" is not a u__org__…__key__… secret id`);
  const { org, domain, project, key } = parts;
  return `1-${escapePart(org)}-${escapePart(domain)}-${escapePart(project)}-${base32(new TextEncoder().encode(key))}`;
}

/**
 * Embedded mode's Azure Key Vault backend, as Flyte's AzureSecretFetcher: GetSecret of
 * azureSecretName(id) (latest version) from `azureConfig.vaultURI`; the value is Flyte's JSON envelope
 * `{"type":"STRING"|"BINARY","value":…}` (BINARY base64), a plain value if it is not one.
 */
@injectable()
export class AzureSecretFetcher implements SecretFetcher {
  readonly type = 'Azure';
  readonly #config: AzureFetcherSettings;
  readonly #credential: AzureFetcherCredential;
  readonly #clientOptions: AzureFetcherClientOptions;
  // The SDK loads on the first fetch: a webhook that never uses Azure does not pay its start-up time and memory.
  #client: Promise<SecretClient> | undefined;

  constructor(
    @inject(AzureFetcherSettings) settings: AzureFetcherSettings,
    @inject(AzureFetcherCredential) credential: AzureFetcherCredential,
    @inject(AzureFetcherClientOptions) clientOptions: AzureFetcherClientOptions,
  ) {
    this.#config = settings;
    this.#credential = credential;
    this.#clientOptions = clientOptions;
  }

  async fetch(id: string, signal: AbortSignal): Promise<SecretValue> {
    requirePlainSecretId(id, AZURE_ID_RULE);
    if (this.#config.vaultURI === '') {
      throw new SecretFetchError(
        SecretFetchErrorCode.SecretReadFailure,
        id,
        'webhook.embeddedSecretManagerConfig.azureConfig.vaultURI is empty; set the Key Vault URI, e.g. https://myvault.vault.azure.net/',
      );
    }
    const name = azureSecretName(id);
    if (name.length > MAX_NAME_LENGTH) {
      throw new SecretFetchError(
        SecretFetchErrorCode.SecretNotFound,
        id,
        `its Key Vault name would be ${name.length} characters, more than the ${MAX_NAME_LENGTH} Key Vault allows, so no such secret can exist`,
      );
    }
    this.#client ??= Promise.all([import('@azure/keyvault-secrets'), this.#credential()]).then(
      ([{ SecretClient: Client }, credential]) => new Client(this.#config.vaultURI, credential, { retryOptions: { maxRetries: 1 }, ...this.#clientOptions }),
    );
    const client = await this.#client;
    let value: string | undefined;
    try {
      value = (await client.getSecret(name, { abortSignal: signal })).value;
    } catch (error) {
      const status = (error as { statusCode?: unknown }).statusCode;
      const message = error instanceof Error ? error.message : String(error);
      if (status === 404) throw new SecretFetchError(SecretFetchErrorCode.SecretNotFound, id, `Key Vault has no secret "${name}"`, { cause: error });
      throw new SecretFetchError(SecretFetchErrorCode.SecretReadFailure, id, `Key Vault GetSecret "${name}" failed${typeof status === 'number' ? ` (${status})` : ''}: ${message}`, { cause: error });
    }
    if (value === undefined || value === '') throw new SecretFetchError(SecretFetchErrorCode.SecretNil, id, `Key Vault secret "${name}" has no value`);
    return unwrapEnvelope(value);
  }
}

function unwrapEnvelope(value: string): SecretValue {
  let envelope: { type?: unknown; value?: unknown };
  try {
    envelope = JSON.parse(value) as { type?: unknown; value?: unknown };
  } catch {
    return value;
  }
  if (envelope === null || typeof envelope !== 'object' || typeof envelope.value !== 'string') return value;
  if (envelope.type === 'BINARY') return Buffer.from(envelope.value, 'base64');
  if (envelope.type === 'STRING') return envelope.value;
  return value;
}

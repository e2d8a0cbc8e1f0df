import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

type AwsSdk = typeof import('@aws-sdk/client-secrets-manager');
import { inject, injectable } from 'inversify';
import { type PlainSecretIdRule, requirePlainSecretId, SecretFetchError, SecretFetchErrorCode, type SecretFetcher, type SecretValue } from '../../core/index.js';
import { AwsFetcherSettings } from './aws-fetcher-config.js';

/** A Secrets Manager name's characters; '/' is part of a flat name there, not a path. */
const AWS_ID_RULE: PlainSecretIdRule = {
  backend: 'AWS Secrets Manager',
  allows: (value) => /^[A-Za-z0-9/_+=.@-]*$/u.test(value),
  accepts: "letters, digits and / _ + = . @ - (a secret name), without '.' or '..' between slashes",
};

/**
 * Embedded mode's AWS Secrets Manager backend, as Flyte's AWSSecretFetcher: GetSecretValue of the id
 * at stage AWSCURRENT, SecretString first, else SecretBinary. Credentials and, when not configured,
 * region come from the SDK's standard chain (environment, IRSA/Pod Identity, shared files, IMDS).
 */
@injectable()
export class AwsSecretFetcher implements SecretFetcher {
  readonly type = 'AWS';
  readonly #config: AwsFetcherSettings;
  // The SDK loads on the first fetch: a webhook that never uses AWS does not pay its start-up time and memory.
  #connection: Promise<{ readonly sdk: AwsSdk; readonly client: SecretsManagerClient }> | undefined;

  constructor(@inject(AwsFetcherSettings) settings: AwsFetcherSettings) {
    this.#config = settings;
  }

  async fetch(id: string, signal: AbortSignal): Promise<SecretValue> {
    requirePlainSecretId(id, AWS_ID_RULE);
    this.#connection ??= import('@aws-sdk/client-secrets-manager').then((sdk) => ({
      sdk,
      client: new sdk.SecretsManagerClient({
        ...(this.#config.region !== '' ? { region: this.#config.region } : {}),
        ...(this.#config.endpoint !== '' ? { endpoint: this.#config.endpoint } : {}),
      }),
    }));
    const { sdk, client } = await this.#connection;
    let output;
    try {
      output = await client.send(new sdk.GetSecretValueCommand({ SecretId: id, VersionStage: 'AWSCURRENT' }), { abortSignal: signal });
    } catch (error) {
      const name = (error as { name?: unknown }).name;
      const message = error instanceof Error ? error.message : String(error);
      if (name === 'ResourceNotFoundException') throw new SecretFetchError(SecretFetchErrorCode.SecretNotFound, id, `Secrets Manager has no such secret (${message})`, { cause: error });
      throw new SecretFetchError(SecretFetchErrorCode.SecretReadFailure, id, `Secrets Manager GetSecretValue failed: ${String(name)}: ${message}`, { cause: error });
    }
    if (output.SecretString !== undefined && output.SecretString !== '') return output.SecretString;
    if (output.SecretBinary !== undefined && output.SecretBinary.byteLength > 0) return output.SecretBinary;
    throw new SecretFetchError(SecretFetchErrorCode.SecretNil, id, 'Secrets Manager returned neither SecretString nor SecretBinary');
  }
}

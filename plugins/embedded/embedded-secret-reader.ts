import { inject, injectable, multiInject, optional } from 'inversify';
import {
  type BackendCall,
  BackendTelemetry,
  isUnambiguousScopePart,
  KeyedRegistry,
  type SecretCacheInvalidation,
  SecretFetchError,
  SecretFetchErrorCode,
  SecretFetcher,
  type SecretScope,
  type SecretValue,
} from '../../core/index.js';
import { EmbeddedClock } from './embedded-clock.js';
import { EMBEDDED_INJECTOR_TYPE } from './embedded-type.js';
import { EmbeddedSettings } from './embedded-config.js';
import { raceAbort } from './race-abort.js';
import { scopedSecretIds, type SecretOwner } from './secret-id.js';
import { MappedCacheOptions } from './flyte-cache-section.js';
import { SecretValueCache } from './secret-value-cache.js';

/** A value found by {@link EmbeddedSecretReader.find}. */
export interface FoundSecret {
  /** The scope id the value was found under. */
  readonly id: string;
  readonly value: SecretValue;
  /** Above 0 when the backend failed and an expired value was used (`cache.serveStaleOnError`). */
  readonly staleMs: number;
}

/** No scope holds the key (Flyte's SecretNotFoundAcrossAllScopes). */
export class SecretNotFoundAcrossAllScopesError extends Error {
  override readonly name = 'SecretNotFoundAcrossAllScopesError';
  readonly code = 'SecretNotFoundAcrossAllScopes';
}

/**
 * Embedded mode's read path, also a library API: the configured {@link SecretFetcher} behind the value
 * cache, asked for a key at the project, then domain, then organization scope. Only "not found" moves
 * on to the next scope; any other failure stops the lookup, since a wider scope's value must not stand
 * in for a narrower one the backend merely failed to return.
 */
@injectable()
export class EmbeddedSecretReader implements SecretCacheInvalidation {
  readonly injectorType = EMBEDDED_INJECTOR_TYPE;
  readonly #fetcher: SecretFetcher;
  readonly #cache: SecretValueCache;
  readonly #config: EmbeddedSettings;
  readonly #telemetry: BackendTelemetry;

  constructor(
    @inject(EmbeddedSettings) settings: EmbeddedSettings,
    @multiInject(SecretFetcher) @optional() fetchers: SecretFetcher[] | undefined,
    @inject(EmbeddedClock) clock: EmbeddedClock,
    @inject(BackendTelemetry) telemetry: BackendTelemetry,
    @inject(MappedCacheOptions) mapped: MappedCacheOptions,
  ) {
    this.#telemetry = telemetry;
    this.#config = settings;
    this.#fetcher = new KeyedRegistry({ entry: 'secret fetcher', type: 'secret fetcher' }, fetchers ?? []).get(this.#config.type, 'webhook.embeddedSecretManagerConfig.type');
    const { notFoundTtl, maxEntries, serveStaleOnError, maxStale } = settings.cache;
    this.#cache = new SecretValueCache({ ...mapped, notFoundTtlMs: notFoundTtl, maxEntries, serveStaleOnError, maxStaleMs: maxStale, now: clock });
  }

  /** The backend values come from, e.g. `K8s`. */
  get fetcherType(): string {
    return this.#fetcher.type;
  }

  /** The cache's size, for metrics and tests. */
  get cacheSize(): { readonly entries: number; readonly bytes: number } {
    return this.#cache.size;
  }

  /**
   * The value of `key` for a pod of `owner`, from the narrowest scope that has it. Rejects with a
   * {@link SecretFetchError} (SecretReadFailure, SecretNil) or a {@link SecretNotFoundAcrossAllScopesError};
   * each message names the scope and the key.
   */
  async find(owner: SecretOwner, key: string, signal: AbortSignal): Promise<FoundSecret> {
    const ids = scopedSecretIds(owner, key);
    // A signal of this lookup's own: callers may share one signal among many lookups (the CLI's never
    // aborts), and waiting on it directly would pile listeners onto it.
    const waitSignal = AbortSignal.any([signal]);
    for (const id of ids) {
      // A lookup that waits on another admission's call for the same id counts as a hit: it cost no call.
      let loaded = false;
      const load = (loadSignal: AbortSignal): Promise<SecretValue> => {
        loaded = true;
        return this.#fetch(id, loadSignal);
      };
      try {
        const cached = await this.#cache.get(id, load, () => AbortSignal.timeout(this.#config.fetchTimeout), waitSignal);
        return { id, value: cached.value, staleMs: cached.staleMs };
      } catch (error) {
        if (SecretFetchError.isNotFound(error)) continue;
        throw error;
      } finally {
        this.#telemetry.cacheLookup(this.#fetcher.type, !loaded);
      }
    }
    throw new SecretNotFoundAcrossAllScopesError(
      `[SecretNotFoundAcrossAllScopes] secret not found across all scopes: key "${key}" is in none of project "${owner.project}", domain "${owner.domain}", org "${owner.org}" of the ${this.#fetcher.type} backend`,
    );
  }

  invalidate(scope: SecretScope): void {
    // No lookup can have cached a scope whose id would be ambiguous: it is refused before any call.
    if (![scope.org, scope.domain, scope.project].every(isUnambiguousScopePart)) return;
    for (const id of scopedSecretIds({ org: scope.org, domain: scope.domain, project: scope.project }, scope.name)) this.#cache.delete(id);
  }

  async #fetch(id: string, signal: AbortSignal): Promise<SecretValue> {
    const timedOut = (): SecretFetchError =>
      new SecretFetchError(
        SecretFetchErrorCode.SecretReadFailure,
        id,
        `${this.#fetcher.type} did not answer within ${this.#config.fetchTimeout} ms (webhook.embeddedSecretManagerConfig.fetchTimeout)`,
      );
    const started = process.hrtime.bigint();
    const report = (outcome: BackendCall['outcome']): void =>
      this.#telemetry.backendCall({ backend: this.#fetcher.type, operation: 'fetch-secret', outcome, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
    try {
      const value = await raceAbort(this.#fetcher.fetch(id, signal), signal, timedOut);
      report('ok');
      return value;
    } catch (error) {
      if (signal.aborted) {
        report('timeout');
        throw timedOut();
      }
      report(SecretFetchError.isNotFound(error) ? 'not-found' : 'error');
      if (error instanceof SecretFetchError) throw error;
      // A fetcher's own bug or an SDK error it did not map: a failure, never "not found".
      throw new SecretFetchError(SecretFetchErrorCode.SecretReadFailure, id, `${this.#fetcher.type} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
}

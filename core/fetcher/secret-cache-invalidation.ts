/** The secret a cache invalidation names: Flyte's `{org, domain, project, name}` body. */
export interface SecretScope {
  readonly org: string;
  readonly domain: string;
  readonly project: string;
  /** The secret's key (Flyte calls it name here). */
  readonly name: string;
}

/**
 * The extension point behind `POST /invalidate-secret` (Flyte v2's cache invalidation server): a plugin
 * that caches secret values contributes one with `bind(SecretCacheInvalidation).toService(MyCache)`,
 * and the server calls every contribution when the secret service reports a change.
 */
export const SecretCacheInvalidation = Symbol.for('podsecrets.SecretCacheInvalidation');

export interface SecretCacheInvalidation {
  /**
   * The {@link SecretInjector.type} whose values this cache holds: the server listens for
   * invalidations only when that injector is enabled, so no port opens for a backend not in use.
   */
  readonly injectorType: string;
  /** Forgets what is cached for `scope` at every scope it could have been found at. Must not throw. */
  invalidate(scope: SecretScope): void;
}

/**
 * The extension point for Embedded mode's value sources: one {@link SecretFetcher} per backend that
 * can hand podsecrets a secret's value itself (Kubernetes Secrets, AWS Secrets Manager, Vault, GCP
 * Secret Manager, Azure Key Vault), contributed by the backend's plugin module with
 * `bind(SecretFetcher).toService(MyFetcher)`.
 *
 * The Embedded injector selects one by `webhook.embeddedSecretManagerConfig.type` (any case) and asks
 * it for scoped ids, narrowest scope first, falling through to the next scope only on
 * {@link SecretFetchErrorCode.SecretNotFound}.
 */
export const SecretFetcher = Symbol.for('podsecrets.SecretFetcher');

/**
 * A secret's value as the backend holds it: text when the backend stores text, bytes otherwise.
 * Callers that need text check the bytes are UTF-8 themselves.
 */
export type SecretValue = string | Uint8Array;

/** A backend that resolves a secret id to its value. See {@link SecretFetcher} (the token). */
export interface SecretFetcher {
  /** The name `embeddedSecretManagerConfig.type` selects, compared without regard to case, e.g. `K8s`. */
  readonly type: string;

  /**
   * The value stored under `id` (Flyte's `u__org__…__key__…` form), or a rejection with a
   * {@link SecretFetchError}:
   * - code `SecretNotFound` when the backend answered that there is no such secret: the caller then
   *   tries the next scope, so this code must never stand for an outage;
   * - code `SecretNil` when the secret exists but holds nothing;
   * - code `SecretReadFailure` for every other failure (unreachable, refused, timed out, aborted).
   *
   * Must stop and reject soon after `signal` aborts: every call is bounded by the caller's timeout,
   * itself shorter than the admission's deadline. Messages name the id and the backend's reason,
   * never a value.
   */
  fetch(id: string, signal: AbortSignal): Promise<SecretValue>;
}

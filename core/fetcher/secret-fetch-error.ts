/** Why a {@link SecretFetcher} could not give a value: Flyte's error codes, spelled as Flyte spells them. */
export const SecretFetchErrorCode = {
  /** The backend says there is no secret under this id: the only code that falls through to a wider scope. */
  SecretNotFound: 'SecretNotFound',
  /** The backend failed, refused, or did not answer in time. */
  SecretReadFailure: 'SecretReadFailure',
  /** The secret exists but holds no value. */
  SecretNil: 'SecretNil',
  /**
   * The id is not one the backend can be asked for without it naming something else: a key or scope
   * part that is not a plain name there (a path, '..', a control character). Refused before any call.
   */
  InvalidSecretId: 'InvalidSecretId',
} as const;

export type SecretFetchErrorCode = (typeof SecretFetchErrorCode)[keyof typeof SecretFetchErrorCode];

/**
 * A {@link SecretFetcher}'s typed failure. The message is Flyte's `[<Code>] <message>` form and names
 * the id (hence scope and key) and the backend's reason; it never contains a value.
 */
export class SecretFetchError extends Error {
  override readonly name = 'SecretFetchError';

  constructor(
    readonly code: SecretFetchErrorCode,
    /** The secret id that was asked for. */
    readonly id: string,
    /** The reason alone, without code and id. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`[${code}] secret "${id}": ${detail}`, options);
  }

  /** Whether `error` says the secret does not exist (and nothing else went wrong). */
  static isNotFound(error: unknown): boolean {
    return error instanceof SecretFetchError && error.code === SecretFetchErrorCode.SecretNotFound;
  }
}

/**
 * Why a backend could not inject one secret. Plugins throw it from {@link SecretInjector.inject};
 * the mutator records it, tries the next enabled backend, and names it in the denial if none succeeds.
 * The message must say what is wrong and what would be accepted, and must never contain a secret value.
 */
export class InjectionError extends Error {
  override readonly name = 'InjectionError';

  constructor(
    /** A stable, machine-readable reason, e.g. `InvalidRequest` or one of {@link InjectionErrorCode}. */
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    // An InjectionError is an answer, not a bug: the mutator keeps its code and message and moves on
    // to the next backend. Every secret the Global backend does not hold throws one, and recording
    // the call stack for it cost more than injecting the secret.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(message, options);
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
  }
}

/** The codes core and the bundled plugins use; plugins may add their own. */
export const InjectionErrorCode = {
  /** The request lacks a field the backend needs, or a field has a value the backend cannot use. */
  InvalidRequest: 'InvalidRequest',
  /** The backend cannot deliver the secret with the requested mount requirement. */
  UnsupportedMount: 'UnsupportedMount',
  /** The edit would give the pod two different volumes at one mount path. */
  MountConflict: 'MountConflict',
  /** The edit would give a variable another value than an earlier secret of the pod gave it. */
  EnvConflict: 'EnvConflict',
  /** The backend has no such secret (Flyte's SecretNotFound). */
  SecretNotFound: 'SecretNotFound',
  /** The backend failed or did not answer in time (Flyte's SecretReadFailure). */
  SecretReadFailure: 'SecretReadFailure',
  /** The backend answered with an empty secret (Flyte's SecretNil). */
  SecretNil: 'SecretNil',
  /** The pod lacks what the backend needs to look the secret up (Flyte's SecretRequirementsError). */
  SecretRequirementsError: 'SecretRequirementsError',
} as const;

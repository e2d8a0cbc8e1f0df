/**
 * The extension point for what a backend must verify before `serve` takes its first admission and the
 * configuration's schema cannot see, such as a kubeconfig its client will read: a plugin contributes one
 * with `bind(StartupCheck).toService(MyCheck)`. `serve` runs every contribution whose injector is
 * enabled before it listens, so a setting that cannot work stops it with exit code 2 instead of failing
 * admissions later.
 */
export const StartupCheck = Symbol.for('podsecrets.StartupCheck');

export interface StartupCheck {
  /** The {@link SecretInjector.type} this checks for; run only when that injector is in the chain. */
  readonly injectorType: string;
  /**
   * Returns when the backend can work; otherwise throws an Error whose message names the key, the value
   * (a file, never a secret) and the reason: `serve` reports it as a configuration error.
   */
  check(): void;
}

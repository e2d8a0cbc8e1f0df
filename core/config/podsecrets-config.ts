/**
 * The validated configuration as the loader read it: values as written (durations as text), by
 * section. Classes do not read it: each injects the settings object of its section instead (see
 * {@link defineSettings}), whose values are typed and converted.
 */
export const PodsecretsConfig = Symbol.for('podsecrets.PodsecretsConfig');

export interface PodsecretsConfig {
  readonly webhook: Readonly<Record<string, unknown>>;
  readonly [section: string]: unknown;
}

import type { SecretInjector } from '../injector/secret-injector.js';
import type { MappingSetting } from './mapping-setting.js';

/**
 * The extension point through which a plugin adds its keys to the configuration schema, e.g.
 * `{ webhook: { vaultSecretManager: { role: { format: String, default: 'flyte', doc: '…' } } } }`.
 * Fragments are merged into one convict schema before the file is read, so an operator's typo in a
 * plugin's key is refused at start like any other.
 *
 * A plugin binds its fragment in its module with `bind(ConfigSchemaContribution).toConstantValue(...)`,
 * and sets {@link ConfigSchemaContribution.owner} to its injector's {@link SecretInjector.type}: that is
 * how `podsecrets plugins` (and the plugin conformance suite) tie the keys to the backend they configure.
 *
 * A setting whose value is a mapping with keys of its own (resources, annotations) is declared as a
 * {@link MappingSetting}.
 */
export const ConfigSchemaContribution = Symbol.for('podsecrets.ConfigSchemaContribution');

/** The {@link ConfigSchemaContribution.owner} of core's own keys, which apply whichever backend answers. */
export const CORE_CONFIG_OWNER = 'core';

export interface ConfigSchemaContribution {
  /**
   * The {@link SecretInjector.type} of the backend these keys configure (compared without regard to
   * case), e.g. `Vault`; named in errors when two fragments claim one key. A fragment that configures
   * no single backend names what it configures instead (core's own is `core`).
   */
  readonly owner: string;
  /** A convict schema fragment rooted at the top of the configuration file. */
  readonly schema: ConfigSchemaFragment;
}

/** A convict schema object: nested sections of `{ doc, format, default }` leaves. */
export type ConfigSchemaFragment = { readonly [key: string]: unknown };

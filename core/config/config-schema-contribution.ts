import type { MappingSetting } from './mapping-setting.js';

/**
 * The extension point through which a plugin adds its keys to the configuration schema, e.g.
 * `{ webhook: { vaultSecretManager: { role: { format: String, default: 'flyte', doc: '…' } } } }`.
 * Fragments are merged into one convict schema before the file is read, so an operator's typo in a
 * plugin's key is refused at start like any other. A setting whose value is a mapping with keys of its
 * own (resources, annotations) is declared as a {@link MappingSetting}.
 */
export const ConfigSchemaContribution = Symbol.for('podsecrets.ConfigSchemaContribution');

export interface ConfigSchemaContribution {
  /** Who contributes the fragment, named in errors when two fragments claim one key. */
  readonly owner: string;
  /** A convict schema fragment rooted at the top of the configuration file. */
  readonly schema: ConfigSchemaFragment;
}

/** A convict schema object: nested sections of `{ doc, format, default }` leaves. */
export type ConfigSchemaFragment = { readonly [key: string]: unknown };

import type { Bind, ServiceIdentifier } from 'inversify';
import { isJsonObject } from '../json/is-json-object.js';
import { ConfigSchemaContribution } from './config-schema-contribution.js';
import { PodsecretsConfig } from './podsecrets-config.js';
import { isSetting, type Setting } from './setting.js';

/** The keys of a section: settings, and groups of settings under a key of their own. */
export type SettingsSchema = { readonly [key: string]: Setting<unknown> | SettingsSchema };

/** The settings object a schema gives: each setting's converted type, groups as nested objects. */
export type SettingsValues<S extends SettingsSchema> = {
  readonly [K in keyof S]: S[K] extends Setting<infer T> ? T : S[K] extends SettingsSchema ? SettingsValues<S[K]> : never;
};

/**
 * One configuration section, declared once: where it sits in the file (`webhook.vaultSecretManager`),
 * who owns its keys, its schema, and the token its settings object is bound to. Make one with
 * {@link defineSettings}; bind it in your module with {@link bindSettings}.
 */
export interface SettingsSection<S extends SettingsSchema> {
  readonly token: ServiceIdentifier;
  /** Dotted path of the section from the top of the file, e.g. `webhook.vaultSecretManager` or `secrets`. */
  readonly path: string;
  readonly schema: S;
  /** The schema rooted at the top of the file, as the loader merges it. */
  readonly contribution: ConfigSchemaContribution;
}

/** The type of the settings object of a section: `interface VaultSettings extends SettingsOf<typeof vaultSettings> {}`. */
export type SettingsOf<Section> = Section extends SettingsSection<infer S> ? SettingsValues<S> : never;

/**
 * Declares a section. `owner` is the {@link SecretInjector.type} of the backend the keys configure
 * (core's own sections say `core` or `server`): `podsecrets plugins` lists the keys under it.
 */
export function defineSettings<const S extends SettingsSchema>(token: ServiceIdentifier, options: { readonly path: string; readonly owner: string; readonly schema: S }): SettingsSection<S> {
  let fragment: Record<string, unknown> = options.schema;
  for (const key of options.path.split('.').reverse()) fragment = { [key]: fragment };
  return { token, path: options.path, schema: options.schema, contribution: { owner: options.owner, schema: fragment } };
}

/**
 * The settings object of `section` from the validated configuration: every value converted by its
 * setting. A section a test's configuration leaves out gets its defaults.
 */
export function readSettings<S extends SettingsSchema>(config: PodsecretsConfig, section: SettingsSection<S>): SettingsValues<S> {
  let raw: unknown = config;
  for (const key of section.path.split('.')) raw = isJsonObject(raw) ? raw[key] : undefined;
  return convertSection(section.schema, raw, section.path) as SettingsValues<S>;
}

function convertSection(schema: SettingsSchema, raw: unknown, path: string): Record<string, unknown> {
  const values = isJsonObject(raw) ? raw : {};
  const converted: Record<string, unknown> = {};
  for (const [key, node] of Object.entries(schema)) {
    const given = Object.hasOwn(values, key) ? values[key] : undefined;
    if (isSetting(node)) converted[key] = node.convert(given === undefined ? node.default : given, `${path}.${key}`);
    else converted[key] = convertSection(node as SettingsSchema, given, `${path}.${key}`);
  }
  return Object.freeze(converted);
}

/**
 * Binds `section` in a module: its schema as a {@link ConfigSchemaContribution} (so its keys are
 * validated at start), and its token to the settings object, made once from the validated configuration.
 */
export function bindSettings(bind: Bind, section: SettingsSection<SettingsSchema>): void {
  bind<ConfigSchemaContribution>(ConfigSchemaContribution).toConstantValue(section.contribution);
  bindSettingsObject(bind, section);
}

/** Binds the token of a section whose schema the loader has already (core's and the server's own sections). */
export function bindSettingsObject(bind: Bind, section: SettingsSection<SettingsSchema>): void {
  bind(section.token)
    .toDynamicValue((context) => readSettings(context.get<PodsecretsConfig>(PodsecretsConfig), section))
    .inSingletonScope();
}

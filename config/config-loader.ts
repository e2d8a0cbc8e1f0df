import { readFileSync } from 'node:fs';
import convict from 'convict';
import { parse as parseYaml } from 'yaml';
import type { ConfigSchemaContribution, PodsecretsConfig } from '../core/index.js';
import { ConfigError } from './config-error.js';
import { registerConfigFormats } from './config-formats.js';
import { coreConfigSchema } from './core-config-schema.js';
import { mergeSchemaFragments } from './merge-schema-fragments.js';
import { splitMappingValues } from './split-mapping-values.js';

export interface LoadConfigOptions {
  /** A YAML file; without one, every key has its default. */
  readonly file?: string;
  /** The plugins' schema fragments, added to core's. */
  readonly contributions?: readonly ConfigSchemaContribution[];
  /** Values laid over the file, as from a test. */
  readonly overrides?: Readonly<Record<string, unknown>>;
}

/**
 * Reads and validates the configuration. Unknown keys and bad values are refused, all at once, each
 * line naming the key, the value and what is accepted; a YAML syntax error names the file and line.
 */
export function loadConfig(options: LoadConfigOptions = {}): PodsecretsConfig {
  registerConfigFormats();
  const schema = mergeSchemaFragments([coreConfigSchema, ...(options.contributions ?? [])]);
  // convict reads process.env and process.argv unless told otherwise; a webhook's config is its file.
  const config = convict(schema as convict.Schema<PodsecretsConfig>, { env: {}, args: [] });
  const mappings = new Map<string, Record<string, unknown>>();
  const values = new Map<string, unknown>();
  const load = (document: Record<string, unknown>): void => {
    const split = splitMappingValues(document, schema);
    config.load(split.rest);
    for (const [path, value] of split.mappings) mappings.set(path, value);
    for (const [path, value] of split.values) values.set(path, value);
  };
  if (options.file !== undefined) load(checkSections(readYamlFile(options.file), schema, `configuration ${options.file}`));
  if (options.overrides !== undefined) load(checkSections(options.overrides, schema, 'configuration overrides'));
  // convict's validation walks into a mapping value by splitting its keys on '.', which fails on a key
  // such as kubernetes.io/metadata.name: it checks an empty mapping in its place, the real one is set after.
  for (const path of mappings.keys()) config.set(path, {});
  try {
    config.validate({ allowed: 'strict' });
  } catch (error) {
    const where = options.file === undefined ? 'configuration' : `configuration ${options.file}`;
    const lines = (error as Error).message.split('\n').map((line) => withValue(line, values, mappings));
    throw new ConfigError(`${where} is not valid:\n${lines.join('\n')}`);
  }
  for (const [path, value] of mappings) config.set(path, value);
  return config.getProperties();
}

/** convict leaves out the value when it is falsy (0, '', false) or was coerced to NaN: add the value given. */
function withValue(line: string, values: ReadonlyMap<string, unknown>, mappings: ReadonlyMap<string, unknown>): string {
  const key = /^([^\s:']+): /.exec(line)?.[1];
  if (key === undefined || !values.has(key)) return line;
  // A mapping was checked as an empty placeholder: show the mapping given instead.
  const text = mappings.has(key) ? line.replace(/: value was \{\}$/, '') : line;
  if (text.includes(': value was ')) return text;
  return `${text}: value was ${JSON.stringify(values.get(key)) ?? String(values.get(key))}`;
}

function isLeaf(node: unknown): boolean {
  return typeof node === 'object' && node !== null && 'default' in node;
}

/**
 * A section left empty (`webhook:` with every key commented out) means "all defaults", as in Flyte;
 * convict would instead report each of its keys missing. A section that is not a mapping is refused
 * here with one line, where convict would print one line per key.
 */
function checkSections(document: Readonly<Record<string, unknown>>, schema: Readonly<Record<string, unknown>>, where: string, path = ''): Record<string, unknown> {
  const checked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document)) {
    const node = schema[key];
    const keyPath = `${path}${key}`;
    if (node === undefined || isLeaf(node)) {
      checked[key] = value;
    } else if (value === null || value === undefined) {
      continue;
    } else if (typeof value !== 'object' || Array.isArray(value)) {
      const keys = Object.keys(node as object).join(', ');
      throw new ConfigError(`${where} is not valid:\n${keyPath}: must be a mapping of settings (${keys}), got ${JSON.stringify(value)}`);
    } else {
      checked[key] = checkSections(value as Record<string, unknown>, node as Record<string, unknown>, where, `${keyPath}.`);
    }
  }
  return checked;
}

function readYamlFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read configuration ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`configuration ${file} is not valid YAML: ${(error as Error).message}`);
  }
  if (document === null || document === undefined) return {};
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new ConfigError(`configuration ${file} must be a YAML mapping of sections (webhook:, secrets:, server:), not ${Array.isArray(document) ? 'a list' : typeof document}`);
  }
  return document as Record<string, unknown>;
}

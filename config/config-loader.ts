import { readFileSync } from 'node:fs';
import convict from 'convict';
import { parse as parseYaml } from 'yaml';
import type { ConfigSchemaContribution } from '../core/config/config-schema-contribution.js';
import { isJsonObject } from '../core/json/is-json-object.js';
import type { PodsecretsConfig } from '../core/config/podsecrets-config.js';
import { recordGivenKeys } from '../core/config/config-keys-given.js';
import { ConfigError } from './config-error.js';
import { registerConfigFormats } from './config-formats.js';
import { baseContributions } from './base-settings.js';
import { placeMappingValues, resolveMappingSettings, separateMappingSettings, takeMappingValues } from './mapping-settings.js';
import { mergeSchemaFragments } from './merge-schema-fragments.js';
import { matchSchemaKeyCase } from './schema-key-case.js';
import { isSchemaLeaf } from './schema-leaf.js';

export interface LoadConfigOptions {
  /** A YAML file; without one, every key has its default. */
  readonly file?: string;
  /** The plugins' schema fragments, added to core's and the server's ({@link baseContributions}). */
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
  const schema = mergeSchemaFragments([...baseContributions, ...(options.contributions ?? [])]);
  const { convictSchema, leaves } = separateMappingSettings(schema);
  // convict reads process.env and process.argv unless told otherwise; a webhook's config is its file.
  const config = convict(convictSchema as convict.Schema<PodsecretsConfig>, { env: {}, args: [] });
  const documents: [Readonly<Record<string, unknown>> | undefined, string][] = [
    [options.file === undefined ? undefined : readYamlFile(options.file), `configuration ${options.file ?? ''}`],
    [options.overrides, 'configuration overrides'],
  ];
  const mappings: ReturnType<typeof takeMappingValues>['values'][] = [];
  const given = new Map<string, unknown>();
  const givenKeys = new Set<string>();
  for (const [document, where] of documents) {
    if (document === undefined) continue;
    const matched = matchSchemaKeyCase(document, schema, where);
    addKeyPaths(matched, givenKeys);
    const { rest, values } = takeMappingValues(checkSections(matched, schema, where), leaves);
    for (const [path, value] of leafValues(rest, convictSchema)) given.set(path, value);
    config.load(rest);
    mappings.push(values);
  }
  const problems: string[] = [];
  try {
    config.validate({ allowed: 'strict' });
  } catch (error) {
    problems.push(...(error as Error).message.split('\n').map((line) => withValue(line, given)));
  }
  const resolved = resolveMappingSettings(leaves, mappings);
  problems.push(...resolved.problems);
  if (problems.length > 0) {
    const where = options.file === undefined ? 'configuration' : `configuration ${options.file}`;
    throw new ConfigError(`${where} is not valid:\n${problems.join('\n')}`);
  }
  const properties = config.getProperties() as unknown as Record<string, unknown>;
  placeMappingValues(properties, resolved.values);
  recordGivenKeys(properties as unknown as PodsecretsConfig, givenKeys);
  return properties as unknown as PodsecretsConfig;
}

/** Adds the dotted path of every key of `document`, nested ones included, to `paths`. */
function addKeyPaths(document: Readonly<Record<string, unknown>>, paths: Set<string>, prefix = ''): void {
  for (const [key, value] of Object.entries(document)) {
    if (value === null || value === undefined) continue;
    paths.add(`${prefix}${key}`);
    if (isJsonObject(value)) addKeyPaths(value, paths, `${prefix}${key}.`);
  }
}

/** Every value `document` gives a leaf of `schema`, by dotted path. */
function leafValues(document: Readonly<Record<string, unknown>>, schema: Readonly<Record<string, unknown>>, path = ''): [string, unknown][] {
  const found: [string, unknown][] = [];
  for (const [key, value] of Object.entries(document)) {
    const node = schema[key];
    if (isSchemaLeaf(node)) found.push([`${path}${key}`, value]);
    else if (typeof node === 'object' && node !== null && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      found.push(...leafValues(value as Record<string, unknown>, node as Record<string, unknown>, `${path}${key}.`));
    }
  }
  return found;
}

/** convict leaves the value out of its line when it is falsy (0, '', false) or was coerced to NaN. */
function withValue(line: string, given: ReadonlyMap<string, unknown>): string {
  const key = /^([^\s:']+): /.exec(line)?.[1];
  if (key === undefined || line.includes(': value was ') || !given.has(key)) return line;
  return `${line}: value was ${JSON.stringify(given.get(key)) ?? String(given.get(key))}`;
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
    if (node === undefined || isSchemaLeaf(node)) {
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

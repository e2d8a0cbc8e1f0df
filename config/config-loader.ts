import { readFileSync } from 'node:fs';
import convict from 'convict';
import { parse as parseYaml } from 'yaml';
import type { ConfigSchemaContribution, PodsecretsConfig } from '../core/index.js';
import { ConfigError } from './config-error.js';
import { registerConfigFormats } from './config-formats.js';
import { coreConfigSchema } from './core-config-schema.js';
import { placeMappingValues, resolveMappingSettings, separateMappingSettings, takeMappingValues } from './mapping-settings.js';
import { mergeSchemaFragments } from './merge-schema-fragments.js';

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
  const { convictSchema, leaves } = separateMappingSettings(mergeSchemaFragments([coreConfigSchema, ...(options.contributions ?? [])]));
  // convict reads process.env and process.argv unless told otherwise; a webhook's config is its file.
  const config = convict(convictSchema as convict.Schema<PodsecretsConfig>, { env: {}, args: [] });
  const mappings: ReturnType<typeof takeMappingValues>['values'][] = [];
  for (const document of [options.file === undefined ? undefined : readYamlFile(options.file), options.overrides]) {
    if (document === undefined) continue;
    const { rest, values } = takeMappingValues(document, leaves);
    config.load(rest);
    mappings.push(values);
  }
  const problems: string[] = [];
  try {
    config.validate({ allowed: 'strict' });
  } catch (error) {
    problems.push((error as Error).message);
  }
  const resolved = resolveMappingSettings(leaves, mappings);
  problems.push(...resolved.problems);
  if (problems.length > 0) {
    const where = options.file === undefined ? 'configuration' : `configuration ${options.file}`;
    throw new ConfigError(`${where} is not valid:\n${problems.join('\n')}`);
  }
  const properties = config.getProperties() as unknown as Record<string, unknown>;
  placeMappingValues(properties, resolved.values);
  return properties as unknown as PodsecretsConfig;
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

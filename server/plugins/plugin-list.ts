import { parse as parseYaml } from 'yaml';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../config/config-error.js';
import { pluginListProblem } from '../../config/plugin-list-format.js';

/**
 * The `plugins:` list of a configuration file, read before the rest: the plugins' modules contribute
 * the schema that the rest of the file is validated against. An unreadable file gives an empty list,
 * and the configuration loader then reports it as it reports any other.
 */
export function pluginListOf(file: string | undefined): string[] {
  if (file === undefined) return [];
  let document: unknown;
  try {
    document = parseYaml(readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
  const plugins = typeof document === 'object' && document !== null ? (document as Record<string, unknown>)['plugins'] : undefined;
  if (plugins === undefined || plugins === null) return [];
  const problem = pluginListProblem(plugins);
  if (problem !== undefined) throw new ConfigError(`configuration ${file} is not valid:\nplugins: ${problem}: value was ${JSON.stringify(plugins)}`);
  return plugins as string[];
}

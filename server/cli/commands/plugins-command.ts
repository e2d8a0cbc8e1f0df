import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { CORE_CONFIG_OWNER } from '../../../core/config/config-schema-contribution.js';
import { defaultBackendNotice } from '../../../core/config/config-keys-given.js';
import type { Podsecrets } from '../../wiring/create-podsecrets.js';
import type { CliCommand } from '../cli-command.js';
import { type CliIo, ExitCode, UsageError } from '../cli-io.js';
import { loadPodsecrets } from '../load-podsecrets.js';
import { describePlugins, type PluginCatalog, type PluginConfigKey } from '../plugin-catalog.js';

export type PluginsFormat = 'text' | 'yaml' | 'json';

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function formatKeys(keys: readonly PluginConfigKey[]): string[] {
  if (keys.length === 0) return ['  no configuration keys'];
  const width = Math.max(...keys.map((key) => key.key.length));
  return keys.flatMap((key) => [`  ${key.key.padEnd(width)}  default ${JSON.stringify(key.default)}  (${key.format})`, ...(key.doc === '' ? [] : [`  ${' '.repeat(width)}  ${key.doc}`])]);
}

/** The catalog as a person reads it. */
export function formatCatalogText(catalog: PluginCatalog): string {
  const lines = [`${catalog.backends.length} secret backend${catalog.backends.length === 1 ? '' : 's'} installed; webhook.secretManagerType(s) selects them (any case).`];
  for (const backend of catalog.backends) {
    lines.push('', `${backend.type}  (${backend.tried === null ? 'not enabled' : `enabled, tried ${ordinal(backend.tried)}`})`, ...formatKeys(backend.keys));
  }
  if (catalog.core.length > 0) lines.push('', `${CORE_CONFIG_OWNER}  (every admission, whichever backend answers)`, ...formatKeys(catalog.core));
  for (const other of catalog.otherContributions) {
    lines.push('', `${other.owner}  (configuration without an installed backend of that type)`, ...formatKeys(other.keys));
  }
  return `${lines.join('\n')}\n`;
}

/** `podsecrets plugins`: the installed backends, whether the configuration enables them, and their keys. */
export function runPlugins(podsecrets: Podsecrets, format: PluginsFormat, io: CliIo): ExitCode {
  // On stderr, so that the yaml and json forms stay one parseable document.
  const notice = defaultBackendNotice(podsecrets.config);
  if (notice !== undefined) io.writeErr(`${notice}\n`);
  const catalog = describePlugins(podsecrets);
  if (format === 'json') io.writeOut(`${JSON.stringify(catalog, null, 2)}\n`);
  else if (format === 'yaml') io.writeOut(stringify(catalog, { lineWidth: 0 }));
  else io.writeOut(formatCatalogText(catalog));
  return ExitCode.Ok;
}

/** `podsecrets plugins`: see {@link runPlugins}. */
export const pluginsCommand: CliCommand = {
  name: 'plugins',
  synopsis: '[--config FILE] [-o text|yaml|json]',
  summary: 'list the installed secret backends, whether they are enabled, and their configuration keys with defaults',
  async run(args, io, environment) {
    const { values } = parseArgs({ args: [...args], options: { config: { type: 'string' }, output: { type: 'string', short: 'o' } }, strict: true });
    const format = values.output ?? 'text';
    if (format !== 'text' && format !== 'yaml' && format !== 'json') throw new UsageError(`-o ${format}: expected text, yaml or json`);
    return runPlugins(await loadPodsecrets(values.config, environment), format, io);
  },
};

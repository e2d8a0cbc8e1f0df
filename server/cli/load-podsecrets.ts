import { dirname, resolve } from 'node:path';
import type { Logger as PinoLogger } from 'pino';
import type { Podsecrets } from '../wiring/create-podsecrets.js';
import { createPodsecrets } from '../wiring/create-podsecrets.js';
import { createLogger } from '../runtime/create-logger.js';
import { pluginListOf } from '../plugins/plugin-list.js';
import { importPluginPackages } from '../plugins/plugin-packages.js';

/** The configuration file named by --config, else by PODSECRETS_CONFIG, else none (defaults). */
export function configFileOf(option: string | undefined, environment: NodeJS.ProcessEnv): string | undefined {
  return option ?? (environment['PODSECRETS_CONFIG'] || undefined);
}

/**
 * podsecrets wired for a command, logging to `logger` (by default warnings and errors, on stderr), with
 * the plugins the configuration lists under `plugins:` (paths relative to the configuration file).
 */
export async function loadPodsecrets(option: string | undefined, environment: NodeJS.ProcessEnv, logger: PinoLogger = createLogger('warn')): Promise<Podsecrets> {
  const configFile = configFileOf(option, environment);
  const baseDir = configFile === undefined ? process.cwd() : dirname(resolve(configFile));
  const plugins = await importPluginPackages(pluginListOf(configFile), baseDir);
  return createPodsecrets({ ...(configFile !== undefined ? { configFile } : {}), logger, plugins });
}

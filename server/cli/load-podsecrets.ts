import type { Logger as PinoLogger } from 'pino';
import type { Podsecrets } from '../wiring/create-podsecrets.js';
import { createPodsecrets } from '../wiring/create-podsecrets.js';
import { createLogger } from '../runtime/create-logger.js';

/** The configuration file named by --config, else by PODSECRETS_CONFIG, else none (defaults). */
export function configFileOf(option: string | undefined, environment: NodeJS.ProcessEnv): string | undefined {
  return option ?? (environment['PODSECRETS_CONFIG'] || undefined);
}

/** podsecrets wired for a command, logging to `logger` (by default warnings and errors, on stderr). */
export function loadPodsecrets(option: string | undefined, environment: NodeJS.ProcessEnv, logger: PinoLogger = createLogger('warn')): Podsecrets {
  const configFile = configFileOf(option, environment);
  return createPodsecrets({ ...(configFile !== undefined ? { configFile } : {}), logger });
}

import type { CliCommand } from './cli-command.js';
import { initCertsCommand } from './commands/init-certs-command.js';
import { manifestsCommand } from './commands/manifests-command.js';
import { gcCommand } from './commands/gc-command.js';
import { getCommand } from './commands/get-command.js';
import { mutateCommand } from './commands/mutate-command.js';
import { pluginsCommand } from './commands/plugins-command.js';
import { requestCommand } from './commands/request-command.js';
import { serveCommand } from './commands/serve-command.js';

/** Every `podsecrets` command, in the order the usage text lists them. */
export const cliCommands: readonly CliCommand[] = [serveCommand, mutateCommand, pluginsCommand, requestCommand, initCertsCommand, manifestsCommand, getCommand, gcCommand];

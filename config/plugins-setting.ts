import { setting } from '../core/index.js';
import type { ConfigSchemaContribution } from '../core/config/config-schema-contribution.js';
import { pluginListProblem } from './plugin-list-format.js';

/**
 * The top-level `plugins:` key: modules loaded at start beside the shipped backends. The CLI reads it
 * before the rest of the file (server/plugins/plugin-list.ts), because the plugins' own keys are part of
 * the schema the file is validated against; here it is declared so that the file validates.
 */
export const pluginsContribution: ConfigSchemaContribution = {
  owner: 'server',
  schema: {
    plugins: setting.strings(
      'Plugin modules to load at start, beside the backends podsecrets ships: package names (installed beside podsecrets) or paths (relative to this file). Each exports an inversify ContainerModule.',
      [],
      (value: unknown) => {
        const problem = pluginListProblem(value);
        if (problem !== undefined) throw new Error(problem);
      },
    ),
  },
};

// The programmatic entry of the podsecrets package (`import … from 'podsecrets'`): the CLI as a function,
// podsecrets wired in a program, and the Embedded read path. A plugin imports 'podsecrets/core' instead.
export { runCli } from './cli/cli.js';
export { type CliIo, ExitCode, UsageError } from './cli/cli-io.js';
export { createPodsecrets, type CreatePodsecretsOptions, type Podsecrets } from './wiring/create-podsecrets.js';
export { pluginModules } from './wiring/plugin-modules.js';
export { importPluginPackages, type PluginPackage } from './plugins/plugin-packages.js';
export { openSecretReader, type OpenSecretReaderOptions } from './cli/open-secret-reader.js';

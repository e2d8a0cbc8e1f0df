import { Container, type ContainerModule } from 'inversify';
import { Logger } from '../../core/index.js';
import { AdmissionHandler } from '../../core/admission/admission-handler.js';
import { ConfigSchemaContribution } from '../../core/config/config-schema-contribution.js';
import { contributionsOf } from '../../core/contributions-of.js';
import { coreModule } from '../../core/core-module.js';
import { InjectorRegistry } from '../../core/injector/injector-registry.js';
import { PodMutator } from '../../core/mutation/pod-mutator.js';
import { PodsecretsConfig } from '../../core/config/podsecrets-config.js';
import { loadConfig } from '../../config/config-loader.js';
import { serverSettingsModule } from '../../config/server-settings-module.js';
import { pluginModules } from './plugin-modules.js';
import { webhookModule } from '../runtime/webhook-module.js';
import type { PluginPackage } from '../plugins/plugin-packages.js';
import { checkPluginTypes } from '../plugins/plugin-type-check.js';

export interface CreatePodsecretsOptions {
  readonly configFile?: string;
  readonly overrides?: Readonly<Record<string, unknown>>;
  readonly logger: Logger;
  /** The plugin modules to load; the shipped ones by default. */
  readonly modules?: readonly ContainerModule[];
  /** Plugins from outside podsecrets (the `plugins:` key), loaded after `modules`. */
  readonly plugins?: readonly PluginPackage[];
  /** Bindings laid over the modules', as tests do to swap a process dependency. */
  readonly configure?: (container: Container) => void;
}

/** A wired podsecrets: the container, and the services the server and the CLI use. */
export interface Podsecrets {
  readonly container: Container;
  readonly config: PodsecretsConfig;
  readonly registry: InjectorRegistry;
  readonly mutator: PodMutator;
  readonly handler: AdmissionHandler;
}

/**
 * Loads core and the plugin modules, builds the configuration schema from their contributions, reads
 * and validates the configuration, and resolves the admission handler, so that every configuration
 * error, an unknown backend included, surfaces here at start and not on the first pod.
 */
export function createPodsecrets(options: CreatePodsecretsOptions): Podsecrets {
  const container = new Container({ defaultScope: 'Singleton' });
  const plugins = options.plugins ?? [];
  container.load(coreModule, serverSettingsModule, webhookModule, ...(options.modules ?? pluginModules), ...plugins.flatMap((plugin) => plugin.modules));
  const contributions = contributionsOf<ConfigSchemaContribution>(container, ConfigSchemaContribution);
  const config = loadConfig({
    ...(options.configFile !== undefined ? { file: options.configFile } : {}),
    ...(options.overrides !== undefined ? { overrides: options.overrides } : {}),
    contributions,
  });
  container.bind(PodsecretsConfig).toConstantValue(config);
  container.bind(Logger).toConstantValue(options.logger);
  options.configure?.(container);
  checkPluginTypes(container, plugins);
  return {
    container,
    config,
    registry: container.get(InjectorRegistry),
    mutator: container.get(PodMutator),
    handler: container.get(AdmissionHandler),
  };
}

import type { ContainerModule } from 'inversify';
import { pluginModules } from '../../server/wiring/plugin-modules.js';
import { createTestPodsecrets } from '../support/test-podsecrets.js';
import type { ConformanceCase } from './conformance-matrix.js';
import { describeInjectorConformance } from './injector-conformance.js';
import { fixturesFor, type InjectorFixture } from './injector-fixtures.js';

export interface PluginConformanceOptions {
  /** The `secretManagerType` of the injector under test (any case). */
  readonly type: string;
  /** The plugin's ContainerModules, loaded beside the ones podsecrets ships, as `plugins:` loads them. */
  readonly plugins: readonly ContainerModule[];
  /** What the plugin needs around it: configuration, rebindings, the values it must never leak. */
  readonly fixture?: InjectorFixture;
  /** Requests replacing the matrix; by default the matrix plus the fixture's cases. */
  readonly cases?: readonly ConformanceCase[];
}

/**
 * The conformance suite for a plugin that lives outside podsecrets, from the plugin's own mocha tests:
 * its modules are loaded after the shipped ones, every shipped backend that the mutator would try first
 * is made to stand aside, and the injector of `type` is held to the same contract as the built-in ones.
 */
export function describePluginConformance(options: PluginConformanceOptions): void {
  const modules = [...pluginModules, ...options.plugins];
  const own = options.fixture ?? {};
  const installedTypes = createTestPodsecrets({ modules, ...(own.config !== undefined ? { config: own.config } : {}) }).registry.types();
  describeInjectorConformance({
    type: options.type,
    modules,
    fixtures: [...fixturesFor(options.type, installedTypes), own],
    ...(options.cases !== undefined ? { cases: options.cases } : {}),
  });
}

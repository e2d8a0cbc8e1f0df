import { Container } from 'inversify';
import { SecretInjector } from '../../core/index.js';
import { type PluginPackage, pluginRefused } from './plugin-packages.js';

function typesOf(container: Container): string[] {
  return container.isCurrentBound(SecretInjector) ? container.getAll<SecretInjector>(SecretInjector).map((injector) => injector.type) : [];
}

/**
 * Refuses a plugin whose injector type (any case) is already installed, naming the plugin, the type and
 * who has it, before the registry would refuse the pair without knowing where either came from. Each
 * plugin's injectors are found by loading its modules alone into a child of `container`, which holds
 * everything (configuration included) they depend on.
 */
export function checkPluginTypes(container: Container, plugins: readonly PluginPackage[]): void {
  if (plugins.length === 0) return;
  const owners = new Map<string, string>();
  const pluginTypes = plugins.map((plugin) => {
    const probe = new Container({ parent: container, defaultScope: 'Singleton' });
    probe.load(...plugin.modules);
    return typesOf(probe);
  });
  // What the container holds beyond the plugins' own injectors is what podsecrets ships.
  const shipped = typesOf(container);
  for (const type of pluginTypes.flat()) {
    const index = shipped.indexOf(type);
    if (index >= 0) shipped.splice(index, 1);
  }
  for (const type of shipped) owners.set(type.toLowerCase(), 'a backend podsecrets ships');
  plugins.forEach((plugin, index) => {
    for (const type of pluginTypes[index] ?? []) {
      const owner = owners.get(type.toLowerCase());
      if (owner !== undefined) {
        throw pluginRefused(plugin.name, `cannot be installed: its secret injector type "${type}" is already installed (${owner}); a type selects exactly one backend, so choose another`);
      }
      owners.set(type.toLowerCase(), `by plugin "${plugin.name}"`);
    }
  });
}

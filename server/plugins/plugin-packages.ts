import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ContainerModule } from 'inversify';
import { ConfigError } from '../../config/config-error.js';

/** A module listed under `plugins:`, imported, with the ContainerModules it exports. */
export interface PluginPackage {
  /** As written under `plugins:`: a package name or a path. */
  readonly name: string;
  readonly modules: readonly ContainerModule[];
}

/** A plugin that cannot be loaded: the command stops with exit code 2, naming the plugin and why. */
export function pluginRefused(name: string, reason: string): ConfigError {
  return new ConfigError(`plugins: "${name}" ${reason}`);
}

function isPath(name: string): boolean {
  return name.startsWith('./') || name.startsWith('../') || isAbsolute(name);
}

// A ContainerModule built by another copy of inversify is not an instance of podsecrets' one, and its
// bindings would not reach podsecrets' container; tell that apart from exporting nothing at all.
function looksLikeContainerModule(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { load?: unknown }).load === 'function' && typeof (value as { id?: unknown }).id === 'number';
}

/** The default export first, then the named exports, each ContainerModule once. */
function containerModulesOf(name: string, namespace: Readonly<Record<string, unknown>>): ContainerModule[] {
  const candidates = [
    namespace['default'],
    ...Object.entries(namespace)
      .filter(([key]) => key !== 'default')
      .map(([, value]) => value),
  ];
  const modules = [...new Set(candidates.filter((value): value is ContainerModule => value instanceof ContainerModule))];
  if (modules.length > 0) return modules;
  if (candidates.some(looksLikeContainerModule)) {
    throw pluginRefused(name, "exports a ContainerModule made by another copy of inversify; declare inversify as a peer dependency so the plugin uses podsecrets' copy");
  }
  throw pluginRefused(name, 'exports no inversify ContainerModule (accepted: a ContainerModule as the default export or as a named export)');
}

async function importPlugin(name: string, baseDir: string): Promise<Record<string, unknown>> {
  const target = isPath(name) ? pathToFileURL(resolve(baseDir, name)).href : name;
  try {
    return (await import(target)) as Record<string, unknown>;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    // The same codes come from a dependency the plugin itself lacks: only the plugin's own name means "not installed".
    const missing = (code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_UNSUPPORTED_DIR_IMPORT') && (message.includes(`'${name}'`) || message.includes(`'${resolve(baseDir, name)}'`));
    if (missing) {
      const hint = isPath(name) ? `no module at ${resolve(baseDir, name)} (a path is relative to the configuration file)` : `not installed (install it beside podsecrets: npm install ${name})`;
      throw pluginRefused(name, `cannot be loaded: ${hint}`);
    }
    throw pluginRefused(name, `cannot be loaded: ${code !== undefined ? `${code}: ` : ''}${message}`);
  }
}

/**
 * Imports each module of `names` (package names resolve from podsecrets' own installation, paths from
 * `baseDir`) and takes the ContainerModules it exports. Refuses, naming the plugin, one that is listed
 * twice, cannot be found or fails to load, or exports no ContainerModule.
 */
export async function importPluginPackages(names: readonly string[], baseDir: string): Promise<PluginPackage[]> {
  const packages: PluginPackage[] = [];
  for (const name of names) {
    if (packages.some((loaded) => loaded.name === name)) throw pluginRefused(name, 'is listed twice');
    packages.push({ name, modules: containerModulesOf(name, await importPlugin(name, baseDir)) });
  }
  return packages;
}

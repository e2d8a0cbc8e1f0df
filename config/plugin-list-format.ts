/** Why `value` is no `plugins:` list, or undefined when it is one: package names or paths, each once. */
export function pluginListProblem(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.some((name) => typeof name !== 'string' || name.trim() === '')) {
    return 'must be a list of package names or paths of plugin modules, e.g. [podsecrets-example-plugin, ./my-plugin.js]';
  }
  return undefined;
}

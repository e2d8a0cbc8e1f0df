import { CORE_CONFIG_OWNER, ConfigSchemaContribution, type ConfigSchemaFragment } from '../../core/config/config-schema-contribution.js';
import { contributionsOf } from '../../core/contributions-of.js';
import { isSchemaLeaf } from '../../config/schema-leaf.js';
import type { Podsecrets } from '../wiring/create-podsecrets.js';

/** One configuration key a plugin declares. */
export interface PluginConfigKey {
  /** The dotted path in the configuration file, e.g. `secrets.env-prefix`. */
  readonly key: string;
  readonly default: unknown;
  /** What values are accepted, e.g. `string`, `one of: local`, `port`. */
  readonly format: string;
  readonly doc: string;
}

/** One installed backend. */
export interface InstalledBackend {
  /** The `secretManagerType` that selects it. */
  readonly type: string;
  /** Its place in the order the mutator tries backends (1 first), or null when the configuration does not enable it. */
  readonly tried: number | null;
  readonly keys: readonly PluginConfigKey[];
}

/** Configuration keys contributed under an owner that is no installed backend's type. */
export interface OtherContribution {
  readonly owner: string;
  readonly keys: readonly PluginConfigKey[];
}

export interface PluginCatalog {
  readonly backends: readonly InstalledBackend[];
  /** Keys that core contributes (the limits on one pod), which every admission obeys. */
  readonly core: readonly PluginConfigKey[];
  readonly otherContributions: readonly OtherContribution[];
}

function describeFormat(format: unknown, defaultValue: unknown): string {
  if (typeof format === 'function') return format.name.toLowerCase();
  if (Array.isArray(format)) return `one of: ${format.map(String).join(', ')}`;
  if (typeof format === 'string') return format;
  // convict infers the format from the default when none is given.
  return Array.isArray(defaultValue) ? 'array' : defaultValue === null ? 'any' : typeof defaultValue;
}

/** The leaves of a convict schema fragment, in declaration order, as dotted keys. */
export function configKeysOf(schema: ConfigSchemaFragment, path = ''): PluginConfigKey[] {
  const keys: PluginConfigKey[] = [];
  for (const [name, node] of Object.entries(schema)) {
    const key = path === '' ? name : `${path}.${name}`;
    if (isSchemaLeaf(node)) {
      keys.push({ key, default: node['default'], format: describeFormat(node['format'], node['default']), doc: typeof node['doc'] === 'string' ? node['doc'] : '' });
    } else if (typeof node === 'object' && node !== null) {
      keys.push(...configKeysOf(node as ConfigSchemaFragment, key));
    }
  }
  return keys;
}

/**
 * The installed backends and the configuration keys of each, from a wired podsecrets: a backend's keys
 * are those of the {@link ConfigSchemaContribution}s whose `owner` is its type (any case).
 */
export function describePlugins(podsecrets: Podsecrets): PluginCatalog {
  const { container, registry, mutator } = podsecrets;
  const contributions = contributionsOf<ConfigSchemaContribution>(container, ConfigSchemaContribution);
  const chain = mutator.chain.map((type) => type.toLowerCase());
  const types = registry.types();
  const ownedBy = (owner: string): ConfigSchemaContribution[] => contributions.filter((c) => c.owner.toLowerCase() === owner.toLowerCase());
  const backends = types.map((type) => {
    const position = chain.indexOf(type.toLowerCase());
    return { type, tried: position < 0 ? null : position + 1, keys: ownedBy(type).flatMap((c) => configKeysOf(c.schema)) };
  });
  const installed = new Set(types.map((type) => type.toLowerCase()));
  const owners = new Map<string, string>();
  for (const { owner } of contributions) {
    if (!installed.has(owner.toLowerCase()) && !owners.has(owner.toLowerCase()) && owner !== CORE_CONFIG_OWNER) owners.set(owner.toLowerCase(), owner);
  }
  const otherContributions = [...owners.values()].map((owner) => ({ owner, keys: ownedBy(owner).flatMap((c) => configKeysOf(c.schema)) }));
  const core = contributions.filter((c) => c.owner === CORE_CONFIG_OWNER).flatMap((c) => configKeysOf(c.schema));
  return { backends, core, otherContributions };
}

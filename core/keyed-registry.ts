/** What a {@link KeyedRegistry} holds: a contribution the configuration names by its type. */
export interface Keyed {
  readonly type: string;
}

/** Two plugins claimed one type (of a secret injector, or of a secret fetcher). */
export class DuplicateInjectorError extends Error {
  override readonly name = 'DuplicateInjectorError';
}

/** A configured type (`secretManagerType`, Embedded's fetcher `type`) that no installed plugin provides. */
export class UnknownInjectorError extends Error {
  override readonly name = 'UnknownInjectorError';
}

/** How a registry's refusals name what it holds. */
export interface KeyedRegistryNames {
  /** One entry, e.g. `secret injector`: "two secret injectors claim the type ...". */
  readonly entry: string;
  /** What the configuration names, e.g. `secret manager type`: "unknown secret manager type ...". */
  readonly type: string;
}

/**
 * The contributions of one extension point keyed by type without regard to case, as Theia's registries
 * are keyed by string: the configuration selects one by name. Two with one type are refused, naming
 * both classes, so a name always selects exactly one; an unknown name is refused listing the installed
 * ones. The {@link SecretInjector}s and Embedded mode's {@link SecretFetcher}s are kept in one.
 */
export class KeyedRegistry<T extends Keyed> {
  readonly #byType = new Map<string, T>();
  readonly #names: KeyedRegistryNames;

  constructor(names: KeyedRegistryNames, entries: Iterable<T> = []) {
    this.#names = names;
    for (const entry of entries) this.register(entry);
  }

  register(entry: T): void {
    const key = entry.type.toLowerCase();
    const existing = this.#byType.get(key);
    if (existing !== undefined) {
      throw new DuplicateInjectorError(
        `two ${this.#names.entry}s claim the type "${entry.type}": ${existing.constructor.name} and ${entry.constructor.name}; each type must be provided by one plugin`,
      );
    }
    this.#byType.set(key, entry);
  }

  /** The entry of `type` (any case), or undefined. */
  find(type: string): T | undefined {
    return this.#byType.get(type.toLowerCase());
  }

  /**
   * The entry of `type` (any case); throws an {@link UnknownInjectorError} naming the installed types if
   * there is none, and `key` (the configuration key that named it) when given.
   */
  get(type: string, key?: string): T {
    const entry = this.find(type);
    if (entry === undefined) {
      const installed = this.types().join(', ') || '(none)';
      const unknown = `unknown ${this.#names.type} "${type}"; installed: ${installed}`;
      throw new UnknownInjectorError(key === undefined ? unknown : `${key}: ${unknown} (any case)`);
    }
    return entry;
  }

  /** The installed types, as their plugins spell them, in registration order. */
  types(): string[] {
    return [...this.#byType.values()].map((entry) => entry.type);
  }
}

import { injectable, multiInject } from 'inversify';
import { SecretInjector } from './secret-injector.js';

/** Two plugins claimed one `secretManagerType`. */
export class DuplicateInjectorError extends Error {
  override readonly name = 'DuplicateInjectorError';
}

/** A configured `secretManagerType` that no installed plugin provides. */
export class UnknownInjectorError extends Error {
  override readonly name = 'UnknownInjectorError';
}

/**
 * Every {@link SecretInjector} the loaded plugins contribute, keyed by type without regard to case.
 * Refuses two injectors with one type, so the configuration always selects exactly one.
 */
@injectable()
export class InjectorRegistry {
  readonly #byType = new Map<string, SecretInjector>();

  constructor(@multiInject(SecretInjector) injectors: SecretInjector[]) {
    for (const injector of injectors) this.register(injector);
  }

  register(injector: SecretInjector): void {
    const key = injector.type.toLowerCase();
    const existing = this.#byType.get(key);
    if (existing !== undefined) {
      throw new DuplicateInjectorError(
        `two secret injectors claim the type "${injector.type}": ${existing.constructor.name} and ${injector.constructor.name}; each type must be provided by one plugin`,
      );
    }
    this.#byType.set(key, injector);
  }

  /** The injector of `type` (any case), or undefined. */
  find(type: string): SecretInjector | undefined {
    return this.#byType.get(type.toLowerCase());
  }

  /** The injector of `type` (any case); throws naming the installed types if there is none. */
  get(type: string): SecretInjector {
    const injector = this.find(type);
    if (injector === undefined) {
      throw new UnknownInjectorError(`unknown secret manager type "${type}"; installed: ${this.types().join(', ') || '(none)'}`);
    }
    return injector;
  }

  /** The installed types, as their plugins spell them, in load order. */
  types(): string[] {
    return [...this.#byType.values()].map((injector) => injector.type);
  }
}

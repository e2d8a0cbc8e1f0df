import { readdirSync, readFileSync } from 'node:fs';
import { InjectionError, InjectionErrorCode, joinPath } from '../../core/index.js';

/** The time source of Global's snapshot: monotonic milliseconds; tests bind their own. */
export const GlobalSecretClock = Symbol.for('podsecrets.global.Clock');
export type GlobalSecretClock = () => number;

/** How long what Global read of its files and environment is used before it is read again. */
export const GLOBAL_REFRESH_MS = 1000;

/** A directory's entries, or `unlisted` when it exists but cannot be listed (then each file is tried). */
type Listing = ReadonlySet<string> | undefined | 'unlisted';

function list(directory: string): Listing {
  try {
    return new Set(readdirSync(directory));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? undefined : 'unlisted';
  }
}

/**
 * What Global's sources hold, read once and kept for {@link GLOBAL_REFRESH_MS}: the variables named
 * with the prefix, and under `secrets-prefix` the directories and files asked for so far, with the
 * values read. An admission asks it without a call to the file system; the first one after the
 * interval reads afresh, so a value the operator adds, changes or removes is seen within a second.
 * Looking up a missing file cost more than the rest of the admission, and most secrets are not global.
 */
export class GlobalSecretSnapshot {
  readonly #prefix: string;
  readonly #envPrefix: string;
  readonly #environment: Readonly<Record<string, string | undefined>>;
  readonly #clock: GlobalSecretClock;
  #takenAt = Number.NEGATIVE_INFINITY;
  #variables = new Map<string, string>();
  #groups: Listing;
  readonly #keys = new Map<string, Listing>();
  readonly #values = new Map<string, string | undefined>();

  constructor(prefix: string, envPrefix: string, environment: Readonly<Record<string, string | undefined>>, clock: GlobalSecretClock) {
    this.#prefix = prefix;
    this.#envPrefix = envPrefix;
    this.#environment = environment;
    this.#clock = clock;
  }

  /**
   * Whether it holds no value at all: no variable named with the prefix and no `secrets-prefix`
   * directory, as on most webhooks. Then a secret is declined without a name built to look it up.
   */
  isEmpty(): boolean {
    this.#refresh();
    return this.#variables.size === 0 && this.#groups === undefined;
  }

  /** The value of the variable `name` (prefix included), if the environment has it. */
  variable(name: string): string | undefined {
    this.#refresh();
    return this.#variables.get(name);
  }

  /**
   * The content of `<secrets-prefix>/<group>/<key>`, undefined when there is no such file (or a
   * directory is there); throws SecretReadFailure when it exists but cannot be read.
   */
  file(group: string, key: string): string | undefined {
    this.#refresh();
    if (this.#groups === undefined || (this.#groups !== 'unlisted' && !this.#groups.has(group))) return undefined;
    let keys = this.#keys.get(group);
    if (keys === undefined && !this.#keys.has(group)) {
      keys = list(joinPath(this.#prefix, group));
      this.#keys.set(group, keys);
    }
    if (keys === undefined || (keys !== 'unlisted' && !keys.has(key))) return undefined;
    const path = joinPath(this.#prefix, group, key);
    if (this.#values.has(path)) return this.#values.get(path);
    const value = read(path);
    this.#values.set(path, value);
    return value;
  }

  #refresh(): void {
    const now = this.#clock();
    if (now - this.#takenAt < GLOBAL_REFRESH_MS && now >= this.#takenAt) return;
    this.#takenAt = now;
    const variables = new Map<string, string>();
    for (const [name, value] of Object.entries(this.#environment)) {
      if (value !== undefined && name.startsWith(this.#envPrefix)) variables.set(name, value);
    }
    this.#variables = variables;
    this.#groups = list(this.#prefix);
    this.#keys.clear();
    this.#values.clear();
  }
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A directory where the file would be is no secret either (Flyte: an error, and the next backend is tried).
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    // Unreadable (EACCES, EIO): the operator's setup is wrong, which the denial should say, not a bug.
    throw new InjectionError(InjectionErrorCode.SecretReadFailure, `cannot read the global secret file ${path}: ${code ?? 'unknown error'}`, { cause: error });
  }
}

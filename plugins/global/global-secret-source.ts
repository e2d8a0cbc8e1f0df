import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { inject, injectable } from 'inversify';
import { GLOBAL_SECRET_MANAGER_TYPE, InjectionError, InjectionErrorCode, type PlainTextValueSource, goUpper, joinPath } from '../../core/index.js';
import { GlobalSecretsSettings, GlobalSecretsType } from './global-config.js';

/** The webhook process's environment, a token so tests can give their own. */
export const GlobalSecretEnvironment = Symbol.for('podsecrets.global.Environment');
export type GlobalSecretEnvironment = Readonly<Record<string, string | undefined>>;

/**
 * Flyte's FileEnvSecretManager: a value from the webhook's own environment (`FLYTE_SECRET_<GROUP>_<KEY>`)
 * or, failing that, from the file `<secrets-prefix>/<group>/<key>`.
 */
@injectable()
export class GlobalSecretSource implements PlainTextValueSource {
  readonly injectorType = GLOBAL_SECRET_MANAGER_TYPE;
  readonly #config: GlobalSecretsSettings;
  readonly #environment: GlobalSecretEnvironment;
  /** Per admission: whether each directory looked at exists. */
  readonly #directories = new WeakMap<object, Map<string, boolean>>();

  constructor(
    @inject(GlobalSecretsSettings) settings: GlobalSecretsSettings,
    @inject(GlobalSecretEnvironment) environment: GlobalSecretEnvironment,
  ) {
    this.#config = settings;
    this.#environment = environment;
  }

  /**
   * The value, or undefined when neither the variable nor the file exists. `admission` (any object
   * that lives as long as one admission, e.g. its InjectionContext) lets the secrets of one pod share
   * the look-ups of the directories they are in.
   */
  read(group: string, key: string, admission?: object): string | undefined {
    const fromEnv = this.#environment[`${this.#config['env-prefix']}${goUpper(group)}_${goUpper(key)}`];
    if (fromEnv !== undefined) return fromEnv;
    // Most secrets are not global, and most webhooks have no secrets directory at all: asking whether
    // the directories exist, once per admission, spares a failed read per secret, which cost more than
    // the rest of the admission. The read still reports a file that vanished in between as absent.
    const prefix = this.#config['secrets-prefix'];
    if (!this.#exists(prefix, admission) || !this.#exists(joinPath(prefix, group), admission)) return undefined;
    try {
      return readFileSync(joinPath(prefix, group, key), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A directory where the file would be is no secret either (Flyte: an error, and the next backend is tried).
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
      // Unreadable (EACCES, EIO): the operator's setup is wrong, which the denial should say, not a bug.
      throw new InjectionError(InjectionErrorCode.SecretReadFailure, `cannot read the global secret file ${joinPath(prefix, group, key)}: ${code ?? 'unknown error'}`, { cause: error });
    }
  }

  /**
   * Whether Global has any value to give, as of now: a variable named `<env-prefix>...` in the
   * webhook's environment, or any entry in the directory `secrets-prefix` (a mounted Secret volume
   * always has some). Counted, never read: the answer names where values are, not what they are.
   */
  plainTextValues(): string | undefined {
    if (this.#config.type === GlobalSecretsType.None) return undefined;
    const prefix = this.#config['env-prefix'];
    const variables = Object.keys(this.#environment).filter((name) => name.startsWith(prefix) && name.length > prefix.length && this.#environment[name] !== undefined).length;
    const directory = this.#config['secrets-prefix'];
    let entries = 0;
    try {
      entries = readdirSync(directory).length;
    } catch {
      // No directory (the usual case) or none readable: no file value can be given either.
    }
    const where = [
      ...(variables > 0 ? [`${variables} variable(s) named ${prefix}* (secrets.env-prefix)`] : []),
      ...(entries > 0 ? [`${entries} entr${entries === 1 ? 'y' : 'ies'} in ${directory} (secrets.secrets-prefix)`] : []),
    ];
    return where.length === 0 ? undefined : `Global gives the webhook's own values to pods: ${where.join(' and ')}`;
  }

  #exists(path: string, admission: object | undefined): boolean {
    if (admission === undefined) return existsSync(path);
    let known = this.#directories.get(admission);
    if (known === undefined) {
      known = new Map();
      this.#directories.set(admission, known);
    }
    let exists = known.get(path);
    if (exists === undefined) {
      exists = existsSync(path);
      known.set(path, exists);
    }
    return exists;
  }
}

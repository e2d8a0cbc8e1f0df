import { readdirSync } from 'node:fs';
import { inject, injectable } from 'inversify';
import { GLOBAL_SECRET_MANAGER_TYPE, type PlainTextValueSource, goUpper } from '../../core/index.js';
import { GlobalSecretsSettings, GlobalSecretsType } from './global-config.js';
import { GlobalSecretClock, GlobalSecretSnapshot } from './global-secret-snapshot.js';

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
  readonly #snapshot: GlobalSecretSnapshot;

  constructor(
    @inject(GlobalSecretsSettings) settings: GlobalSecretsSettings,
    @inject(GlobalSecretEnvironment) environment: GlobalSecretEnvironment,
    @inject(GlobalSecretClock) clock: GlobalSecretClock,
  ) {
    this.#config = settings;
    this.#environment = environment;
    this.#snapshot = new GlobalSecretSnapshot(this.#config['secrets-prefix'], this.#config['env-prefix'], environment, clock);
  }

  /**
   * The value, or undefined when neither the variable nor the file exists, as of at most
   * GLOBAL_REFRESH_MS ago (see {@link GlobalSecretSnapshot}).
   */
  read(group: string, key: string): string | undefined {
    if (this.#snapshot.isEmpty()) return undefined;
    return this.#snapshot.variable(`${this.#config['env-prefix']}${goUpper(group)}_${goUpper(key)}`) ?? this.#snapshot.file(group, key);
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
}

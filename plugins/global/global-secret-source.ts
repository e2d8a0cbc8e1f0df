import { readFileSync } from 'node:fs';
import { inject, injectable } from 'inversify';
import { PodsecretsConfig, goUpper, joinPath } from '../../core/index.js';
import type { GlobalSecretsConfig } from './global-config.js';

/** The webhook process's environment, a token so tests can give their own. */
export const GlobalSecretEnvironment = Symbol.for('podsecrets.global.Environment');
export type GlobalSecretEnvironment = Readonly<Record<string, string | undefined>>;

/**
 * Flyte's FileEnvSecretManager: a value from the webhook's own environment (`FLYTE_SECRET_<GROUP>_<KEY>`)
 * or, failing that, from the file `<secrets-prefix>/<group>/<key>`.
 */
@injectable()
export class GlobalSecretSource {
  readonly #config: GlobalSecretsConfig;
  readonly #environment: GlobalSecretEnvironment;

  constructor(
    @inject(PodsecretsConfig) config: PodsecretsConfig,
    @inject(GlobalSecretEnvironment) environment: GlobalSecretEnvironment,
  ) {
    this.#config = config['secrets'] as GlobalSecretsConfig;
    this.#environment = environment;
  }

  /** The value, or undefined when neither the variable nor the file exists. */
  read(group: string, key: string): string | undefined {
    const fromEnv = this.#environment[`${this.#config['env-prefix']}${goUpper(group)}_${goUpper(key)}`];
    if (fromEnv !== undefined) return fromEnv;
    try {
      return readFileSync(joinPath(this.#config['secrets-prefix'], group, key), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A directory where the file would be is no secret either (Flyte: an error, and the next backend is tried).
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
      throw error;
    }
  }
}

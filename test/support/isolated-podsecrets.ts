import { GlobalSecretEnvironment } from '../../plugins/global/global-secret-source.js';
import { createTestPodsecrets, type TestPodsecretsOptions } from './test-podsecrets.js';

/** A directory that does not exist, so the Global injector finds no file. */
export const NO_GLOBAL_SECRETS_DIR = '/nonexistent/podsecrets-test/global-secrets';

/**
 * {@link createTestPodsecrets} with the Global injector cut off from the test process: it reads
 * `environment` instead of process.env and `secrets-prefix` is {@link NO_GLOBAL_SECRETS_DIR} unless
 * the config gives one. `webhook` and `secrets` of `config` are laid over those defaults.
 */
export function createIsolatedPodsecrets(
  config: { readonly webhook?: Record<string, unknown>; readonly secrets?: Record<string, unknown>; readonly [section: string]: unknown } = {},
  environment: Readonly<Record<string, string>> = {},
  options: Omit<TestPodsecretsOptions, 'config'> = {},
): ReturnType<typeof createTestPodsecrets> {
  return createTestPodsecrets({
    ...options,
    config: { ...config, secrets: { 'secrets-prefix': NO_GLOBAL_SECRETS_DIR, ...config.secrets } },
    configure: (container) => {
      container.rebind(GlobalSecretEnvironment).toConstantValue(environment);
      options.configure?.(container);
    },
  });
}

import { inject, injectable } from 'inversify';
import {
  GLOBAL_SECRET_MANAGER_TYPE,
  type InjectionContext,
  InjectionError,
  InjectionErrorCode,
  MountRequirement,
  type PodEdit,
  requireEnvVarName,
  SECRETS_ENV_PREFIX_ENV,
  type SecretInjector,
  type SecretRequest,
  secretEnvVarName,
  WebhookSettings,
} from '../../core/index.js';
import { GlobalSecretSource } from './global-secret-source.js';

// A group or key is a path element under secrets-prefix: one that is not a plain name could read any
// file of the webhook pod (its TLS key, its service account token) into a pod's environment.
const PLAIN_PATH_ELEMENT = /^(?!\.\.?$)[^/\0]+$/;

/**
 * Flyte's Global injector, tried before the configured backend: a value the operator placed in the
 * webhook's own environment or files, put into the pod as a plain-text env var. Only ENV_VAR and ANY.
 */
@injectable()
export class GlobalSecretInjector implements SecretInjector {
  readonly type = GLOBAL_SECRET_MANAGER_TYPE;
  readonly #prefix: string;
  readonly #source: GlobalSecretSource;

  constructor(
    @inject(WebhookSettings) webhook: WebhookSettings,
    @inject(GlobalSecretSource) source: GlobalSecretSource,
  ) {
    this.#prefix = webhook.secretEnvVarPrefix;
    this.#source = source;
  }

  inject(secret: SecretRequest, edit: PodEdit, context?: InjectionContext): void {
    if (secret.mountRequirement === MountRequirement.FILE) {
      throw new InjectionError(InjectionErrorCode.UnsupportedMount, 'global secrets can only be injected as environment variables (ENV_VAR or ANY), not FILE');
    }
    if (secret.group === '' || secret.key === '') {
      throw new InjectionError(InjectionErrorCode.InvalidRequest, 'a global secret needs both a group and a key');
    }
    if (!PLAIN_PATH_ELEMENT.test(secret.group) || !PLAIN_PATH_ELEMENT.test(secret.key)) {
      throw new InjectionError(InjectionErrorCode.InvalidRequest, "a global secret's group and key must be plain names, without '/' and not '.' or '..'");
    }
    const value = this.#source.read(secret.group, secret.key, context);
    if (value === undefined) {
      throw new InjectionError(InjectionErrorCode.SecretNotFound, 'no such global secret in the webhook environment or secrets directory');
    }
    edit.setEnv({ name: requireEnvVarName(secretEnvVarName(this.#prefix, secret), 'the generated env var name'), value }, { name: SECRETS_ENV_PREFIX_ENV, value: this.#prefix });
  }
}

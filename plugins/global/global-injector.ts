import { inject, injectable } from 'inversify';
import {
  GLOBAL_SECRET_MANAGER_TYPE,
  type InjectionContext,
  InjectionError,
  InjectionErrorCode,
  kubeletLiteral,
  MountRequirement,
  type PodEdit,
  requireEnvVarName,
  SECRETS_ENV_PREFIX_ENV,
  type SecretInjector,
  type SecretRequest,
  secretEnvVarName,
  WebhookSettings,
} from '../../core/index.js';
import { GlobalSecretsSettings, GlobalSecretsType } from './global-config.js';
import { GlobalSecretSource } from './global-secret-source.js';

/** Global's own code: the value exists, but `secrets.allowedNamespaces` does not list the pod's namespace. */
export const NAMESPACE_NOT_ALLOWED = 'NamespaceNotAllowed';

// A group or key is a path element under secrets-prefix: one that is not a plain name could read any
// file of the webhook pod (its TLS key, its service account token) into a pod's environment.
const PLAIN_PATH_ELEMENT = /^(?!\.\.?$)[^/\0]+$/;

// Global is tried first for every secret and declines most of them, always with one of these three
// answers: each is made once and thrown again, since building an error per secret cost more than the
// rest of Global's work. The mutator only reads an InjectionError's code and message.
const FILE_REFUSED = new InjectionError(InjectionErrorCode.UnsupportedMount, 'global secrets can only be injected as environment variables (ENV_VAR or ANY), not FILE');
const GROUP_AND_KEY_REQUIRED = new InjectionError(InjectionErrorCode.InvalidRequest, 'a global secret needs both a group and a key');
const NOT_PLAIN_NAMES = new InjectionError(InjectionErrorCode.InvalidRequest, "a global secret's group and key must be plain names, without '/' and not '.' or '..'");
const NOT_FOUND = new InjectionError(InjectionErrorCode.SecretNotFound, 'no such global secret in the webhook environment or secrets directory');

/**
 * Flyte's Global injector, tried before the configured backend: a value the operator placed in the
 * webhook's own environment or files, put into the pod as a plain-text env var. Only ENV_VAR and ANY,
 * only for the namespaces `secrets.allowedNamespaces` lists (all when empty), and not at all with
 * `secrets.type: none`.
 */
@injectable()
export class GlobalSecretInjector implements SecretInjector {
  readonly type = GLOBAL_SECRET_MANAGER_TYPE;
  readonly disabledBy?: string;
  readonly #prefix: string;
  readonly #source: GlobalSecretSource;
  /** Undefined: every namespace. */
  readonly #allowedNamespaces: ReadonlySet<string> | undefined;

  constructor(@inject(WebhookSettings) webhook: WebhookSettings, @inject(GlobalSecretsSettings) secrets: GlobalSecretsSettings, @inject(GlobalSecretSource) source: GlobalSecretSource) {
    if (secrets.type === GlobalSecretsType.None) this.disabledBy = 'secrets.type: none';
    this.#prefix = webhook.secretEnvVarPrefix;
    this.#source = source;
    this.#allowedNamespaces = secrets.allowedNamespaces.length === 0 ? undefined : new Set(secrets.allowedNamespaces);
  }

  /** Why Global passes `secret` on at once (see {@link SecretInjector.decline}), or undefined when it holds a value for it. */
  decline(secret: SecretRequest): InjectionError | undefined {
    return this.#refusal(secret) ?? (this.#source.read(secret.group, secret.key) === undefined ? NOT_FOUND : undefined);
  }

  inject(secret: SecretRequest, edit: PodEdit, context: InjectionContext): void {
    const refusal = this.#refusal(secret);
    if (refusal !== undefined) throw refusal;
    const value = this.#source.read(secret.group, secret.key);
    if (value === undefined) {
      throw NOT_FOUND;
    }
    // Checked once the value is known to exist, so that a namespace outside the list sees the refusal
    // only for what Global would have given it, and the other backends' secrets pass on without a warning.
    if (this.#allowedNamespaces !== undefined && !this.#allowedNamespaces.has(context.namespace)) {
      throw new InjectionError(
        NAMESPACE_NOT_ALLOWED,
        `namespace "${context.namespace}" may not receive the global secret group "${secret.group}" key "${secret.key}": secrets.allowedNamespaces lists only ${[...this.#allowedNamespaces].join(', ')}`,
      );
    }
    // The kubelet expands $(NAME) and $$ in an env value: escaped, the value arrives byte for byte.
    edit.setEnv({ name: requireEnvVarName(secretEnvVarName(this.#prefix, secret), 'the generated env var name'), value: kubeletLiteral(value) }, { name: SECRETS_ENV_PREFIX_ENV, value: this.#prefix });
  }

  // What Global refuses whatever it holds, in the order Flyte checks it.
  #refusal(secret: SecretRequest): InjectionError | undefined {
    if (secret.mountRequirement === MountRequirement.FILE) return FILE_REFUSED;
    if (secret.group === '' || secret.key === '') return GROUP_AND_KEY_REQUIRED;
    if (!PLAIN_PATH_ELEMENT.test(secret.group) || !PLAIN_PATH_ELEMENT.test(secret.key)) return NOT_PLAIN_NAMES;
    return undefined;
  }
}

import type { SecretRequest } from '../secret/secret-request.js';
import type { PodEdit } from '../pod/pod-edit.js';
import type { InjectionContext } from './injection-context.js';
import type { InjectionError } from './injection-error.js';

/**
 * The extension point for secret backends: one {@link SecretInjector} per backend, contributed by the
 * backend's plugin module with `bind(SecretInjector).toService(MyInjector)`.
 *
 * The {@link InjectorRegistry} collects every contribution and the {@link PodMutator} calls, for each
 * secret a pod asks for, the injectors enabled by `webhook.secretManagerType(s)` in order until one succeeds.
 */
export const SecretInjector = Symbol.for('podsecrets.SecretInjector');

/** A secret backend's pod mutation. See {@link SecretInjector} (the token) for how it is wired. */
export interface SecretInjector {
  /**
   * The name `webhook.secretManagerType` selects, compared without regard to case, e.g. `K8s`.
   * Two injectors may not share a type: the registry refuses to start.
   */
  readonly type: string;

  /**
   * Set when the operator's configuration turned this backend off, to the setting that did (e.g.
   * `secrets.type: none`): the chain leaves it out, and naming it as a backend is refused at start,
   * quoting this text. Absent for a backend that is on.
   */
  readonly disabledBy?: string;

  /**
   * Records in `edit` what the pod needs to receive `secret`, or throws an {@link InjectionError} that
   * says why this backend cannot deliver it. Edits are applied only if this call succeeds, so an
   * injector may throw after recording edits without leaving a half-written pod.
   *
   * Must be deterministic (the same pod and secret give the same edits) and must leave a pod it has
   * already processed unchanged, because Kubernetes may call the webhook again on its own output.
   */
  inject(secret: SecretRequest, edit: PodEdit, context: InjectionContext): void | Promise<void>;

  /**
   * Optional, for a backend tried for every secret that refuses most of them: the error {@link inject}
   * would throw for `secret` before recording any edit, or undefined when it would try. The mutator asks
   * first and, given an error, passes the secret on to the next backend with that code and message,
   * without the edit and the throw (a throw costs more than the rest of such a refusal). `inject` must
   * still refuse on its own: it is called whenever this returns undefined, and by other callers.
   */
  decline?(secret: SecretRequest, context: InjectionContext): InjectionError | undefined;
}

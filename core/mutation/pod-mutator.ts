import { inject, injectable } from 'inversify';
import { WebhookSettings } from '../config/webhook-settings.js';
import type { InjectionContext } from '../injector/injection-context.js';
import { InjectionError, InjectionErrorCode } from '../injector/injection-error.js';
import { resolveInjectorChain } from '../injector/injector-chain.js';
import { InjectorRegistry } from '../injector/injector-registry.js';
import type { SecretInjector } from '../injector/secret-injector.js';
import { Logger } from '../logging/logger.js';
import { assertPodShape } from '../pod/assert-pod-shape.js';
import { PodDraft, type PendingPodEdit } from '../pod/pod-draft.js';
import { type AnnotatedSecretRequest, describeSecret } from '../secret/secret-request.js';
import { DecodedSecretCache } from '../wire/decoded-secret-cache.js';
import { decodePodSecretRequests } from '../wire/pod-secret-requests.js';
import type { Injection, InjectionFailure, MutationResult } from './mutation-result.js';
import { PodSizeLimits, podSizeExcess } from './pod-size-limits.js';
import { withinDeadline } from './within-deadline.js';

// Codes with which a backend passes a secret on to the next one in the normal course (Global has no
// such value, cannot mount files, ...): not a sign that anything is broken.
const PASS_ON_CODES: ReadonlySet<string> = new Set([InjectionErrorCode.SecretNotFound, InjectionErrorCode.UnsupportedMount, InjectionErrorCode.InvalidRequest]);

/** A write outside the pod that an injector recorded for `secret` (PodEdit.onAdmit). */
interface AdmitEffect {
  readonly secret: AnnotatedSecretRequest;
  readonly injector: SecretInjector;
  readonly run: (signal: AbortSignal) => Promise<void>;
}

/**
 * Turns a pod into the pod with its secrets (Flyte v2's SecretsPodMutator): each secret the pod's
 * annotations ask for (Flyte's, then the readable ones; see {@link decodePodSecretRequests}), in that
 * order, goes to the enabled injectors in order until one succeeds; if none does, the pod is denied
 * with every backend's reason.
 */
@injectable()
export class PodMutator {
  readonly #chain: readonly SecretInjector[];
  readonly #limits: PodSizeLimits;
  readonly #logger: Logger;
  readonly #decoded: DecodedSecretCache;

  constructor(
    @inject(InjectorRegistry) registry: InjectorRegistry,
    @inject(WebhookSettings) settings: WebhookSettings,
    @inject(PodSizeLimits) limits: PodSizeLimits,
    @inject(Logger) logger: Logger,
    @inject(DecodedSecretCache) decoded: DecodedSecretCache,
  ) {
    this.#chain = resolveInjectorChain(registry, settings);
    this.#limits = limits;
    this.#logger = logger;
    this.#decoded = decoded;
  }

  /** The types tried for each secret, in order. */
  get chain(): string[] {
    return this.#chain.map((injector) => injector.type);
  }

  /**
   * Mutates a copy of `pod`; `pod` itself is never changed. Throws a PodShapeError for an object that
   * is not a pod, and a SecretAnnotationError for an annotation that does not decode.
   */
  async mutate(pod: unknown, context: InjectionContext): Promise<MutationResult> {
    assertPodShape(pod);
    // Before anything is decoded: a pod too large to answer quickly is refused for the cost of counting.
    const excess = podSizeExcess(pod, this.#limits);
    if (excess !== undefined) return { outcome: 'denied', message: excess, failures: [] };
    // A JSON null is as good as absent; assertPodShape lets it through.
    const secrets = decodePodSecretRequests(pod.metadata?.annotations ?? undefined, this.#decoded);
    if (secrets.length === 0) return { outcome: 'unchanged', warnings: [] };
    const draft = new PodDraft(pod);
    const injections: Injection[] = [];
    const fallbacks: InjectionFailure[] = [];
    const degraded: string[] = [];
    const effects: AdmitEffect[] = [];
    for (const secret of secrets) {
      const failures: InjectionFailure[] = [];
      const attempt = this.#injectOne(secret, draft, context, failures, effects, 0);
      // Awaited only when a backend answered later: a turn of the microtask queue per secret adds up.
      const injector = attempt instanceof Promise ? await attempt : attempt;
      if (injector === undefined) return this.#deny(secret, failures);
      injections.push({ secret, type: injector.type });
      const broken = failures.length === 0 ? failures : failures.filter((failure) => !PASS_ON_CODES.has(failure.code));
      if (broken.length > 0) {
        // Delivered, but only because a backend that should have answered broke: say so, or the broken
        // backend hides behind its fallback. (Passing a secret on because it is not yours is normal.)
        fallbacks.push(...broken);
        degraded.push(`${secret.source}: injected by ${injector.type} after ${broken.map((failure) => `${failure.type} [${failure.code}]`).join(', ')} failed`);
      }
    }
    const failed = effects.length > 0 ? await this.#runEffects(effects, context) : undefined;
    if (failed !== undefined) return failed;
    return {
      outcome: 'mutated',
      pod: draft.finish(),
      injections,
      warnings: [...draft.warnings, ...degraded],
      ...(fallbacks.length > 0 ? { failures: fallbacks } : {}),
    };
  }

  /**
   * Tries the chain from `from` until an injector succeeds: that injector, or undefined when none
   * does. Synchronous while the injectors answer at once, as most do; a promise from the first that
   * answers later, for it and the rest of the chain.
   */
  #injectOne(
    secret: AnnotatedSecretRequest,
    draft: PodDraft,
    context: InjectionContext,
    failures: InjectionFailure[],
    effects: AdmitEffect[],
    from: number,
  ): SecretInjector | undefined | Promise<SecretInjector | undefined> {
    for (let index = from; index < this.#chain.length; index++) {
      const injector = this.#chain[index]!;
      try {
        const declined = injector.decline?.(secret, context);
        if (declined !== undefined) {
          failures.push(this.#failure(injector, secret, declined, context));
          continue;
        }
      } catch (error) {
        failures.push(this.#failure(injector, secret, error, context));
        continue;
      }
      const edit = draft.begin();
      try {
        const work = injector.inject(secret, edit, context);
        if (work instanceof Promise) return this.#injectLater(work, edit, index, secret, draft, context, failures, effects);
        this.#accept(injector, edit, secret, draft, effects);
        return injector;
      } catch (error) {
        failures.push(this.#failure(injector, secret, error, context));
      }
    }
    return undefined;
  }

  async #injectLater(
    work: Promise<void>,
    edit: PendingPodEdit,
    index: number,
    secret: AnnotatedSecretRequest,
    draft: PodDraft,
    context: InjectionContext,
    failures: InjectionFailure[],
    effects: AdmitEffect[],
  ): Promise<SecretInjector | undefined> {
    const injector = this.#chain[index]!;
    try {
      await withinDeadline(work, context.signal, injector.type);
      this.#accept(injector, edit, secret, draft, effects);
      return injector;
    } catch (error) {
      failures.push(this.#failure(injector, secret, error, context));
    }
    return this.#injectOne(secret, draft, context, failures, effects, index + 1);
  }

  #accept(injector: SecretInjector, edit: PendingPodEdit, secret: AnnotatedSecretRequest, draft: PodDraft, effects: AdmitEffect[]): void {
    draft.apply(edit);
    for (const run of edit.effects) effects.push({ secret, injector, run });
  }

  /** Every secret resolved: now the writes outside the pod (see PodEdit.onAdmit); the first failure denies. */
  async #runEffects(effects: readonly AdmitEffect[], context: InjectionContext): Promise<MutationResult | undefined> {
    for (const { secret, injector, run } of effects) {
      try {
        await withinDeadline(run(context.signal), context.signal, injector.type);
      } catch (error) {
        const failure = this.#failure(injector, secret, error, context);
        return {
          outcome: 'denied',
          secret,
          failures: [failure],
          message: `${describeSecret(secret)} was resolved by ${injector.type}, which then failed to complete it: ${failure.type}: [${failure.code}] ${failure.message}`,
        };
      }
    }
    return undefined;
  }

  #failure(injector: SecretInjector, secret: AnnotatedSecretRequest, error: unknown, context: InjectionContext): InjectionFailure {
    if (error instanceof InjectionError) return { type: injector.type, code: error.code, message: error.message };
    // An unexpected exception's message may quote anything, a secret value included, so neither the
    // response nor the log gets it: the log gets the error's type and where it was thrown.
    this.#logger.error(
      {
        uid: context.uid,
        backend: injector.type,
        source: secret.source,
        errorType: error instanceof Error ? error.constructor.name : typeof error,
        frames:
          error instanceof Error
            ? (error.stack ?? '')
                .split('\n')
                .filter((line) => line.trimStart().startsWith('at '))
                .slice(0, 10)
            : [],
      },
      'secret injector failed unexpectedly',
    );
    return { type: injector.type, code: 'InternalError', message: `the ${injector.type} injector failed unexpectedly (see the webhook log)` };
  }

  #deny(secret: AnnotatedSecretRequest, failures: readonly InjectionFailure[]): MutationResult {
    const reasons = failures.map((failure) => `${failure.type}: [${failure.code}] ${failure.message}`).join('; ');
    return {
      outcome: 'denied',
      secret,
      failures,
      message: `none of the secret managers injected ${describeSecret(secret)}; tried ${this.chain.join(', ')}: ${reasons}`,
    };
  }
}

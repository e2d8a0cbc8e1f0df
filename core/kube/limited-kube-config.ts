import { KubeConfig, type RequestContext } from '@kubernetes/client-node';
import { effectiveKubeClientLimits, type KubeClientLimits } from './kube-client-limits.js';
import { TokenBucket } from './token-bucket.js';

/**
 * A KubeConfig whose API clients honour Flyte's `kubeClientConfig` on every call, as client-go does:
 * a call waits for a token of the rate limiter, and is aborted when it takes longer than the timeout.
 * Every generated API client built by `makeApiClient` calls `applySecurityAuthentication` of its
 * KubeConfig once per request, just before sending it: the one place every call passes.
 */
export class LimitedKubeConfig extends KubeConfig {
  readonly #bucket: TokenBucket;
  readonly #timeoutMs: number;

  constructor(limits: KubeClientLimits) {
    super();
    const effective = effectiveKubeClientLimits(limits);
    this.#bucket = new TokenBucket(effective.qps, effective.burst);
    this.#timeoutMs = effective.timeout;
  }

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await this.#bucket.take();
    await super.applySecurityAuthentication(context);
    if (this.#timeoutMs > 0) context.setSignal(withSignal(context.getSignal(), AbortSignal.timeout(this.#timeoutMs)));
  }
}

/** `signal` joined to what a request already listens to: whichever aborts first aborts the request. */
export function withSignal(existing: AbortSignal | undefined, signal: AbortSignal): AbortSignal {
  return existing === undefined ? signal : AbortSignal.any([existing, signal]);
}

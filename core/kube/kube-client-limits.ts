/**
 * Flyte's `kubeClientConfig` (webhook and embeddedSecretManagerConfig.k8sConfig): the client-side rate of
 * Kubernetes calls, its burst, and the longest a call may take in milliseconds (0 or less: no limit).
 */
export interface KubeClientLimits {
  readonly qps: number;
  readonly burst: number;
  readonly timeout: number;
}

// client-go's rest.DefaultQPS and rest.DefaultBurst, which apply when Flyte leaves a value at 0.
const DEFAULT_QPS = 5;
const DEFAULT_BURST = 10;

/**
 * Flyte's ResolveKubeClientConfigs: each of `own`'s values left at 0 takes `fallback`'s (the embedded
 * K8s fetcher's client falls back to webhook.kubeClientConfig, key by key).
 */
export function withKubeClientFallback(own: KubeClientLimits, fallback: KubeClientLimits): KubeClientLimits {
  return {
    qps: own.qps === 0 ? fallback.qps : own.qps,
    burst: own.burst === 0 ? fallback.burst : own.burst,
    timeout: own.timeout === 0 ? fallback.timeout : own.timeout,
  };
}

/**
 * The limits a client runs with: Flyte sets qps, burst and timeout on the client only when they are
 * above 0, so client-go's defaults (5 per second, burst 10, no timeout) hold otherwise.
 */
export function effectiveKubeClientLimits(limits: KubeClientLimits): KubeClientLimits {
  return {
    qps: limits.qps > 0 ? limits.qps : DEFAULT_QPS,
    burst: limits.burst > 0 ? limits.burst : DEFAULT_BURST,
    timeout: limits.timeout > 0 ? limits.timeout : 0,
  };
}

import type { KubeClientLimits } from '../kube/kube-client-limits.js';
import { setting } from './setting.js';
import { defineSettings, type SettingsOf } from './settings-section.js';

/**
 * The keys of a Flyte `kubeClientConfig` (qps, burst, timeout), with `defaults` as written in YAML.
 * `webhook.kubeClientConfig` and `embeddedSecretManagerConfig.k8sConfig.kubeClientConfig` share them.
 */
export function kubeClientLimitsSchema(defaults: { qps: number; burst: number; timeout: string }, whose: string) {
  return {
    qps: setting.number(`Most Kubernetes calls per second ${whose} makes (a token bucket, as client-go's); 0 or less: client-go's 5.`, defaults.qps),
    burst: setting.count(`Calls ${whose} may make at once before qps applies; 0: client-go's 10.`, defaults.burst),
    timeout: setting.durationOrNone(`Longest a Kubernetes call of ${whose} may take; 0 (or "", or negative) means none, as in Flyte.`, defaults.timeout),
  };
}

/**
 * `webhook.kubeClientConfig`: the limits of every Kubernetes client of podsecrets (certificates,
 * registration, leases, Embedded's Secrets); the K8s fetcher falls back to them key by key.
 */
export const WebhookKubeClientSettings = Symbol.for('podsecrets.WebhookKubeClientSettings');

export const webhookKubeClientSettings = defineSettings(WebhookKubeClientSettings, {
  path: 'webhook.kubeClientConfig',
  owner: 'core',
  schema: kubeClientLimitsSchema({ qps: 100, burst: 25, timeout: '30s' }, "podsecrets' Kubernetes clients"),
});

export interface WebhookKubeClientSettings extends SettingsOf<typeof webhookKubeClientSettings>, KubeClientLimits {}

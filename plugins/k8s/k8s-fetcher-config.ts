import { defineSettings, setting, type SettingsOf } from '../../core/index.js';

/** `webhook.embeddedSecretManagerConfig.k8sConfig`: where Embedded mode's K8s fetcher reads (Flyte's keys). */
export const K8sFetcherSettings = Symbol.for('podsecrets.k8s.K8sFetcherSettings');

export const k8sFetcherSettings = defineSettings(K8sFetcherSettings, {
  path: 'webhook.embeddedSecretManagerConfig.k8sConfig',
  owner: 'Embedded',
  schema: {
    namespace: setting.string("Namespace of the Secrets Flyte's secret service writes (Secret md5(id), data key id).", 'flyte'),
    kubeClientConfig: {
      qps: setting.number("Flyte's client rate (accepted for compatibility; podsecrets makes one GET per cache miss and does not throttle).", 0),
      burst: setting.count("Flyte's client burst (accepted for compatibility, as qps).", 0),
      timeout: setting.durationOrNone('Accepted for compatibility; each call is bounded by embeddedSecretManagerConfig.fetchTimeout.', '0s'),
    },
  },
});

export interface K8sFetcherSettings extends SettingsOf<typeof k8sFetcherSettings> {}

import { defineSettings, kubeClientLimitsSchema, setting, type SettingsOf } from '../../core/index.js';

/** `webhook.embeddedSecretManagerConfig.k8sConfig`: where Embedded mode's K8s fetcher reads (Flyte's keys). */
export const K8sFetcherSettings = Symbol.for('podsecrets.k8s.K8sFetcherSettings');

export const k8sFetcherSettings = defineSettings(K8sFetcherSettings, {
  path: 'webhook.embeddedSecretManagerConfig.k8sConfig',
  owner: 'Embedded',
  schema: {
    namespace: setting.string("Namespace of the Secrets Flyte's secret service writes (Secret md5(id), data key id).", 'flyte'),
    // Each key left at 0 takes webhook.kubeClientConfig's, as Flyte's ResolveKubeClientConfigs does.
    kubeClientConfig: kubeClientLimitsSchema({ qps: 0, burst: 0, timeout: '0s' }, "the K8s fetcher (0: webhook.kubeClientConfig's)"),
  },
});

export interface K8sFetcherSettings extends SettingsOf<typeof k8sFetcherSettings> {}

import { setting } from './setting.js';
import { defineSettings, type SettingsOf } from './settings-section.js';

/**
 * Which kubeconfig podsecrets' own Kubernetes clients use (the K8s fetcher, Embedded mode's Secrets).
 * Core declares it because more than one plugin reads it, and a plugin imports no other plugin. The key
 * sits in Embedded mode's section and Embedded's module binds it: the fetchers serve Embedded mode only.
 */
export const KubeClientSettings = Symbol.for('podsecrets.KubeClientSettings');

export const kubeClientSettings = defineSettings(KubeClientSettings, {
  path: 'webhook.embeddedSecretManagerConfig',
  owner: 'Embedded',
  schema: {
    kubeconfig: setting.file(
      'A kubeconfig file for the Kubernetes API (the K8s fetcher, secretRef and image pull Secrets), loaded when serve starts; empty: $KUBECONFIG, else ~/.kube/config, else in-cluster.',
      '',
    ),
  },
});

export interface KubeClientSettings extends SettingsOf<typeof kubeClientSettings> {}

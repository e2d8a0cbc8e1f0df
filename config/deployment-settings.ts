import { defineSettings, setting, type SettingsOf } from '../core/index.js';

/** podsecrets' `deployment:` section: what `manifests` renders, and the namespace without $POD_NAMESPACE. */
export const DeploymentSettings = Symbol.for('podsecrets.DeploymentSettings');

export const deploymentSettings = defineSettings(DeploymentSettings, {
  path: 'deployment',
  owner: 'server',
  schema: {
    namespace: setting.string("podsecrets' own namespace, used when $POD_NAMESPACE is not set; `manifests` puts everything there.", 'podsecrets'),
    image: setting.string('Container image `manifests` puts in the Deployment.', 'ghcr.io/podsecrets/podsecrets:0.1.0'),
    replicas: setting.count('Replicas of the webhook Deployment (at least 2 keeps pods admissible during a node drain).', 2),
    failurePolicy: setting.oneOf('failurePolicy of the webhook registration: Fail (a pod that asked for secrets is not created without them) or Ignore.', ['Fail', 'Ignore'], 'Fail'),
    embeddedNamespaces: setting.strings(
      'Namespaces where Embedded mode may write the Secrets it delivers values through (secretRef, image pull copies): `manifests` binds its Secret permissions in each; empty: cluster-wide.',
      [],
      'namespace-list',
    ),
    serviceMonitor: setting.boolean("`manifests` also renders a ServiceMonitor (Prometheus Operator's CRD) that scrapes /metrics over HTTPS.", false),
  },
});

export interface DeploymentSettings extends SettingsOf<typeof deploymentSettings> {}

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeClientLimits } from './kube-client-limits.js';
import { LimitedKubeConfig } from './limited-kube-config.js';

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * The one Kubernetes client configuration of podsecrets, server and plugins alike: `file` when given,
 * else the pod's service account (in a cluster, as Flyte resolves it), else $KUBECONFIG's first file,
 * else ~/.kube/config. Every client made from it waits for `limits`' rate and gives up after its
 * timeout (see {@link LimitedKubeConfig}), as Flyte's `kubeClientConfig` makes client-go do.
 */
export function loadKubeConfig(file: string, limits: KubeClientLimits, environment: NodeJS.ProcessEnv): KubeConfig {
  const config = new LimitedKubeConfig(limits);
  if (file !== '') {
    config.loadFromFile(file);
  } else if (environment['KUBERNETES_SERVICE_HOST'] && environment['KUBERNETES_SERVICE_PORT'] && existsSync(SERVICE_ACCOUNT_TOKEN)) {
    config.loadFromCluster();
  } else if (environment['KUBECONFIG']) {
    const [first] = environment['KUBECONFIG'].split(delimiter).filter((name) => name !== '');
    config.loadFromFile(first ?? '');
  } else if (existsSync(join(homedir(), '.kube', 'config'))) {
    config.loadFromFile(join(homedir(), '.kube', 'config'));
  } else {
    throw new Error(
      'no Kubernetes client configuration: not in a cluster, $KUBECONFIG unset, no ~/.kube/config; set $KUBECONFIG (or, for Embedded mode, webhook.embeddedSecretManagerConfig.kubeconfig)',
    );
  }
  return config;
}

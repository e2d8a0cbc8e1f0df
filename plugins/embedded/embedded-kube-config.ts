import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * The Kubernetes client configuration, in the standard order: the file named in the configuration,
 * else the pod's service account (in a cluster), else $KUBECONFIG, else ~/.kube/config.
 * (plugins/k8s has the same function: a plugin imports only core, so the two cannot share it.)
 */
export function loadKubeConfig(file: string, environment: NodeJS.ProcessEnv = process.env): KubeConfig {
  const config = new KubeConfig();
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
      'no Kubernetes client configuration: not in a cluster, $KUBECONFIG unset, no ~/.kube/config; set webhook.embeddedSecretManagerConfig.kubeconfig',
    );
  }
  return config;
}

import { AdmissionregistrationV1Api, CoordinationV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';

/** The three API groups podsecrets writes to, from one kubeconfig. */
export interface KubeClients {
  readonly core: CoreV1Api;
  readonly admission: AdmissionregistrationV1Api;
  readonly coordination: CoordinationV1Api;
}

/**
 * A kubeconfig from $KUBECONFIG when set, else the default chain (~/.kube/config, then the pod's
 * service account), which is what runs in the cluster.
 */
export function loadKubeConfig(environment: NodeJS.ProcessEnv): KubeConfig {
  const config = new KubeConfig();
  const file = environment['KUBECONFIG'];
  if (file !== undefined && file !== '') config.loadFromFile(file);
  else config.loadFromDefault();
  return config;
}

export function makeKubeClients(config: KubeConfig): KubeClients {
  return {
    core: config.makeApiClient(CoreV1Api),
    admission: config.makeApiClient(AdmissionregistrationV1Api),
    coordination: config.makeApiClient(CoordinationV1Api),
  };
}

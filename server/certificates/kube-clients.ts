import { AdmissionregistrationV1Api, CoordinationV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';

/** The three API groups podsecrets writes to, from one kubeconfig. */
export interface KubeClients {
  readonly core: CoreV1Api;
  readonly admission: AdmissionregistrationV1Api;
  readonly coordination: CoordinationV1Api;
}

/** The three API clients, from one kubeconfig: core's loadKubeConfig, so that every call honours webhook.kubeClientConfig. */
export function makeKubeClients(config: KubeConfig): KubeClients {
  return {
    core: config.makeApiClient(CoreV1Api),
    admission: config.makeApiClient(AdmissionregistrationV1Api),
    coordination: config.makeApiClient(CoordinationV1Api),
  };
}

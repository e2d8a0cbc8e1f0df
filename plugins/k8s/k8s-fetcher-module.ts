import { ContainerModule } from 'inversify';
import { ConfigSchemaContribution, SecretFetcher } from '../../core/index.js';
import { K8sSecretFetcher } from './k8s-fetcher.js';

const k8sFetcherConfigSchema: ConfigSchemaContribution = {
  owner: 'Embedded',
  schema: {
    webhook: {
      embeddedSecretManagerConfig: {
        k8sConfig: {
          namespace: { doc: "Namespace of the Secrets Flyte's secret service writes (Secret md5(id), data key id).", format: String, default: 'flyte' },
          kubeClientConfig: {
            qps: { doc: "Flyte's client rate (accepted for compatibility; podsecrets makes one GET per cache miss and does not throttle).", format: Number, default: 0 },
            burst: { doc: "Flyte's client burst (accepted for compatibility, as qps).", format: 'nat', default: 0 },
            timeout: { doc: 'Accepted for compatibility; each call is bounded by embeddedSecretManagerConfig.fetchTimeout.', format: 'go-duration-or-none', default: '0s' },
          },
        },
      },
    },
  },
};

/** Embedded mode's Kubernetes Secrets fetcher: `embeddedSecretManagerConfig.type: K8s`. */
export const k8sFetcherModule = new ContainerModule(({ bind }) => {
  bind(ConfigSchemaContribution).toConstantValue(k8sFetcherConfigSchema);
  bind(K8sSecretFetcher).toSelf().inSingletonScope();
  bind(SecretFetcher).toService(K8sSecretFetcher);
});

import { ContainerModule } from 'inversify';
import { bindSettings, SecretFetcher } from '../../core/index.js';
import { k8sFetcherSettings } from './k8s-fetcher-config.js';
import { K8sSecretFetcher } from './k8s-fetcher.js';

/** Embedded mode's Kubernetes Secrets fetcher: `embeddedSecretManagerConfig.type: K8s`. */
export const k8sFetcherModule = new ContainerModule(({ bind }) => {
  bindSettings(bind, k8sFetcherSettings);
  bind(K8sSecretFetcher).toSelf().inSingletonScope();
  bind(SecretFetcher).toService(K8sSecretFetcher);
});

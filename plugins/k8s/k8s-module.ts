import { ContainerModule } from 'inversify';
import { SecretInjector } from '../../core/index.js';
import { K8sSecretInjector } from './k8s-injector.js';

/** The Kubernetes Secrets backend: `secretManagerType: K8s`. */
export const k8sModule = new ContainerModule(({ bind }) => {
  bind(K8sSecretInjector).toSelf().inSingletonScope();
  bind(SecretInjector).toService(K8sSecretInjector);
});

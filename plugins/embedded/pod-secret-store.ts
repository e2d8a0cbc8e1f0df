import { CoreV1Api } from '@kubernetes/client-node';
import { inject, injectable } from 'inversify';
import { type InjectionContext, PodsecretsConfig } from '../../core/index.js';
import { readEmbeddedConfig } from './embedded-config.js';
import { loadKubeConfig } from './embedded-kube-config.js';
import { podSecretName, PodSecretWriter } from './pod-secret-writer.js';

/**
 * The {@link PodSecretWriter} of `valueDelivery: secretRef`, with the admission's rules: on a dry run
 * nothing is written (the API server promised the caller no side effect) but the pod still gets the
 * same reference, so a dry run shows what a real run would do.
 */
@injectable()
export class PodSecretStore {
  readonly #kubeconfig: string;
  #writer: PodSecretWriter | undefined;

  constructor(@inject(PodsecretsConfig) config: PodsecretsConfig) {
    this.#kubeconfig = readEmbeddedConfig(config).kubeconfig;
  }

  /** The name of the Secret in the pod's namespace that holds `value`, written unless this is a dry run. */
  async ensure(context: InjectionContext, id: string, value: Uint8Array): Promise<string> {
    if (context.dryRun) return podSecretName(id);
    this.#writer ??= new PodSecretWriter(() => loadKubeConfig(this.#kubeconfig).makeApiClient(CoreV1Api));
    return this.#writer.ensure(context.namespace, id, value, context.signal);
  }
}

import { CoreV1Api } from '@kubernetes/client-node';
import { inject, injectable } from 'inversify';
import { type InjectionContext, KubeClientSettings } from '../../core/index.js';
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

  constructor(@inject(KubeClientSettings) settings: KubeClientSettings) {
    this.#kubeconfig = settings.kubeconfig;
  }

  /** Copies the image pull Secret `name` from the webhook's namespace into the pod's; false when there is none. */
  async copyImagePullSecret(context: InjectionContext, sourceNamespace: string, name: string): Promise<boolean> {
    return this.#writerOf().copyIfPresent(sourceNamespace, context.namespace, name, context.dryRun, context.signal);
  }

  /** The name of the Secret in the pod's namespace that holds `value`, written unless this is a dry run. */
  async ensure(context: InjectionContext, id: string, value: Uint8Array): Promise<string> {
    if (context.dryRun) return podSecretName(id);
    return this.#writerOf().ensure(context.namespace, id, value, context.signal);
  }

  #writerOf(): PodSecretWriter {
    if (this.#writer === undefined) {
      let api: CoreV1Api | undefined;
      this.#writer = new PodSecretWriter(() => (api ??= loadKubeConfig(this.#kubeconfig).makeApiClient(CoreV1Api)));
    }
    return this.#writer;
  }
}

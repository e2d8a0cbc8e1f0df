import { CoreV1Api, type V1Secret } from '@kubernetes/client-node';
import { inject, injectable } from 'inversify';
import { type InjectionContext, type KubeClientLimits, KubeClientSettings, loadKubeConfig, WebhookKubeClientSettings } from '../../core/index.js';
import { PodSecretWriter } from './pod-secret-writer.js';
import type { PodController } from './secret-ownership.js';

/**
 * The {@link PodSecretWriter} of `valueDelivery: secretRef` and image pull Secrets, with the admission's
 * rules: reads happen while the pod's secrets are resolved, writes only once all are (the injector
 * records them with PodEdit.onAdmit), and on a dry run nothing is written (the API server promised the
 * caller no side effect) while the pod still gets the same references.
 */
@injectable()
export class PodSecretStore {
  readonly #kubeconfig: string;
  readonly #limits: KubeClientLimits;
  #writer: PodSecretWriter | undefined;

  constructor(@inject(KubeClientSettings) settings: KubeClientSettings, @inject(WebhookKubeClientSettings) limits: WebhookKubeClientSettings) {
    this.#kubeconfig = settings.kubeconfig;
    this.#limits = limits;
  }

  /** The image pull Secret `name` of the webhook's namespace, or undefined when there is none (read on dry runs too). */
  async readImagePullSecret(context: InjectionContext, sourceNamespace: string, name: string): Promise<V1Secret | undefined> {
    return this.#writerOf().readImagePullSecret(sourceNamespace, name, context.signal);
  }

  /** Copies `source` into the pod's namespace, owned by the pod's controller. */
  async copyImagePullSecret(namespace: string, source: V1Secret, controller: PodController | undefined, signal: AbortSignal): Promise<void> {
    await this.#writerOf().copy(namespace, source, controller, signal);
  }

  /** Writes the value Secret of `id` into the pod's namespace, owned by the pod's controller. */
  async writeValue(namespace: string, id: string, value: Uint8Array, controller: PodController | undefined, signal: AbortSignal): Promise<void> {
    await this.#writerOf().ensure(namespace, id, value, controller, signal);
  }

  #writerOf(): PodSecretWriter {
    if (this.#writer === undefined) {
      let api: CoreV1Api | undefined;
      this.#writer = new PodSecretWriter(() => (api ??= loadKubeConfig(this.#kubeconfig, this.#limits, process.env).makeApiClient(CoreV1Api)));
    }
    return this.#writer;
  }
}

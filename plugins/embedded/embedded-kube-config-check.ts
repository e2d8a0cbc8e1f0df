import { inject, injectable } from 'inversify';
import { KubeClientSettings, KubeConfigError, loadKubeConfig, type StartupCheck, WebhookKubeClientSettings } from '../../core/index.js';
import { EmbeddedSettings, ValueDelivery } from './embedded-config.js';
import { EMBEDDED_INJECTOR_TYPE } from './embedded-type.js';

const KUBECONFIG_KEY = 'webhook.embeddedSecretManagerConfig.kubeconfig';

/**
 * Loads Embedded mode's kubeconfig when `serve` starts, as its clients will load it, if this configuration
 * calls the Kubernetes API at all (the K8s fetcher, secretRef values, image pull Secrets): a kubeconfig
 * the client refuses then stops the server naming the key, instead of failing the first admission.
 */
@injectable()
export class EmbeddedKubeConfigCheck implements StartupCheck {
  readonly injectorType = EMBEDDED_INJECTOR_TYPE;
  readonly #kubeconfig: string;
  readonly #limits: WebhookKubeClientSettings;
  readonly #callsKubeApi: boolean;

  constructor(@inject(EmbeddedSettings) settings: EmbeddedSettings, @inject(KubeClientSettings) kube: KubeClientSettings, @inject(WebhookKubeClientSettings) limits: WebhookKubeClientSettings) {
    this.#kubeconfig = kube.kubeconfig;
    this.#limits = limits;
    // 'k8s': the K8s fetcher's type (plugins/k8s), the one fetcher that reads through this kubeconfig.
    this.#callsKubeApi = settings.type.toLowerCase() === 'k8s' || settings.valueDelivery === ValueDelivery.SecretRef || settings.imagePullSecrets.enabled;
  }

  check(): void {
    if (!this.#callsKubeApi) return;
    try {
      loadKubeConfig(this.#kubeconfig, this.#limits, process.env);
    } catch (error) {
      if (!(error instanceof KubeConfigError)) throw error;
      const where = this.#kubeconfig === '' ? `${KUBECONFIG_KEY} is empty, so Embedded mode uses the default client configuration, and` : `${KUBECONFIG_KEY}:`;
      throw new KubeConfigError(`${where} ${error.message}`, { cause: error });
    }
  }
}

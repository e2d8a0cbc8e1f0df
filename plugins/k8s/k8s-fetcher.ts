import { CoreV1Api } from '@kubernetes/client-node';
import { inject, injectable } from 'inversify';
import {
  abortableCall,
  type KubeClientLimits,
  KubeClientSettings,
  loadKubeConfig,
  md5Hex,
  type PlainSecretIdRule,
  requirePlainSecretId,
  SecretFetchError,
  SecretFetchErrorCode,
  type SecretFetcher,
  WebhookKubeClientSettings,
  withKubeClientFallback,
} from '../../core/index.js';
import { K8sFetcherSettings } from './k8s-fetcher-config.js';

/**
 * The id reaches the API server only as the md5 hex of the Secret's name, and is looked up as a data
 * key here, so no part acts as a path: the common rule (no control character, no '.' or '..') is all.
 */
const K8S_ID_RULE: PlainSecretIdRule = {
  backend: 'Kubernetes',
  allows: () => true,
  accepts: "any text without control characters, other than '.' and '..' between slashes",
};

/**
 * Embedded mode's Kubernetes backend, as Flyte's K8sSecretFetcher: the value of id `u__org__…` is
 * data key `id` of the Secret named md5hex(id) in `k8sConfig.namespace`, which is where Flyte's secret
 * service writes it. One GET per call, straight to the API server (no informer, no cluster-wide watch).
 */
@injectable()
export class K8sSecretFetcher implements SecretFetcher {
  readonly type = 'K8s';
  readonly #namespace: string;
  readonly #kubeconfig: string;
  readonly #limits: KubeClientLimits;
  #api: CoreV1Api | undefined;

  constructor(
    @inject(K8sFetcherSettings) settings: K8sFetcherSettings,
    @inject(KubeClientSettings) kube: KubeClientSettings,
    @inject(WebhookKubeClientSettings) webhookLimits: WebhookKubeClientSettings,
  ) {
    this.#namespace = settings.namespace;
    this.#kubeconfig = kube.kubeconfig;
    this.#limits = withKubeClientFallback(settings.kubeClientConfig, webhookLimits);
  }

  async fetch(id: string, signal: AbortSignal): Promise<Uint8Array> {
    requirePlainSecretId(id, K8S_ID_RULE);
    const name = md5Hex(id);
    const where = `Secret ${this.#namespace}/${name}`;
    let data: Record<string, string> | undefined;
    try {
      this.#api ??= loadKubeConfig(this.#kubeconfig, this.#limits, process.env).makeApiClient(CoreV1Api);
      data = (await this.#api.readNamespacedSecret({ name, namespace: this.#namespace }, abortableCall(signal))).data;
    } catch (error) {
      const status = (error as { code?: unknown }).code;
      if (status === 404) throw new SecretFetchError(SecretFetchErrorCode.SecretNotFound, id, `no ${where} (the md5 of the id)`, { cause: error });
      const reason = typeof status === 'number' ? `the API server answered ${status}${statusReason(error)}` : error instanceof Error ? error.message : String(error);
      throw new SecretFetchError(SecretFetchErrorCode.SecretReadFailure, id, `cannot read ${where}: ${reason}`, { cause: error });
    }
    const encoded = data?.[id];
    if (encoded === undefined) throw new SecretFetchError(SecretFetchErrorCode.SecretNil, id, `${where} has no data key "${id}", caused by: secret data is nil`);
    return Buffer.from(encoded, 'base64');
  }
}

/** The reason of the API server's Status body (e.g. ": Forbidden"), which never holds secret data. */
function statusReason(error: unknown): string {
  const body = (error as { body?: unknown }).body;
  try {
    const status = (typeof body === 'string' ? JSON.parse(body) : body) as { reason?: unknown; message?: unknown } | undefined;
    return typeof status?.reason === 'string' ? ` ${status.reason}${typeof status.message === 'string' ? `: ${status.message}` : ''}` : '';
  } catch {
    return '';
  }
}

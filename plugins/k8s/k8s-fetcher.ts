import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { type ConfigurationOptions, CoreV1Api, KubeConfig, Observable, type ObservableMiddleware, type RequestContext, type ResponseContext } from '@kubernetes/client-node';
import { inject, injectable } from 'inversify';
import { KubeClientSettings, md5Hex, SecretFetchError, SecretFetchErrorCode, type SecretFetcher } from '../../core/index.js';
import { K8sFetcherSettings } from './k8s-fetcher-config.js';

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
  #api: CoreV1Api | undefined;

  constructor(@inject(K8sFetcherSettings) settings: K8sFetcherSettings, @inject(KubeClientSettings) kube: KubeClientSettings) {
    this.#namespace = settings.namespace;
    this.#kubeconfig = kube.kubeconfig;
  }

  async fetch(id: string, signal: AbortSignal): Promise<Uint8Array> {
    const name = md5Hex(id);
    const where = `Secret ${this.#namespace}/${name}`;
    let data: Record<string, string> | undefined;
    try {
      this.#api ??= loadKubeConfig(this.#kubeconfig).makeApiClient(CoreV1Api);
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

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * The Kubernetes client configuration, in the standard order: the configured file, else the pod's
 * service account, else $KUBECONFIG, else ~/.kube/config. (plugins/embedded has the same function:
 * a plugin imports only core, so the two cannot share it.)
 */
function loadKubeConfig(file: string, environment: NodeJS.ProcessEnv = process.env): KubeConfig {
  const config = new KubeConfig();
  if (file !== '') config.loadFromFile(file);
  else if (environment['KUBERNETES_SERVICE_HOST'] && environment['KUBERNETES_SERVICE_PORT'] && existsSync(SERVICE_ACCOUNT_TOKEN)) config.loadFromCluster();
  else if (environment['KUBECONFIG']) config.loadFromFile(environment['KUBECONFIG'].split(delimiter).find((name) => name !== '') ?? '');
  else if (existsSync(join(homedir(), '.kube', 'config'))) config.loadFromFile(join(homedir(), '.kube', 'config'));
  else throw new Error('no Kubernetes client configuration: not in a cluster, $KUBECONFIG unset, no ~/.kube/config; set webhook.embeddedSecretManagerConfig.kubeconfig');
  return config;
}

/** Per-call options that stop a client-node request when `signal` aborts (its only hook is a middleware). */
function abortableCall(signal: AbortSignal): ConfigurationOptions {
  const middleware: ObservableMiddleware = {
    pre: (context: RequestContext) => {
      context.setSignal(signal);
      return new Observable(Promise.resolve(context));
    },
    post: (context: ResponseContext) => new Observable(Promise.resolve(context)),
  };
  return { middleware: [middleware], middlewareMergeStrategy: 'append' };
}

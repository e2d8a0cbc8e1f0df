import { CoreV1Api, type V1Pod, type V1PodSpec } from '@kubernetes/client-node';
import { inject, injectable } from 'inversify';
import { type KubeClientLimits, KubeClientSettings, loadKubeConfig, WebhookKubeClientSettings } from '../../core/index.js';
import { apiStatusOf } from './kube-call-options.js';
import { MANAGED_BY, MANAGED_BY_LABEL } from './secret-ownership.js';

/** What one managed Secret came to in a collection. */
export interface CollectedSecret {
  readonly name: string;
  /** deleted (or, on a dry run, would be); kept because it changed after it was listed (a pod may be using it now). */
  readonly outcome: 'deleted' | 'would-delete' | 'changed-since-listed';
}

/**
 * `podsecrets gc`: removes the Secrets podsecrets manages in a namespace (label managed-by=podsecrets:
 * value Secrets and image pull copies) that no pod of that namespace references, for those that
 * Kubernetes' garbage collector cannot remove (used by pods without a controller). The Secrets are
 * listed before the pods, and each is deleted only if unchanged since it was listed, so a Secret that
 * an admission has just written or re-owned survives.
 */
@injectable()
export class OrphanedSecretCollector {
  readonly #kubeconfig: string;
  readonly #limits: KubeClientLimits;

  constructor(@inject(KubeClientSettings) settings: KubeClientSettings, @inject(WebhookKubeClientSettings) limits: WebhookKubeClientSettings) {
    this.#kubeconfig = settings.kubeconfig;
    this.#limits = limits;
  }

  async collect(namespace: string, dryRun: boolean): Promise<CollectedSecret[]> {
    const api = loadKubeConfig(this.#kubeconfig, this.#limits, process.env).makeApiClient(CoreV1Api);
    const managed = (await api.listNamespacedSecret({ namespace, labelSelector: `${MANAGED_BY_LABEL}=${MANAGED_BY}` })).items;
    const pods = (await api.listNamespacedPod({ namespace })).items;
    const referenced = new Set(pods.flatMap(secretsReferencedBy));
    const collected: CollectedSecret[] = [];
    for (const secret of managed) {
      const name = secret.metadata?.name ?? '';
      if (referenced.has(name)) continue;
      if (dryRun) {
        collected.push({ name, outcome: 'would-delete' });
        continue;
      }
      try {
        await api.deleteNamespacedSecret({ name, namespace, body: { preconditions: { resourceVersion: secret.metadata?.resourceVersion ?? '' } } });
        collected.push({ name, outcome: 'deleted' });
      } catch (error) {
        const status = apiStatusOf(error);
        if (status === 409) collected.push({ name, outcome: 'changed-since-listed' });
        else if (status !== 404) throw error;
      }
    }
    return collected;
  }
}

/** Every Secret name `pod` refers to: env and envFrom of any container, secret and projected volumes, image pull Secrets. */
export function secretsReferencedBy(pod: V1Pod): string[] {
  const spec: Partial<V1PodSpec> = pod.spec ?? {};
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])];
  const names = [
    ...containers.flatMap((container) => [...(container.env ?? []).map((env) => env.valueFrom?.secretKeyRef?.name), ...(container.envFrom ?? []).map((source) => source.secretRef?.name)]),
    ...(spec.volumes ?? []).flatMap((volume) => [volume.secret?.secretName, ...(volume.projected?.sources ?? []).map((source) => source.secret?.name)]),
    ...(spec.imagePullSecrets ?? []).map((reference) => reference.name),
  ];
  return names.filter((name): name is string => typeof name === 'string' && name !== '');
}

import { CoreV1Api, type V1OwnerReference, type V1Secret } from '@kubernetes/client-node';
import { abortableCall, md5Hex } from '../../core/index.js';
import { apiStatusOf } from './kube-call-options.js';
import { MANAGED_BY, MANAGED_BY_LABEL, type PodController, secretOwners } from './secret-ownership.js';

/** The data key of the value in a Secret podsecrets maintains. */
export const POD_SECRET_VALUE_KEY = 'value';
const SECRET_ID_ANNOTATION = 'podsecrets.io/embedded-secret-id';

/** The Secret in the pod's namespace that carries the value found under `id` (a valid name: md5 is hex). */
export function podSecretName(id: string): string {
  return `podsecrets-embedded-${md5Hex(id)}`;
}

/** A failure to read or write a Secret; the message names the Secret and the API server's answer. */
export class PodSecretWriteError extends Error {
  override readonly name = 'PodSecretWriteError';
}

/** What podsecrets wants a managed Secret to hold; ownership is reconciled separately (secretOwners). */
interface WantedSecret {
  readonly name: string;
  readonly namespace: string;
  readonly type: string;
  readonly data: Record<string, string>;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

/**
 * Keeps, in a pod's namespace, the Secrets podsecrets manages for Embedded pods: one per scope id
 * holding a value (so the pod references it instead of carrying the value in its spec), and the copies
 * of image pull Secrets. Each carries the managed-by label and, as owners, the controllers of the pods
 * that use it, so Kubernetes' garbage collector removes it with the last of them. Rewritten only when
 * its data or owners change; a value Secret of that name that podsecrets did not create is never touched.
 */
export class PodSecretWriter {
  readonly #api: () => CoreV1Api;

  constructor(api: () => CoreV1Api) {
    this.#api = api;
  }

  /** Writes the value Secret of `id` into `namespace`, owned (also) by the pod's `controller`. */
  async ensure(namespace: string, id: string, value: Uint8Array, controller: PodController | undefined, signal: AbortSignal): Promise<string> {
    const name = podSecretName(id);
    const wanted: WantedSecret = {
      name,
      namespace,
      type: 'Opaque',
      data: { [POD_SECRET_VALUE_KEY]: Buffer.from(value).toString('base64') },
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY },
      annotations: { [SECRET_ID_ANNOTATION]: id },
    };
    await this.#upsert(wanted, controller, 'refuse', signal, `for the value of "${id}"`, "podsecrets needs get, create and update on secrets in the pod's namespace");
    return name;
  }

  /** The image pull Secret `name` of `sourceNamespace` (Flyte's), or undefined when there is none. */
  async readImagePullSecret(sourceNamespace: string, name: string, signal: AbortSignal): Promise<V1Secret | undefined> {
    try {
      return await this.#api().readNamespacedSecret({ name, namespace: sourceNamespace }, abortableCall(signal));
    } catch (error) {
      if (apiStatusOf(error) === 404) return undefined;
      throw new PodSecretWriteError(`cannot read the image pull Secret ${sourceNamespace}/${name}: ${reasonOf(error)} (podsecrets needs get on secrets in ${sourceNamespace})`, { cause: error });
    }
  }

  /**
   * Copies `source` into `namespace` as a managed Secret (its labels plus managed-by), owned by the
   * pod's controller. A Secret of that name there that podsecrets did not create is the operator's: kept.
   */
  async copy(namespace: string, source: V1Secret, controller: PodController | undefined, signal: AbortSignal): Promise<void> {
    const name = source.metadata?.name ?? '';
    const wanted: WantedSecret = {
      name,
      namespace,
      type: source.type ?? 'Opaque',
      data: { ...source.data },
      labels: { ...source.metadata?.labels, [MANAGED_BY_LABEL]: MANAGED_BY },
      annotations: { ...source.metadata?.annotations },
    };
    await this.#upsert(
      wanted,
      controller,
      'keep',
      signal,
      `(a copy of the image pull Secret ${source.metadata?.namespace ?? ''}/${name})`,
      "podsecrets needs get, create and update on secrets in the pod's namespace",
    );
  }

  async #upsert(wanted: WantedSecret, controller: PodController | undefined, foreign: 'refuse' | 'keep', signal: AbortSignal, what: string, rights: string): Promise<void> {
    const where = `Secret ${wanted.namespace}/${wanted.name}`;
    // Two attempts: a concurrent admission may create or update the same Secret between our read and write.
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.#writeOnce(wanted, controller, foreign, signal, where);
        return;
      } catch (error) {
        const status = apiStatusOf(error);
        if (attempt === 0 && (status === 409 || status === 404)) continue;
        if (error instanceof PodSecretWriteError) throw error;
        throw new PodSecretWriteError(`cannot write ${where} ${what}: ${reasonOf(error)} (${rights})`, { cause: error });
      }
    }
  }

  async #writeOnce(wanted: WantedSecret, controller: PodController | undefined, foreign: 'refuse' | 'keep', signal: AbortSignal, where: string): Promise<void> {
    const api = this.#api();
    const { name, namespace } = wanted;
    let existing: V1Secret | undefined;
    try {
      existing = await api.readNamespacedSecret({ name, namespace }, abortableCall(signal));
    } catch (error) {
      if (apiStatusOf(error) !== 404) throw error;
    }
    if (existing === undefined) {
      const owners = secretOwners(undefined, controller);
      const body: V1Secret = {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name,
          namespace,
          labels: wanted.labels,
          annotations: { ...wanted.annotations, ...owners.annotations },
          ...(owners.references.length > 0 ? { ownerReferences: [...owners.references] } : {}),
        },
        type: wanted.type,
        data: wanted.data,
      };
      await api.createNamespacedSecret({ namespace, body }, abortableCall(signal));
      return;
    }
    if (existing.metadata?.labels?.[MANAGED_BY_LABEL] !== MANAGED_BY) {
      if (foreign === 'keep') return;
      throw new PodSecretWriteError(`${where} exists and was not created by podsecrets (no label ${MANAGED_BY_LABEL}=${MANAGED_BY}); podsecrets will not overwrite it`);
    }
    const owners = secretOwners(existing, controller);
    const sameData = JSON.stringify(existing.data ?? {}) === JSON.stringify(wanted.data);
    if (sameData && !owners.changed) return;
    const annotations: Record<string, string> = { ...existing.metadata?.annotations, ...wanted.annotations, ...owners.annotations };
    const metadata = { ...existing.metadata, labels: { ...existing.metadata?.labels, ...wanted.labels }, annotations, ownerReferences: [...owners.references] as V1OwnerReference[] };
    if (owners.references.length === 0) delete (metadata as { ownerReferences?: unknown }).ownerReferences;
    await api.replaceNamespacedSecret({ name, namespace, body: { ...existing, metadata, data: wanted.data } }, abortableCall(signal));
  }
}

function reasonOf(error: unknown): string {
  const status = apiStatusOf(error);
  return status !== undefined ? `the API server answered ${status}` : error instanceof Error ? error.message : String(error);
}

import { CoreV1Api, type V1Secret } from '@kubernetes/client-node';
import { abortableCall, md5Hex } from '../../core/index.js';
import { apiStatusOf } from './kube-call-options.js';

/** The data key of the value in a Secret podsecrets maintains. */
export const POD_SECRET_VALUE_KEY = 'value';
const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
const MANAGED_BY = 'podsecrets';
const SECRET_ID_ANNOTATION = 'podsecrets.io/embedded-secret-id';

/** The Secret in the pod's namespace that carries the value found under `id` (a valid name: md5 is hex). */
export function podSecretName(id: string): string {
  return `podsecrets-embedded-${md5Hex(id)}`;
}

/** A failure to write the pod's Secret; the message names the Secret and the API server's answer. */
export class PodSecretWriteError extends Error {
  override readonly name = 'PodSecretWriteError';
}

/**
 * Keeps, in a pod's namespace, a Secret holding one Embedded value, so that the pod can reference it
 * (secretKeyRef, a secret volume) instead of carrying the value in its spec. One Secret per scope id and
 * namespace, shared by every pod there that asks for it; rewritten only when the value changed.
 * Refuses to touch a Secret of that name that podsecrets did not create.
 */
export class PodSecretWriter {
  readonly #api: () => CoreV1Api;

  constructor(api: () => CoreV1Api) {
    this.#api = api;
  }

  async ensure(namespace: string, id: string, value: Uint8Array, signal: AbortSignal): Promise<string> {
    const name = podSecretName(id);
    const encoded = Buffer.from(value).toString('base64');
    const wanted: V1Secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace, labels: { [MANAGED_BY_LABEL]: MANAGED_BY }, annotations: { [SECRET_ID_ANNOTATION]: id } },
      type: 'Opaque',
      data: { [POD_SECRET_VALUE_KEY]: encoded },
    };
    // Two attempts: a concurrent admission may create or update the same Secret between our read and write.
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.#writeOnce(namespace, name, wanted, signal);
        return name;
      } catch (error) {
        const status = apiStatusOf(error);
        if (attempt === 0 && (status === 409 || status === 404)) continue;
        if (error instanceof PodSecretWriteError) throw error;
        const reason = status !== undefined ? `the API server answered ${status}` : error instanceof Error ? error.message : String(error);
        throw new PodSecretWriteError(`cannot write Secret ${namespace}/${name} for the value of "${id}": ${reason} (podsecrets needs get, create and update on secrets in the pod's namespace)`, { cause: error });
      }
    }
  }

  /**
   * Copies the Secret `name` from `sourceNamespace` into `namespace` unless it is there already (Flyte's
   * image pull secrets). False when the source has no such Secret; on a dry run it only reads.
   */
  async copyIfPresent(sourceNamespace: string, namespace: string, name: string, dryRun: boolean, signal: AbortSignal): Promise<boolean> {
    const api = this.#api();
    const where = `image pull Secret ${sourceNamespace}/${name}`;
    try {
      let source: V1Secret;
      try {
        source = await api.readNamespacedSecret({ name, namespace: sourceNamespace }, abortableCall(signal));
      } catch (error) {
        if (apiStatusOf(error) === 404) return false;
        throw error;
      }
      if (dryRun) return true;
      try {
        await api.readNamespacedSecret({ name, namespace }, abortableCall(signal));
        return true;
      } catch (error) {
        if (apiStatusOf(error) !== 404) throw error;
      }
      const copy: V1Secret = {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name, namespace, ...(source.metadata?.labels !== undefined ? { labels: source.metadata.labels } : {}), ...(source.metadata?.annotations !== undefined ? { annotations: source.metadata.annotations } : {}) },
        ...(source.type !== undefined ? { type: source.type } : {}),
        ...(source.data !== undefined ? { data: source.data } : {}),
      };
      try {
        await api.createNamespacedSecret({ namespace, body: copy }, abortableCall(signal));
      } catch (error) {
        if (apiStatusOf(error) !== 409) throw error;
      }
      return true;
    } catch (error) {
      const status = apiStatusOf(error);
      const reason = status !== undefined ? `the API server answered ${status}` : error instanceof Error ? error.message : String(error);
      throw new PodSecretWriteError(`cannot copy the ${where} into namespace ${namespace}: ${reason} (podsecrets needs get on secrets in ${sourceNamespace}, get and create in the pod's namespace)`, { cause: error });
    }
  }

  async #writeOnce(namespace: string, name: string, wanted: V1Secret, signal: AbortSignal): Promise<void> {
    const api = this.#api();
    let existing: V1Secret | undefined;
    try {
      existing = await api.readNamespacedSecret({ name, namespace }, abortableCall(signal));
    } catch (error) {
      if (apiStatusOf(error) !== 404) throw error;
    }
    if (existing === undefined) {
      await api.createNamespacedSecret({ namespace, body: wanted }, abortableCall(signal));
      return;
    }
    if (existing.metadata?.labels?.[MANAGED_BY_LABEL] !== MANAGED_BY) {
      throw new PodSecretWriteError(`Secret ${namespace}/${name} exists and was not created by podsecrets (no label ${MANAGED_BY_LABEL}=${MANAGED_BY}); podsecrets will not overwrite it`);
    }
    if (existing.data?.[POD_SECRET_VALUE_KEY] === wanted.data?.[POD_SECRET_VALUE_KEY]) return;
    const body: V1Secret = { ...wanted, metadata: { ...wanted.metadata, resourceVersion: existing.metadata?.resourceVersion } };
    await api.replaceNamespacedSecret({ name, namespace, body }, abortableCall(signal));
  }
}

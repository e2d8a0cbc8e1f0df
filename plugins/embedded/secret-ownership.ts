import type { V1OwnerReference, V1Secret } from '@kubernetes/client-node';
import type { ReadonlyPod } from '../../core/index.js';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'podsecrets';
/**
 * Set on a managed Secret once a pod without a controller used it: such a pod has nothing that
 * Kubernetes' garbage collector could wait for, so the Secret must not be collected with the other
 * users' controllers; it has no owners from then on and `podsecrets gc` removes it when unused.
 */
export const OWNERLESS_USER_ANNOTATION = 'podsecrets.io/used-by-pod-without-controller';

/** The owner reference of a pod's controller (a Job, a ReplicaSet, a FlyteWorkflow), as a Secret carries it. */
export interface PodController {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
}

/**
 * The entry of the pod's `metadata.ownerReferences` with `controller: true`, without `controller` and
 * `blockOwnerDeletion`: the webhook controls nothing, and blocking the owner's deletion would need
 * rights on its finalizers. Undefined for a pod without a controller.
 */
export function podController(pod: ReadonlyPod): PodController | undefined {
  const references = (pod.metadata as { ownerReferences?: unknown } | undefined)?.ownerReferences;
  if (!Array.isArray(references)) return undefined;
  const controller = (references as Partial<V1OwnerReference>[]).find((reference) => reference?.controller === true);
  if (controller === undefined) return undefined;
  const { apiVersion, kind, name, uid } = controller;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || typeof name !== 'string' || typeof uid !== 'string') return undefined;
  return { apiVersion, kind, name, uid };
}

/** The owners a managed Secret should carry once the pod of `controller` uses it too. */
export interface SecretOwners {
  readonly references: readonly PodController[];
  readonly annotations: Readonly<Record<string, string>>;
  /** Whether that differs from what `existing` carries. */
  readonly changed: boolean;
}

/**
 * `existing`'s owners with `controller` added (once, by uid), or none at all once a pod without a
 * controller has used the Secret (see {@link OWNERLESS_USER_ANNOTATION}).
 */
export function secretOwners(existing: V1Secret | undefined, controller: PodController | undefined): SecretOwners {
  const current = existing?.metadata?.ownerReferences ?? [];
  const ownerless = controller === undefined || existing?.metadata?.annotations?.[OWNERLESS_USER_ANNOTATION] === 'true';
  if (ownerless) {
    const marked = existing?.metadata?.annotations?.[OWNERLESS_USER_ANNOTATION] === 'true';
    return { references: [], annotations: { [OWNERLESS_USER_ANNOTATION]: 'true' }, changed: existing !== undefined && (current.length > 0 || !marked) };
  }
  if (current.some((reference) => reference.uid === controller.uid)) return { references: current as PodController[], annotations: {}, changed: false };
  return { references: [...(current as PodController[]), controller], annotations: {}, changed: true };
}

import { type CoordinationV1Api, V1MicroTime, type V1Lease } from '@kubernetes/client-node';
import { isConflict, isNotFound } from './kube-errors.js';

export interface LeaseLockOptions {
  readonly namespace: string;
  readonly name: string;
  /** Who holds it: the pod's name, so `kubectl get lease` tells an operator which replica is rotating. */
  readonly holder: string;
  readonly durationSeconds: number;
  readonly now: () => Date;
}

function timeOf(value: unknown): number | undefined {
  // client-node sends V1MicroTime but hands back the API server's string as it came.
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') return Date.parse(value);
  return undefined;
}

/**
 * A coordination.k8s.io/v1 Lease used as a mutex between replicas: taken by create or by an update
 * carrying the resourceVersion read (so two takers cannot both win), free when released or when
 * its holder stopped renewing it for longer than its duration.
 */
export class LeaseLock {
  readonly #api: CoordinationV1Api;
  readonly #options: LeaseLockOptions;

  constructor(api: CoordinationV1Api, options: LeaseLockOptions) {
    this.#api = api;
    this.#options = options;
  }

  /** Takes the lease if it is free or expired; false when another holder has it. */
  async tryAcquire(): Promise<boolean> {
    const { namespace, name, holder, durationSeconds } = this.#options;
    const now = this.#options.now();
    let lease: V1Lease;
    try {
      lease = await this.#api.readNamespacedLease({ name, namespace });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      try {
        await this.#api.createNamespacedLease({ namespace, body: this.#lease(now, { metadata: { name, namespace } }, now) });
        return true;
      } catch (createError) {
        if (isConflict(createError)) return false;
        throw createError;
      }
    }
    const spec = lease.spec ?? {};
    const renewed = timeOf(spec.renewTime) ?? 0;
    const heldByOther = spec.holderIdentity !== undefined && spec.holderIdentity !== '' && spec.holderIdentity !== holder;
    const expired = renewed + (spec.leaseDurationSeconds ?? durationSeconds) * 1000 < now.getTime();
    if (heldByOther && !expired) return false;
    const acquired = spec.holderIdentity === holder ? (timeOf(spec.acquireTime) ?? now.getTime()) : now.getTime();
    try {
      await this.#api.replaceNamespacedLease({ name, namespace, body: this.#lease(new Date(acquired), lease, now, heldByOther || spec.holderIdentity !== holder) });
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }

  /** Gives the lease up so the next replica need not wait for it to expire; losing a race here is harmless. */
  async release(): Promise<void> {
    const { namespace, name, holder } = this.#options;
    try {
      const lease = await this.#api.readNamespacedLease({ name, namespace });
      if (lease.spec?.holderIdentity !== holder) return;
      const { holderIdentity: _dropped, ...spec } = lease.spec;
      await this.#api.replaceNamespacedLease({ name, namespace, body: { ...lease, spec } });
    } catch (error) {
      if (!isConflict(error) && !isNotFound(error)) throw error;
    }
  }

  #lease(acquired: Date, base: V1Lease, now: Date, transition = false): V1Lease {
    const transitions = (base.spec?.leaseTransitions ?? 0) + (transition && base.spec !== undefined ? 1 : 0);
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: base.metadata ?? {},
      spec: {
        holderIdentity: this.#options.holder,
        leaseDurationSeconds: this.#options.durationSeconds,
        acquireTime: new V1MicroTime(acquired.getTime()),
        renewTime: new V1MicroTime(now.getTime()),
        leaseTransitions: transitions,
      },
    };
  }
}

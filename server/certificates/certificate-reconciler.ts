import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { V1Secret } from '@kubernetes/client-node';
import type { Logger } from '../../core/index.js';
import { webhookRegistration } from './webhook-registration.js';
import type { WebhookIdentity } from './webhook-identity.js';
import type { KubeClients } from './kube-clients.js';
import { describeApiError, isConflict, isNotFound } from './kube-errors.js';
import { LeaseLock } from './lease-lock.js';
import { ensureWebhookRegistration, type RegistrationOutcome } from './webhook-registrar.js';
import { caBundleOf, type CertificateBundle, fromSecretData, toSecretData } from './certificate-bundle.js';
import { writeCertificateFiles } from './certificate-files.js';
import { rotate, type RotationPolicy } from './rotation-policy.js';

export interface ReconcileOptions {
  readonly clients: KubeClients;
  readonly identity: WebhookIdentity;
  readonly policy: RotationPolicy;
  /** Lease holder identity: the pod's name. */
  readonly holder: string;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** How long to wait for another replica's lease before settling for what is stored (default 60 s). */
  readonly lockWaitMs?: number;
  /** Pause between attempts to take the lease (default 1 s). */
  readonly lockRetryMs?: number;
}

export interface ReconcileResult {
  /** The certificates in use (source self), as stored after this run. */
  readonly bundle?: CertificateBundle;
  readonly changes: readonly string[];
  readonly registration: RegistrationOutcome | 'disabled' | 'skipped';
  /** Files written to certDir (webhook.localCert). */
  readonly wroteFiles: boolean;
}

const LEASE_SECONDS = 30;
const SECRET_ATTEMPTS = 5;

/** The Lease that orders certificate writes between replicas. */
export function leaseNameOf(identity: WebhookIdentity): string {
  return `${identity.serviceName}-certs`;
}

/**
 * What `init-certs` does, and what `serve` repeats every certificates.checkInterval: under a Lease,
 * read the certificate Secret, adopt it when usable, create it when absent, rotate what is due, then
 * bring the webhook registration's caBundle to the trusted CAs. Replicas that start together queue on
 * the Lease, so the first one makes the CA and the others adopt it; if the Lease cannot be had in
 * time, a replica adopts a usable stored Secret without writing anything.
 */
export async function reconcileCertificates(options: ReconcileOptions): Promise<ReconcileResult> {
  const { identity } = options;
  const now = options.now ?? (() => new Date());
  const lock = new LeaseLock(options.clients.coordination, {
    namespace: identity.namespace,
    name: leaseNameOf(identity),
    holder: options.holder,
    durationSeconds: LEASE_SECONDS,
    now,
  });
  const deadline = Date.now() + (options.lockWaitMs ?? 60_000);
  let locked = await lock.tryAcquire();
  while (!locked && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, options.lockRetryMs ?? 1000));
    locked = await lock.tryAcquire();
  }
  if (!locked) return adoptWithoutLock(options);
  try {
    return await reconcileLocked(options, now);
  } finally {
    await lock.release().catch((error: unknown) => options.logger.warn({ error: describeApiError(error) }, 'could not release the certificate lease; it expires by itself'));
  }
}

async function reconcileLocked(options: ReconcileOptions, now: () => Date): Promise<ReconcileResult> {
  const { identity, clients } = options;
  const source = identity.certificates.source;
  let bundle: CertificateBundle | undefined;
  let changes: readonly string[] = [];
  let caBundle: string | undefined;
  if (source === 'self') {
    ({ bundle, changes } = await reconcileSecret(options, now));
    caBundle = caBundleOf(bundle);
  } else if (source === 'files') {
    caBundle = await readFile(join(identity.certDir, 'ca.crt'), 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new Error(`certificates.source is files but ${join(identity.certDir, 'ca.crt')} cannot be read (${error.code ?? error.message}); it becomes the webhook's caBundle`);
    });
  }
  let registration: ReconcileResult['registration'] = 'disabled';
  if (identity.registerWebhook) {
    const wanted = webhookRegistration(identity, caBundle === undefined ? undefined : Buffer.from(caBundle, 'utf8').toString('base64'));
    registration = await ensureWebhookRegistration(clients.admission, wanted, source === 'cert-manager');
  }
  const wroteFiles = bundle !== undefined && identity.localCert ? await writeCertificateFiles(identity.certDir, bundle) : false;
  return { ...(bundle !== undefined ? { bundle } : {}), changes, registration, wroteFiles };
}

async function reconcileSecret(options: ReconcileOptions, now: () => Date): Promise<{ bundle: CertificateBundle; changes: readonly string[] }> {
  const { identity, clients } = options;
  const name = identity.secretName;
  const namespace = identity.namespace;
  for (let attempt = 1; ; attempt += 1) {
    const existing = await readSecret(options);
    const stored = existing === undefined ? undefined : fromSecretData(existing.data);
    const result = await rotate(stored, now(), options.policy);
    if (result.changes.length === 0 && stored !== undefined && 'bundle' in stored) return { bundle: stored.bundle, changes: [] };
    const body: V1Secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: {
        ...(existing?.metadata ?? {}),
        name,
        namespace,
        labels: { ...(existing?.metadata?.labels ?? {}), 'app.kubernetes.io/name': 'podsecrets', 'app.kubernetes.io/managed-by': 'podsecrets-init-certs' },
        annotations: { ...(existing?.metadata?.annotations ?? {}), 'podsecrets.io/last-rotation': now().toISOString() },
      },
      data: toSecretData(result.bundle),
    };
    try {
      if (existing === undefined) {
        await clients.core.createNamespacedSecret({ namespace, body });
      } else if (existing.immutable === true) {
        // Flyte v1 makes its Secret immutable: it can only be replaced, which only the lease holder does.
        await clients.core.deleteNamespacedSecret({ name, namespace });
        const { resourceVersion: _stale, uid: _uid, ...metadata } = body.metadata ?? {};
        await clients.core.createNamespacedSecret({ namespace, body: { ...body, metadata } });
      } else {
        await clients.core.replaceNamespacedSecret({ name, namespace, body });
      }
      for (const change of result.changes) options.logger.info({ secret: `${namespace}/${name}`, change }, 'certificates changed');
      return result;
    } catch (error) {
      // AlreadyExists (someone created it meanwhile) or Conflict (it changed since read): read it again.
      if (isConflict(error) && attempt < SECRET_ATTEMPTS) continue;
      throw new Error(`cannot write Secret ${namespace}/${name}: ${describeApiError(error)}`, { cause: error });
    }
  }
}

async function readSecret(options: ReconcileOptions): Promise<V1Secret | undefined> {
  const { identity } = options;
  try {
    return await options.clients.core.readNamespacedSecret({ name: identity.secretName, namespace: identity.namespace });
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw new Error(`cannot read Secret ${identity.namespace}/${identity.secretName}: ${describeApiError(error)}`, { cause: error });
  }
}

async function adoptWithoutLock(options: ReconcileOptions): Promise<ReconcileResult> {
  const { identity } = options;
  options.logger.warn({ lease: `${identity.namespace}/${leaseNameOf(identity)}` }, 'another replica holds the certificate lease; using what is stored');
  if (identity.certificates.source !== 'self') return { changes: [], registration: 'skipped', wroteFiles: false };
  const existing = await readSecret(options);
  const stored = existing === undefined ? undefined : fromSecretData(existing.data);
  if (stored === undefined || !('bundle' in stored)) {
    throw new Error(
      `Secret ${identity.namespace}/${identity.secretName} is ${stored === undefined ? 'absent' : `unusable (${stored.problem})`} and the replica holding lease ${leaseNameOf(identity)} has not fixed it`,
    );
  }
  const wroteFiles = identity.localCert ? await writeCertificateFiles(identity.certDir, stored.bundle) : false;
  return { bundle: stored.bundle, changes: [], registration: 'skipped', wroteFiles };
}

import type { Logger } from '../../core/index.js';
import type { WebhookIdentity } from './webhook-identity.js';
import type { KubeClients } from './kube-clients.js';
import { reconcileCertificates } from './certificate-reconciler.js';
import type { RotationPolicy } from './rotation-policy.js';

export interface CertificateMaintainerOptions {
  readonly clients: KubeClients;
  readonly identity: WebhookIdentity;
  readonly policy: RotationPolicy;
  readonly holder: string;
  readonly logger: Logger;
  readonly intervalMs: number;
  readonly onCheck?: (outcome: 'unchanged' | 'changed' | 'failed') => void;
  /** Called after files in certDir changed, to load them at once rather than at the next poll. */
  readonly onFilesChanged?: () => void;
}

/**
 * Inside `serve` (source self, webhook.localCert): repeats init-certs every certificates.checkInterval,
 * so certificates are renewed, and a CA rotated by another replica is picked up, without a restart. A
 * failed check is logged and retried at the next interval: the certificate in use stays valid for far
 * longer than one interval (certRenewBefore), so a brief API outage costs nothing.
 */
export class CertificateMaintainer {
  readonly #options: CertificateMaintainerOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(options: CertificateMaintainerOptions) {
    this.#options = options;
  }

  start(): void {
    this.#timer = setInterval(() => void this.checkNow(), this.#options.intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  checkNow(): Promise<void> {
    this.#running ??= this.#check().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #check(): Promise<void> {
    const { logger } = this.#options;
    try {
      const result = await reconcileCertificates({ ...this.#options, lockWaitMs: 10_000 });
      this.#options.onCheck?.(result.changes.length > 0 || result.wroteFiles ? 'changed' : 'unchanged');
      if (result.wroteFiles) this.#options.onFilesChanged?.();
    } catch (error) {
      this.#options.onCheck?.('failed');
      logger.error({ error: (error as Error).message }, 'certificate renewal check failed; retrying at the next interval');
    }
  }
}

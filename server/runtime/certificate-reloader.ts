import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../core/index.js';
import { certificateInfo, keyMatches } from '../certificates/certificate-authority.js';
import type { PemCredentials } from '../certificates/self-signed-certificate.js';
import { TLS_CERT_FILE, TLS_KEY_FILE } from './tls-credentials.js';

export type ReloadOutcome = 'unchanged' | 'reloaded' | 'mismatched' | 'unreadable';

export interface CertificateReloaderOptions {
  readonly certDir: string;
  readonly intervalMs: number;
  /** The credentials the server started with. */
  readonly current: PemCredentials;
  /** Installs new credentials for new connections (WebhookServer.setCredentials). */
  readonly apply: (credentials: PemCredentials) => void;
  readonly logger: Logger;
  /** Told of every outcome but `unchanged`, and of the serving certificate's expiry. */
  readonly onOutcome?: (outcome: ReloadOutcome, notAfter?: Date) => void;
}

/**
 * Polls certDir's tls.crt and tls.key and installs them when their contents change. Polling the
 * contents (not watching inodes) follows every way a file is replaced: an atomic rename, an editor, or
 * the `..data` symlink Kubernetes swaps in a Secret volume. A pair caught mid-update (a key that is not
 * the certificate's) is skipped until the next look; connections already open keep their certificate,
 * so no request in flight fails.
 */
export class CertificateReloader {
  readonly #options: CertificateReloaderOptions;
  #loaded: PemCredentials;
  #timer: NodeJS.Timeout | undefined;
  #checking: Promise<ReloadOutcome> | undefined;

  constructor(options: CertificateReloaderOptions) {
    this.#options = options;
    this.#loaded = options.current;
  }

  start(): void {
    this.#timer = setInterval(() => void this.check(), this.#options.intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** One look at the files; concurrent calls share it. */
  check(): Promise<ReloadOutcome> {
    this.#checking ??= this.#check().finally(() => {
      this.#checking = undefined;
    });
    return this.#checking;
  }

  async #check(): Promise<ReloadOutcome> {
    const { certDir, logger } = this.#options;
    let cert: string;
    let key: string;
    try {
      [cert, key] = await Promise.all([readFile(join(certDir, TLS_CERT_FILE), 'utf8'), readFile(join(certDir, TLS_KEY_FILE), 'utf8')]);
    } catch (error) {
      logger.warn({ certDir, error: (error as NodeJS.ErrnoException).code ?? String(error) }, 'cannot read the certificate files; keeping the loaded certificate');
      this.#options.onOutcome?.('unreadable');
      return 'unreadable';
    }
    if (cert === this.#loaded.cert && key === this.#loaded.key) return 'unchanged';
    let matches = false;
    try {
      matches = keyMatches(cert, key);
    } catch {
      matches = false;
    }
    if (!matches) {
      logger.warn({ certDir }, 'tls.key is not the key of tls.crt (an update in progress?); keeping the loaded certificate');
      this.#options.onOutcome?.('mismatched');
      return 'mismatched';
    }
    try {
      this.#options.apply({ cert, key });
    } catch (error) {
      logger.error({ certDir, error: (error as Error).message }, 'the new certificate was refused; keeping the loaded one');
      this.#options.onOutcome?.('mismatched');
      return 'mismatched';
    }
    this.#loaded = { cert, key };
    const info = certificateInfo(cert);
    logger.info({ certDir, subject: info.subject, notAfter: info.notAfter.toISOString(), fingerprint: info.fingerprint }, 'loaded a new serving certificate');
    this.#options.onOutcome?.('reloaded', info.notAfter);
    return 'reloaded';
  }
}

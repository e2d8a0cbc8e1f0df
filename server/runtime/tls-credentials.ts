import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../config/config-error.js';
import { createSelfSignedCertificate, type PemCredentials } from '../certificates/self-signed-certificate.js';

export const TLS_CERT_FILE = 'tls.crt';
export const TLS_KEY_FILE = 'tls.key';

export interface TlsCredentialsOptions {
  readonly certDir: string;
  /** Make and write a self-signed certificate when certDir holds none. */
  readonly selfSigned: boolean;
  /** Names the self-signed certificate covers besides localhost. */
  readonly dnsNames: readonly string[];
}

/** The server's certificate and key from certDir, made first when allowed and missing. */
export async function loadTlsCredentials(options: TlsCredentialsOptions): Promise<PemCredentials & { generated: boolean }> {
  const certFile = join(options.certDir, TLS_CERT_FILE);
  const keyFile = join(options.certDir, TLS_KEY_FILE);
  if (!existsSync(certFile) || !existsSync(keyFile)) {
    if (!options.selfSigned) {
      throw new ConfigError(`no TLS certificate: ${certFile} and ${keyFile} must exist (set webhook.certDir, run init-certs, or set server.selfSignedCert: true for local use)`);
    }
    const created = await createSelfSignedCertificate({ dnsNames: ['localhost', ...options.dnsNames], ipAddresses: ['127.0.0.1', '::1'] });
    mkdirSync(options.certDir, { recursive: true });
    writeFileSync(certFile, created.cert, { mode: 0o644 });
    writeFileSync(keyFile, created.key, { mode: 0o600 });
    return { ...created, generated: true };
  }
  return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8'), generated: false };
}

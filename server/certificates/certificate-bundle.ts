import type { PemCredentials } from './self-signed-certificate.js';
import { certificateInfo, isIssuedBy, keyMatches, splitPemBundle } from './certificate-authority.js';

/** Keys of the certificate Secret: Flyte's three, plus the CA key and the CAs the API server must trust. */
export const SECRET_KEYS = { caCert: 'ca.crt', caKey: 'ca.key', cert: 'tls.crt', key: 'tls.key', trusted: 'ca-bundle.crt' } as const;

/**
 * What init-certs keeps in webhook.secretName: the current CA (which signs new serving certificates),
 * every CA still trusted (newest first: the current one, then older ones until they expire), and the
 * serving certificate.
 */
export interface CertificateBundle {
  readonly ca: PemCredentials;
  readonly trusted: readonly string[];
  readonly serving: PemCredentials;
}

/** The caBundle for the webhook registration: every trusted CA, newest first. */
export function caBundleOf(bundle: CertificateBundle): string {
  return bundle.trusted.join('');
}

export function toSecretData(bundle: CertificateBundle): Record<string, string> {
  const encode = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
  return {
    [SECRET_KEYS.caCert]: encode(bundle.ca.cert),
    [SECRET_KEYS.caKey]: encode(bundle.ca.key),
    [SECRET_KEYS.cert]: encode(bundle.serving.cert),
    [SECRET_KEYS.key]: encode(bundle.serving.key),
    [SECRET_KEYS.trusted]: encode(caBundleOf(bundle)),
  };
}

/**
 * The bundle in a Secret's data, or the reason it cannot be used as is (a key missing, a certificate
 * that does not parse, a key that is not its certificate's, a serving certificate no trusted CA signed).
 * A Secret made by Flyte (no ca.key) is reported unusable: its CA cannot sign a renewal.
 */
export function fromSecretData(data: Readonly<Record<string, string>> | undefined): { bundle: CertificateBundle } | { problem: string; trusted: string[] } {
  const decode = (key: string): string | undefined => {
    const value = data?.[key];
    return value === undefined ? undefined : Buffer.from(value, 'base64').toString('utf8');
  };
  const caCert = decode(SECRET_KEYS.caCert);
  const trusted = splitPemBundle(decode(SECRET_KEYS.trusted) ?? caCert ?? '');
  const missing = Object.values(SECRET_KEYS).filter((key) => decode(key) === undefined);
  if (missing.length > 0) return { problem: `the Secret lacks ${missing.join(', ')}`, trusted: parseable(trusted) };
  const bundle: CertificateBundle = {
    ca: { cert: caCert as string, key: decode(SECRET_KEYS.caKey) as string },
    trusted,
    serving: { cert: decode(SECRET_KEYS.cert) as string, key: decode(SECRET_KEYS.key) as string },
  };
  try {
    if (!keyMatches(bundle.ca.cert, bundle.ca.key)) return { problem: 'ca.key is not the key of ca.crt', trusted: parseable(trusted) };
    if (!keyMatches(bundle.serving.cert, bundle.serving.key)) return { problem: 'tls.key is not the key of tls.crt', trusted: parseable(trusted) };
    const fingerprints = trusted.map((pem) => certificateInfo(pem).fingerprint);
    if (!fingerprints.includes(certificateInfo(bundle.ca.cert).fingerprint)) return { problem: 'ca.crt is not in ca-bundle.crt', trusted: parseable(trusted) };
    if (!trusted.some((ca) => isIssuedBy(bundle.serving.cert, ca))) return { problem: 'tls.crt is not signed by any CA in ca-bundle.crt', trusted: parseable(trusted) };
  } catch (error) {
    return { problem: `a certificate or key does not parse: ${(error as Error).message}`, trusted: parseable(trusted) };
  }
  return { bundle };
}

function parseable(pems: readonly string[]): string[] {
  return pems.filter((pem) => {
    try {
      certificateInfo(pem);
      return true;
    } catch {
      return false;
    }
  });
}

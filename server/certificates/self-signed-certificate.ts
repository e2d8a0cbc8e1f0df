import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface PemCredentials {
  readonly cert: string;
  readonly key: string;
}

export interface SelfSignedOptions {
  /** DNS names the certificate is valid for; the first is the subject's CN. */
  readonly dnsNames: readonly string[];
  readonly ipAddresses?: readonly string[];
  readonly validDays?: number;
}

/**
 * A self-signed ECDSA P-256 certificate and its PKCS#8 key, for running the webhook where no
 * certificate was provisioned (a workstation, a test). Real deployments use init-certs or cert-manager.
 */
export async function createSelfSignedCertificate(options: SelfSignedOptions): Promise<PemCredentials> {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const now = Date.now();
  const names = [...options.dnsNames.map((value) => ({ type: 'dns' as const, value })), ...(options.ipAddresses ?? []).map((value) => ({ type: 'ip' as const, value }))];
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: webcrypto.getRandomValues(new Uint8Array(8)).reduce((hex, byte) => hex + byte.toString(16).padStart(2, '0'), '7f'),
    name: `CN=${options.dnsNames[0] ?? 'podsecrets'}, O=podsecrets`,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + (options.validDays ?? 365) * DAY_MS),
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { cert: certificate.toString('pem'), key: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY') };
}

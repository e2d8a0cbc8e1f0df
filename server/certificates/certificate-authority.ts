import 'reflect-metadata';
import { X509Certificate, createPrivateKey, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { PemCredentials } from './self-signed-certificate.js';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

// ECDSA P-256: accepted by every API server and Go TLS client, and generated in milliseconds, where
// Flyte's RSA-4096 takes seconds on a small CPU at every pod start.
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
// Certificates start a minute in the past so a node whose clock runs a little behind accepts them.
export const CLOCK_SKEW_MS = 60_000;

function serialNumber(): string {
  // A positive 128-bit serial: the leading 0x7f keeps the DER integer positive.
  return webcrypto.getRandomValues(new Uint8Array(16)).reduce((hex, byte) => hex + byte.toString(16).padStart(2, '0'), '7f');
}

async function generateKeys(): Promise<webcrypto.CryptoKeyPair> {
  return await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
}

// Every PEM ends with a newline, so that certificates concatenate into a bundle and compare equal once split again.
const withNewline = (pem: string): string => (pem.endsWith('\n') ? pem : `${pem}\n`);

async function exportKey(key: webcrypto.CryptoKey): Promise<string> {
  return withNewline(x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY'));
}

async function importKey(pem: string): Promise<webcrypto.CryptoKey> {
  const der = createPrivateKey(pem).export({ format: 'der', type: 'pkcs8' });
  return webcrypto.subtle.importKey('pkcs8', der, ALGORITHM, false, ['sign']);
}

/** A CA valid from `now` for `validityMs`; its CN carries its start time so two CAs never share a subject. */
export async function createCertificateAuthority(now: Date, validityMs: number): Promise<PemCredentials> {
  const keys = await generateKeys();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: `CN=podsecrets CA ${now.toISOString().replace(/\.\d{3}Z$/, 'Z')}, O=podsecrets`,
    notBefore: new Date(now.getTime() - CLOCK_SKEW_MS),
    notAfter: new Date(now.getTime() + validityMs),
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: withNewline(certificate.toString('pem')), key: await exportKey(keys.privateKey) };
}

/** A serving certificate for `dnsNames` (the first is the CN), signed by `ca`. */
export async function issueServingCertificate(ca: PemCredentials, dnsNames: readonly string[], now: Date, validityMs: number): Promise<PemCredentials> {
  const keys = await generateKeys();
  const caCertificate = new x509.X509Certificate(ca.cert);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: `CN=${dnsNames[0] ?? 'podsecrets'}, O=podsecrets`,
    issuer: caCertificate.subject,
    notBefore: new Date(now.getTime() - CLOCK_SKEW_MS),
    notAfter: new Date(Math.min(now.getTime() + validityMs, caCertificate.notAfter.getTime())),
    signingAlgorithm: ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: await importKey(ca.key),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      // Server and client use, as Flyte's certificates have, so one issued certificate can also be the
      // client certificate of a caller that server.clientCAFile requires.
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      new x509.SubjectAlternativeNameExtension(dnsNames.map((value) => ({ type: 'dns' as const, value }))),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCertificate),
    ],
  });
  return { cert: withNewline(certificate.toString('pem')), key: await exportKey(keys.privateKey) };
}

/** The DNS names the API server may use to reach the webhook's Service. */
export function serviceDnsNames(service: string, namespace: string): string[] {
  return [`${service}.${namespace}.svc`, service, `${service}.${namespace}`, `${service}.${namespace}.svc.cluster.local`];
}

/** Validity and subject of one PEM certificate, read with Node's own X.509 parser. */
export interface CertificateInfo {
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly subject: string;
  readonly issuer: string;
  readonly fingerprint: string;
}

export function certificateInfo(pem: string): CertificateInfo {
  const certificate = new X509Certificate(pem);
  return {
    notBefore: new Date(certificate.validFrom),
    notAfter: new Date(certificate.validTo),
    subject: certificate.subject,
    issuer: certificate.issuer,
    fingerprint: certificate.fingerprint256,
  };
}

/** Every PEM certificate in a bundle, in order. */
export function splitPemBundle(bundle: string): string[] {
  return bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)?.map((pem) => `${pem}\n`) ?? [];
}

/** True when `cert` was signed by `caCert` (signature checked, not just the names). */
export function isIssuedBy(cert: string, caCert: string): boolean {
  const certificate = new X509Certificate(cert);
  const authority = new X509Certificate(caCert);
  return certificate.checkIssued(authority) && certificate.verify(authority.publicKey);
}

/** True when `key` is the private key of `cert`. */
export function keyMatches(cert: string, key: string): boolean {
  return new X509Certificate(cert).checkPrivateKey(createPrivateKey(key));
}

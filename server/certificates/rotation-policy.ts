import { X509Certificate } from 'node:crypto';
import { CLOCK_SKEW_MS, certificateInfo, createCertificateAuthority, isIssuedBy, issueServingCertificate } from './certificate-authority.js';
import type { CertificateBundle } from './certificate-bundle.js';

/** Lifetimes and thresholds, in milliseconds, and the names the serving certificate covers. */
export interface RotationPolicy {
  readonly dnsNames: readonly string[];
  readonly caValidityMs: number;
  readonly caRenewBeforeMs: number;
  readonly certValidityMs: number;
  readonly certRenewBeforeMs: number;
  readonly propagationDelayMs: number;
}

export interface RotationResult {
  readonly bundle: CertificateBundle;
  /** What changed, in words for the log; empty when the bundle is kept as it is. */
  readonly changes: readonly string[];
}

const expiresAt = (pem: string): number => certificateInfo(pem).notAfter.getTime();
// When a certificate was made: its notBefore is back-dated by the allowance for clock skew.
const madeAt = (pem: string): number => certificateInfo(pem).notBefore.getTime() + CLOCK_SKEW_MS;

function coversNames(cert: string, dnsNames: readonly string[]): boolean {
  const sans = (new X509Certificate(cert).subjectAltName ?? '').split(', ').map((entry) => entry.replace(/^DNS:/, ''));
  return dnsNames.every((name) => sans.includes(name));
}

/**
 * The bundle to keep, given what is stored (or the problem with it) and the time. A usable bundle is
 * kept until something is due: the CA is replaced `caRenewBefore` ahead of its expiry, the new CA
 * joining the old one in the trusted list (the old one leaves once expired); the serving certificate
 * is renewed `certRenewBefore` ahead of its expiry, or once the new CA has been trusted for
 * `propagationDelay`, and it is signed by a new CA only after that delay, so no API server meets a
 * certificate from a CA it does not trust yet. Nothing is regenerated merely because a process started.
 */
export async function rotate(stored: { bundle: CertificateBundle } | { problem: string; trusted: readonly string[] } | undefined, now: Date, policy: RotationPolicy): Promise<RotationResult> {
  const at = now.getTime();
  if (stored === undefined || 'problem' in stored) {
    const ca = await createCertificateAuthority(now, policy.caValidityMs);
    const serving = await issueServingCertificate(ca, policy.dnsNames, now, policy.certValidityMs);
    // CAs that signed what other replicas still serve stay trusted until they expire.
    const kept = stored === undefined ? [] : stored.trusted.filter((pem) => expiresAt(pem) > at);
    return { bundle: { ca, trusted: [ca.cert, ...kept], serving }, changes: [stored === undefined ? 'created a CA and a serving certificate' : `replaced an unusable Secret (${stored.problem})`] };
  }
  const changes: string[] = [];
  let { ca, serving } = stored.bundle;
  let trusted = stored.bundle.trusted.filter((pem) => expiresAt(pem) > at || pem === ca.cert);
  if (trusted.length < stored.bundle.trusted.length) changes.push(`dropped ${stored.bundle.trusted.length - trusted.length} expired CA(s) from caBundle`);
  if (expiresAt(ca.cert) - at < policy.caRenewBeforeMs) {
    ca = await createCertificateAuthority(now, policy.caValidityMs);
    trusted = [ca.cert, ...trusted];
    changes.push('made a new CA; the old one stays in caBundle until it expires');
  }
  const previousCa = stored.bundle.ca;
  const caTrustedLongEnough = at - madeAt(ca.cert) >= policy.propagationDelayMs;
  const issuedByCurrent = isIssuedBy(serving.cert, ca.cert);
  const expired = expiresAt(serving.cert) <= at;
  const dueByAge = expiresAt(serving.cert) - at < policy.certRenewBeforeMs;
  const dueByNames = !coversNames(serving.cert, policy.dnsNames);
  if (expired || (!issuedByCurrent && caTrustedLongEnough)) {
    serving = await issueServingCertificate(ca, policy.dnsNames, now, policy.certValidityMs);
    changes.push(issuedByCurrent || expired ? 'replaced an expired serving certificate' : 'issued a serving certificate from the new CA');
  } else if (dueByAge || dueByNames) {
    // Due before the new CA has propagated: the CA that is still trusted everywhere signs the renewal.
    const signer = caTrustedLongEnough || previousCa.cert === ca.cert || expiresAt(previousCa.cert) <= at ? ca : previousCa;
    serving = await issueServingCertificate(signer, policy.dnsNames, now, policy.certValidityMs);
    changes.push(dueByNames ? 'reissued the serving certificate for the current service names' : 'renewed the serving certificate');
  }
  return { bundle: { ca, trusted, serving }, changes };
}

import { hostname } from 'node:os';
import { ConfigError } from '../../config/config-error.js';
import { parseGoDuration } from '../../core/index.js';
import type { WebhookIdentity } from '../deploy/webhook-identity.js';
import { serviceDnsNames } from './certificate-authority.js';
import type { RotationPolicy } from './rotation-policy.js';

/** The rotation policy the `certificates:` section describes, for the webhook's Service names. */
export function rotationPolicyOf(identity: WebhookIdentity): RotationPolicy {
  const c = identity.certificates;
  const ms = (key: keyof typeof c): number => parseGoDuration(c[key], `certificates.${key}`);
  const policy: RotationPolicy = {
    dnsNames: serviceDnsNames(identity.serviceName, identity.namespace),
    caValidityMs: ms('caValidity'),
    caRenewBeforeMs: ms('caRenewBefore'),
    certValidityMs: ms('certValidity'),
    certRenewBeforeMs: ms('certRenewBefore'),
    propagationDelayMs: ms('propagationDelay'),
  };
  // Renewing before more than the whole lifetime would renew at every check: refuse it at start.
  if (policy.caRenewBeforeMs >= policy.caValidityMs) throw new ConfigError(`certificates.caRenewBefore (${c.caRenewBefore}) must be shorter than certificates.caValidity (${c.caValidity})`);
  if (policy.certRenewBeforeMs >= policy.certValidityMs) throw new ConfigError(`certificates.certRenewBefore (${c.certRenewBefore}) must be shorter than certificates.certValidity (${c.certValidity})`);
  if (policy.propagationDelayMs >= policy.caRenewBeforeMs) throw new ConfigError(`certificates.propagationDelay (${c.propagationDelay}) must be shorter than certificates.caRenewBefore (${c.caRenewBefore})`);
  return policy;
}

/** Who takes the certificate Lease: the pod's name when the Deployment passes it, else host and pid. */
export function leaseHolder(environment: NodeJS.ProcessEnv): string {
  return environment['POD_NAME'] || `${hostname()}-${process.pid}`;
}

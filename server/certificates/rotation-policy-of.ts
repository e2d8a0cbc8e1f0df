import { ConfigError } from '../../config/config-error.js';
import { formatGoDuration } from '../../core/config/go-duration.js';
import type { WebhookIdentity } from './webhook-identity.js';
import { serviceDnsNames } from './certificate-authority.js';
import type { RotationPolicy } from './rotation-policy.js';

/** The rotation policy the `certificates:` section describes, for the webhook's Service names. */
export function rotationPolicyOf(identity: WebhookIdentity): RotationPolicy {
  const c = identity.certificates;
  const policy: RotationPolicy = {
    dnsNames: serviceDnsNames(identity.serviceName, identity.namespace),
    caValidityMs: c.caValidity,
    caRenewBeforeMs: c.caRenewBefore,
    certValidityMs: c.certValidity,
    certRenewBeforeMs: c.certRenewBefore,
    propagationDelayMs: c.propagationDelay,
  };
  const text = formatGoDuration;
  // Renewing before more than the whole lifetime would renew at every check: refuse it at start.
  if (policy.caRenewBeforeMs >= policy.caValidityMs)
    throw new ConfigError(`certificates.caRenewBefore (${text(c.caRenewBefore)}) must be shorter than certificates.caValidity (${text(c.caValidity)})`);
  if (policy.certRenewBeforeMs >= policy.certValidityMs)
    throw new ConfigError(`certificates.certRenewBefore (${text(c.certRenewBefore)}) must be shorter than certificates.certValidity (${text(c.certValidity)})`);
  if (policy.propagationDelayMs >= policy.caRenewBeforeMs)
    throw new ConfigError(`certificates.propagationDelay (${text(c.propagationDelay)}) must be shorter than certificates.caRenewBefore (${text(c.caRenewBefore)})`);
  return policy;
}

import { ConfigError } from '../../config/config-error.js';
import type { ServerSettings } from '../../config/server-settings.js';
import { type Logger, PlainTextValueSource } from '../../core/index.js';
import { enabledContributions } from './enabled-contributions.js';
import type { ServedPodsecrets } from './served-podsecrets.js';

/**
 * Why the answers of this configuration can carry secret values: what each enabled backend's
 * {@link PlainTextValueSource} says, now (Global looks at its environment and directory once, at start).
 */
export function plainTextValueReasons(podsecrets: ServedPodsecrets): string[] {
  return enabledContributions<PlainTextValueSource>(podsecrets, PlainTextValueSource).flatMap((source) => source.plainTextValues() ?? []);
}

/**
 * Refuses to serve values to callers nobody authenticated: without `server.clientCAFile` anyone who
 * reaches the port can send an AdmissionReview (for any namespace it likes) and read the values in
 * the patch. `server.allowUnauthenticatedValues: true` is the operator saying so on purpose: it starts,
 * with a warning.
 */
export function guardUnauthenticatedValues(podsecrets: ServedPodsecrets, server: ServerSettings, logger: Logger): void {
  if (server.clientCAFile !== '') return;
  const reasons = plainTextValueReasons(podsecrets);
  if (reasons.length === 0) return;
  if (!server.allowUnauthenticatedValues) {
    throw new ConfigError(
      `server.clientCAFile is empty, so anyone who reaches the webhook's port would receive secret values in its answers (${reasons.join('; ')}). ` +
        "Set server.clientCAFile to the CA of the API server's client certificate (docs/security.md), or set server.allowUnauthenticatedValues: true to serve them to any caller",
    );
  }
  logger.warn({ reasons }, 'server.allowUnauthenticatedValues is true and server.clientCAFile is empty: any caller that reaches the port receives secret values');
}

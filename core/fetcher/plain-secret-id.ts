import { SecretFetchError, SecretFetchErrorCode } from './secret-fetch-error.js';
import { parseScopedSecretId, type ScopedSecretIdParts, UNAMBIGUOUS_SCOPE_PART_RULE } from './scoped-secret-id.js';

/** What one backend takes as a plain name for each part of an id; see {@link requirePlainSecretId}. */
export interface PlainSecretIdRule {
  /** The backend, for messages, e.g. `Vault`. */
  readonly backend: string;
  /** Whether the backend reads `value`, as part `part` of the id, as one name and nothing more. */
  readonly allows: (value: string, part: keyof ScopedSecretIdParts) => boolean;
  /** What {@link allows} accepts, in words, e.g. "text without '/' or '\\'". */
  readonly accepts: string;
}

// C0, DEL and C1: nothing a secret name needs, and what a log line or header must never carry.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/u;

/**
 * The parts of `id`, once each is a plain name for the backend: every fetcher calls this before it
 * builds a request, so no key or scope part can climb out of its scope ('.', '..', a path where the
 * backend reads one) or smuggle a control character. Rejects with a {@link SecretFetchError} of code
 * `InvalidSecretId` naming the part, the rule and what the backend accepts.
 */
export function requirePlainSecretId(id: string, rule: PlainSecretIdRule): ScopedSecretIdParts {
  const parts = parseScopedSecretId(id);
  if (parts === undefined) {
    throw invalid(id, `it is not an id of the form u__org__<org>__domain__<domain>__project__<project>__key__<key> whose scope parts have ${UNAMBIGUOUS_SCOPE_PART_RULE}`);
  }
  if (parts.key === '') throw invalid(id, 'its key is empty');
  for (const part of ['org', 'domain', 'project', 'key'] as const) {
    const value = parts[part];
    const why = CONTROL_CHARACTER.test(value)
      ? 'holds a control character'
      : value.split(/[/\\]/u).some((segment) => segment === '.' || segment === '..')
        ? "is or holds a '.' or '..' path segment"
        : rule.allows(value, part)
          ? undefined
          : `is not a plain ${rule.backend} name`;
    if (why !== undefined) throw invalid(id, `${part === 'key' ? 'key' : `scope part ${part}`} ${JSON.stringify(value)} ${why}; ${rule.backend} accepts ${rule.accepts}`);
  }
  return parts;
}

function invalid(id: string, detail: string): SecretFetchError {
  return new SecretFetchError(SecretFetchErrorCode.InvalidSecretId, id, `refused before any call to the backend: ${detail}`);
}

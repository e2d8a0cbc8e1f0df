import type { AdmissionregistrationV1Api, V1MutatingWebhookConfiguration } from '@kubernetes/client-node';
import type { Registration } from './webhook-registration.js';
import { apiStatus, isConflict, isNotFound } from './kube-errors.js';

export type RegistrationOutcome = 'created' | 'updated' | 'unchanged';

const MAX_ATTEMPTS = 5;

/** True when every field `wanted` sets has that value in `actual` (the API server adds defaults of its own). */
function covers(actual: unknown, wanted: unknown): boolean {
  if (Array.isArray(wanted)) return Array.isArray(actual) && actual.length === wanted.length && wanted.every((item, index) => covers(actual[index], item));
  if (typeof wanted === 'object' && wanted !== null) {
    if (typeof actual !== 'object' || actual === null) return false;
    return Object.entries(wanted).every(([key, value]) => value === undefined || covers((actual as Record<string, unknown>)[key], value));
  }
  return actual === wanted;
}

/**
 * Creates the MutatingWebhookConfiguration, or brings an existing one's `webhooks` to `wanted` (its
 * other fields, ownerReferences and annotations included, are left alone), with the resourceVersion
 * read, retrying on Conflict. With `keepCaBundle` (cert-manager) the caBundle already there is kept.
 */
export async function ensureWebhookRegistration(api: AdmissionregistrationV1Api, wanted: Registration, keepCaBundle = false): Promise<RegistrationOutcome> {
  const name = wanted.metadata.name;
  for (let attempt = 1; ; attempt += 1) {
    let existing: V1MutatingWebhookConfiguration;
    try {
      existing = await api.readMutatingWebhookConfiguration({ name });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      try {
        await api.createMutatingWebhookConfiguration({ body: wanted as unknown as V1MutatingWebhookConfiguration });
        return 'created';
      } catch (createError) {
        if (isConflict(createError) && attempt < MAX_ATTEMPTS) continue;
        // The rendered RBAC grants no create (it cannot be limited to one name): the registration
        // comes from the manifests, and the pod restarts until it is there.
        if (apiStatus(createError) === 403) {
          throw new Error(`the MutatingWebhookConfiguration ${name} does not exist and podsecrets may not create it (HTTP 403): apply the webhook.yaml that \`podsecrets manifests\` renders`, {
            cause: createError,
          });
        }
        throw createError;
      }
    }
    const webhooks = wanted.webhooks.map((webhook, index) => {
      const current = existing.webhooks?.[index]?.clientConfig?.caBundle;
      return keepCaBundle && current !== undefined ? { ...webhook, clientConfig: { ...webhook.clientConfig, caBundle: current } } : webhook;
    });
    if (covers(JSON.parse(JSON.stringify(existing.webhooks ?? [])), webhooks)) return 'unchanged';
    try {
      await api.replaceMutatingWebhookConfiguration({ name, body: { ...existing, webhooks } as unknown as V1MutatingWebhookConfiguration });
      return 'updated';
    } catch (error) {
      if (isConflict(error) && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}

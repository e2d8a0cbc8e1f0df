import { CORE_CONFIG_OWNER } from '../config/config-schema-contribution.js';
import { setting } from '../config/setting.js';
import { defineSettings, type SettingsOf } from '../config/settings-section.js';
import type { Pod } from '../pod/pod-types.js';
import { isReadableSecretAnnotation } from '../wire/readable-secret-annotations.js';
import { isSecretAnnotation } from '../wire/secret-annotations.js';

/**
 * The most work one pod may ask of a replica: `webhook.maxSecretsPerPod` secret requests, and
 * `webhook.maxInjectedEntries` secrets times containers (each secret is written into every container).
 * Inject with `@inject(PodSizeLimits) limits: PodSizeLimits`.
 */
export const PodSizeLimits = Symbol.for('podsecrets.PodSizeLimits');

export const podSizeLimitsSettings = defineSettings(PodSizeLimits, {
  path: 'webhook',
  owner: CORE_CONFIG_OWNER,
  schema: {
    maxSecretsPerPod: setting.positiveCount('Most secret requests (annotations) one pod may make; a pod asking for more is denied at once, so that one pod cannot hold a replica for seconds.', 64),
    maxInjectedEntries: setting.positiveCount(
      'Most secrets x containers (init containers included) one pod may ask for; beyond, it is denied at once (each secret is written into every container).',
      4096,
    ),
  },
});

export interface PodSizeLimits extends SettingsOf<typeof podSizeLimitsSettings> {}

/**
 * Why `pod` asks for more than `limits` allow, or undefined when it does not. Only annotation keys and
 * containers are counted, nothing is decoded, so a pod over a limit costs no more than counting its
 * keys. Requests are counted as written (one asked twice counts twice), and init containers count as
 * containers: the secrets' variables and mounts go into them too.
 */
export function podSizeExcess(pod: Pod, limits: PodSizeLimits): string | undefined {
  const annotations = pod.metadata?.annotations ?? undefined;
  if (annotations === undefined) return undefined;
  let secrets = 0;
  for (const key in annotations) {
    if (Object.hasOwn(annotations, key) && (isSecretAnnotation(key) || isReadableSecretAnnotation(key))) secrets += 1;
  }
  if (secrets > limits.maxSecretsPerPod) {
    return `the pod asks for ${secrets} secrets (flyte.secrets/s* and secrets.podsecrets.io/* annotations); at most ${limits.maxSecretsPerPod} are accepted (webhook.maxSecretsPerPod)`;
  }
  const containers = pod.spec.containers.length + (pod.spec.initContainers?.length ?? 0);
  const entries = secrets * containers;
  if (entries > limits.maxInjectedEntries) {
    return (
      `the pod asks for ${secrets} secrets in ${containers} containers (init containers included): ${entries} injected entries; ` +
      `at most ${limits.maxInjectedEntries} are accepted (webhook.maxInjectedEntries)`
    );
  }
  return undefined;
}

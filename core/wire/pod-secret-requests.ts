import type { AnnotatedSecretRequest, SecretRequest } from '../secret/secret-request.js';
import type { DecodedSecretCache } from './decoded-secret-cache.js';
import { decodeReadableSecretAnnotations } from './readable-secret-annotations.js';
import { decodeSecretAnnotations } from './secret-annotations.js';

/** Whether two requests ask for the same thing: all five fields equal (the annotation does not count). */
export function sameSecretRequest(a: SecretRequest, b: SecretRequest): boolean {
  return a.group === b.group && a.groupVersion === b.groupVersion && a.key === b.key && a.mountRequirement === b.mountRequirement && a.envVar === b.envVar;
}

/**
 * A string equal for two requests exactly when {@link sameSecretRequest} holds: JSON of the five fields,
 * so that no two different requests can run together into one key.
 */
export function secretRequestKey(request: SecretRequest): string {
  return JSON.stringify([request.group, request.groupVersion, request.key, request.mountRequirement, request.envVar]);
}

const PAIRWISE_AT_MOST = 16;

/**
 * Every secret a pod asks for, in the order they are injected: Flyte's `flyte.secrets/s<N>` in numeric
 * order, then the readable `secrets.podsecrets.io/<name>` in name order. A request equal to an earlier
 * one (the same secret asked both ways, or twice) is dropped, so it is injected once, under the
 * annotation that asked first. Throws a {@link SecretAnnotationError} for an annotation that cannot be read.
 * A `cache` keeps Flyte's values decoded (see {@link DecodedSecretCache}).
 */
export function decodePodSecretRequests(annotations: Readonly<Record<string, string>> | undefined, cache?: DecodedSecretCache): AnnotatedSecretRequest[] {
  const all = [...decodeSecretAnnotations(annotations, cache), ...decodeReadableSecretAnnotations(annotations)];
  // A few requests are compared pairwise, which costs less than building their keys; more are keyed,
  // so that a pod with thousands of requests does not cost their square.
  if (all.length <= PAIRWISE_AT_MOST) {
    const unique: AnnotatedSecretRequest[] = [];
    for (const request of all) if (!unique.some((earlier) => sameSecretRequest(earlier, request))) unique.push(request);
    return unique;
  }
  const requests = new Map<string, AnnotatedSecretRequest>();
  for (const request of all) {
    const key = secretRequestKey(request);
    if (!requests.has(key)) requests.set(key, request);
  }
  return [...requests.values()];
}

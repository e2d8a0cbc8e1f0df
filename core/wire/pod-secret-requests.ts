import type { AnnotatedSecretRequest, SecretRequest } from '../secret/secret-request.js';
import { decodeReadableSecretAnnotations } from './readable-secret-annotations.js';
import { decodeSecretAnnotations } from './secret-annotations.js';

/** Whether two requests ask for the same thing: all five fields equal (the annotation does not count). */
export function sameSecretRequest(a: SecretRequest, b: SecretRequest): boolean {
  return a.group === b.group && a.groupVersion === b.groupVersion && a.key === b.key && a.mountRequirement === b.mountRequirement && a.envVar === b.envVar;
}

/**
 * Every secret a pod asks for, in the order they are injected: Flyte's `flyte.secrets/s<N>` in numeric
 * order, then the readable `secrets.podsecrets.io/<name>` in name order. A request equal to an earlier
 * one (the same secret asked both ways, or twice) is dropped, so it is injected once, under the
 * annotation that asked first. Throws a {@link SecretAnnotationError} for an annotation that cannot be read.
 */
export function decodePodSecretRequests(annotations: Readonly<Record<string, string>> | undefined): AnnotatedSecretRequest[] {
  const requests: AnnotatedSecretRequest[] = [];
  for (const request of [...decodeSecretAnnotations(annotations), ...decodeReadableSecretAnnotations(annotations)]) {
    if (!requests.some((earlier) => sameSecretRequest(earlier, request))) requests.push(request);
  }
  return requests;
}

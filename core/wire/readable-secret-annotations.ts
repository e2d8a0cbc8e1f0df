import type { AnnotatedSecretRequest, SecretRequest } from '../secret/secret-request.js';
import { formatReadableSecret, parseReadableSecret } from './readable-secret-format.js';
import { SecretAnnotationError } from './secret-annotation-error.js';
import { WireFormatError, WireFormatErrorCode } from './wire-format-error.js';

// Requests people write by hand, for workloads Flyte does not create: one annotation per secret,
// `secrets.podsecrets.io/<name>: "group=db,key=password,mount=file"`. The name only identifies the
// request in messages and orders it; the value is the readable form of readable-secret-format.ts.

/** Every readable secret annotation key starts with this; the rest is the request's name. */
export const READABLE_SECRET_ANNOTATION_PREFIX = 'secrets.podsecrets.io/';

// The name part of a Kubernetes qualified name, which the API server requires of annotation keys.
const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const MAX_NAME_LENGTH = 63;

/** Whether an annotation key is a readable secret request. */
export function isReadableSecretAnnotation(key: string): boolean {
  return key.startsWith(READABLE_SECRET_ANNOTATION_PREFIX);
}

/**
 * Every secret requested by readable annotations, in name order (code units), each tagged with its
 * annotation. Throws a {@link SecretAnnotationError} (code `InvalidReadableSecret` or
 * `InvalidAnnotationValue`) naming the first annotation, in that order, that cannot be read.
 */
export function decodeReadableSecretAnnotations(annotations: Readonly<Record<string, string>> | undefined): AnnotatedSecretRequest[] {
  if (annotations === undefined) return [];
  const keys = Object.keys(annotations)
    .filter(isReadableSecretAnnotation)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.map((key) => ({ ...decodeReadableSecretAnnotation(key, annotations[key]), source: key }));
}

function decodeReadableSecretAnnotation(key: string, value: unknown): SecretRequest {
  const name = key.slice(READABLE_SECRET_ANNOTATION_PREFIX.length);
  if (name.length > MAX_NAME_LENGTH || !NAME.test(name)) {
    throw new SecretAnnotationError(
      key,
      WireFormatErrorCode.InvalidReadableSecret,
      `the name after "${READABLE_SECRET_ANNOTATION_PREFIX}" must be 1 to ${MAX_NAME_LENGTH} letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
    );
  }
  if (typeof value !== 'string') {
    throw new SecretAnnotationError(
      key,
      WireFormatErrorCode.InvalidAnnotationValue,
      `value is ${value === null ? 'null' : typeof value}, not a string (accepted: a string such as "group=db,key=password,mount=file")`,
    );
  }
  try {
    return parseReadableSecret(value);
  } catch (error) {
    if (error instanceof WireFormatError) throw SecretAnnotationError.wrap(key, error);
    throw error;
  }
}

/**
 * Readable annotations for a list of secrets, named `s0`, `s1`, ... zero-padded to one width so that
 * name order is list order. Throws a {@link WireFormatError} for a secret the form cannot carry.
 */
export function encodeReadableSecretAnnotations(secrets: readonly SecretRequest[]): Record<string, string> {
  const width = String(Math.max(secrets.length - 1, 0)).length;
  const annotations: Record<string, string> = {};
  secrets.forEach((secret, index) => {
    annotations[`${READABLE_SECRET_ANNOTATION_PREFIX}s${String(index).padStart(width, '0')}`] = formatReadableSecret(secret);
  });
  return annotations;
}

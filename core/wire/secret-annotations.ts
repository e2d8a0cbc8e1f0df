import type { AnnotatedSecretRequest, SecretRequest } from '../secret/secret-request.js';
import type { DecodedSecretCache } from './decoded-secret-cache.js';
import { decodeFlyteBase32, encodeFlyteBase32 } from './flyte-base32.js';
import { SecretAnnotationError } from './secret-annotation-error.js';
import { formatSecretText, parseSecretText } from './secret-text-format.js';
import { WireFormatError, WireFormatErrorCode, quoteForMessage } from './wire-format-error.js';

// The pod-facing half of Flyte's secret protocol (flytepropeller/pkg/utils/secrets/marshaler.go):
// propeller writes each requested core.Secret as an annotation `flyte.secrets/s<index>` holding the
// Flyte base32 of its protobuf text, and labels the pod so the webhook's object selector matches it.

/** Every secret annotation key starts with this; the rest is the secret's index. */
export const SECRET_ANNOTATION_PREFIX = 'flyte.secrets/s';
/** The pod label that makes the API server send the pod to the webhook. */
export const INJECT_SECRETS_LABEL = 'inject-flyte-secrets';
/** The value of {@link INJECT_SECRETS_LABEL}. */
export const INJECT_SECRETS_LABEL_VALUE = 'true';
/**
 * The longest encoded secret Flyte writes: Kubernetes' limit on all of an object's annotations
 * together (256 KiB), which no single annotation can exceed.
 */
export const MAX_ENCODED_SECRET_BYTES = 262144;

const utf8 = new TextEncoder();

/** Whether an annotation key is one of Flyte's secret annotations (Go: `strings.HasPrefix`). */
export function isSecretAnnotation(key: string): boolean {
  return key.startsWith(SECRET_ANNOTATION_PREFIX);
}

/**
 * The annotation value for one secret, exactly as Flyte writes it: Flyte base32 of
 * {@link formatSecretText}. Throws a {@link WireFormatError}: `InvalidMountRequirement` or
 * `InvalidString` from the text, or `SecretTooLarge` beyond {@link MAX_ENCODED_SECRET_BYTES}.
 */
export function encodeSecret(secret: SecretRequest): string {
  const encoded = encodeFlyteBase32(utf8.encode(formatSecretText(secret)));
  if (encoded.length > MAX_ENCODED_SECRET_BYTES) {
    throw new WireFormatError(WireFormatErrorCode.SecretTooLarge, `encoded secret is ${encoded.length} bytes (accepted: at most ${MAX_ENCODED_SECRET_BYTES}, the Kubernetes annotation size limit)`);
  }
  return encoded;
}

/** The annotations for a list of secrets: `flyte.secrets/s0`, `flyte.secrets/s1`, ... in list order. */
export function encodeSecretAnnotations(secrets: readonly SecretRequest[]): Record<string, string> {
  const annotations: Record<string, string> = {};
  secrets.forEach((secret, index) => {
    annotations[`${SECRET_ANNOTATION_PREFIX}${index}`] = encodeSecret(secret);
  });
  return annotations;
}

/**
 * Every secret requested by a pod's annotations, each tagged with the annotation it came from.
 * Other annotations are ignored. Go ranges over a map, so Flyte's order is random; here it is
 * stable: numeric suffixes in numeric order (`s2` before `s10`), then any other suffixes in
 * code-unit order. Throws a {@link SecretAnnotationError} naming the first annotation, in that order,
 * that is not Flyte base32 of valid `core.Secret` text. With a `cache`, a value decoded before is not
 * decoded again (see {@link DecodedSecretCache}); the result is the same.
 */
export function decodeSecretAnnotations(annotations: Readonly<Record<string, string>> | null | undefined, cache?: DecodedSecretCache): AnnotatedSecretRequest[] {
  // JSON may carry `annotations: null`, which the API server treats as no annotations.
  if (annotations === undefined || annotations === null) return [];
  const keys = Object.keys(annotations).filter(isSecretAnnotation).sort(compareSecretAnnotationKeys);
  return keys.map((key) => {
    // Field by field rather than spread: a spread copies through a slower generic path, per secret.
    const value = annotations[key];
    const {
      group,
      groupVersion,
      key: secretKey,
      mountRequirement,
      envVar,
    } = cache !== undefined && typeof value === 'string' ? cache.decode(value, (text) => decodeSecretAnnotation(key, text)) : decodeSecretAnnotation(key, value);
    return { group, groupVersion, key: secretKey, mountRequirement, envVar, source: key };
  });
}

function decodeSecretAnnotation(key: string, value: unknown): SecretRequest {
  if (typeof value !== 'string') {
    throw new SecretAnnotationError(key, WireFormatErrorCode.InvalidAnnotationValue, `value is ${value === null ? 'null' : typeof value}, not a string (accepted: a Flyte base32 string)`);
  }
  let text: Uint8Array;
  try {
    text = decodeFlyteBase32(value);
  } catch (error) {
    if (!(error instanceof WireFormatError)) throw error;
    // The raw value is safe to show (it is only base32), but may be huge: quote it shortened.
    throw new SecretAnnotationError(key, error.code, `${error.message}; value ${quoteForMessage(value)}`, { cause: error });
  }
  try {
    return parseSecretText(text);
  } catch (error) {
    if (error instanceof WireFormatError) throw SecretAnnotationError.wrap(key, error);
    throw error;
  }
}

/**
 * Orders secret annotation keys: decimal suffixes numerically (`s2` before `s10`, at any length),
 * then all other suffixes in plain code-unit order. Exported for callers that list annotations.
 */
export function compareSecretAnnotationKeys(a: string, b: string): number {
  // Read in place, without slices and regular expressions: an admission sorts its keys on every pod.
  const numericA = isDecimalSuffix(a);
  const numericB = isDecimalSuffix(b);
  if (numericA !== numericB) return numericA ? -1 : 1;
  if (numericA) {
    // Compare as digit strings, not Numbers, so s99999999999999999999 cannot tie with its neighbour.
    const startA = firstSignificantDigit(a);
    const startB = firstSignificantDigit(b);
    const lengthA = a.length - startA;
    const lengthB = b.length - startB;
    if (lengthA !== lengthB) return lengthA - lengthB;
    for (let offset = 0; offset < lengthA; offset++) {
      const difference = a.charCodeAt(startA + offset) - b.charCodeAt(startB + offset);
      if (difference !== 0) return difference < 0 ? -1 : 1;
    }
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether what follows the prefix is one or more ASCII digits. */
function isDecimalSuffix(key: string): boolean {
  if (key.length <= SECRET_ANNOTATION_PREFIX.length) return false;
  for (let index = SECRET_ANNOTATION_PREFIX.length; index < key.length; index++) {
    const code = key.charCodeAt(index);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

/** Where a decimal suffix's digits start once leading zeros are dropped (a lone 0 is kept). */
function firstSignificantDigit(key: string): number {
  let index = SECRET_ANNOTATION_PREFIX.length;
  while (index < key.length - 1 && key.charCodeAt(index) === 0x30) index++;
  return index;
}

/**
 * Why bytes on the wire (a Flyte secret annotation, its base32 text or its protobuf text) could not
 * be read or written. The message names the thing, the offending value (shortened) and what would be
 * accepted, so an operator can fix the pod spec from the admission denial alone.
 */
export class WireFormatError extends Error {
  override readonly name: string = 'WireFormatError';

  constructor(
    /** A stable, machine-readable reason: one of {@link WireFormatErrorCode}. */
    readonly code: WireFormatErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The reasons a wire value is refused. */
export const WireFormatErrorCode = {
  /** Not Flyte's base32: a character outside the alphabet, an impossible length, or stray bits. */
  InvalidBase32: 'InvalidBase32',
  /** The decoded bytes are not protobuf text for `core.Secret` as golang/protobuf reads it. */
  InvalidSecretText: 'InvalidSecretText',
  /** The encoded secret would not fit in an annotation (Kubernetes' 256 KiB total limit). */
  SecretTooLarge: 'SecretTooLarge',
  /** A mount requirement that is not ANY, ENV_VAR or FILE. */
  InvalidMountRequirement: 'InvalidMountRequirement',
  /** A string field that cannot be written as UTF-8 (it holds a lone surrogate). */
  InvalidString: 'InvalidString',
  /** An annotation whose value is not a string at all (the object did not come from the API server). */
  InvalidAnnotationValue: 'InvalidAnnotationValue',
  /** A hand-written request (`secrets.podsecrets.io/<name>`) that does not follow the readable form. */
  InvalidReadableSecret: 'InvalidReadableSecret',
} as const;

/** One of the {@link WireFormatErrorCode} values. */
export type WireFormatErrorCode = (typeof WireFormatErrorCode)[keyof typeof WireFormatErrorCode];

/** How many characters of an offending value a message quotes; annotation values can be 256 KiB. */
export const MESSAGE_VALUE_LIMIT = 60;

/**
 * Quotes `value` for a message, cut to {@link MESSAGE_VALUE_LIMIT} characters with the full length
 * noted, so a huge annotation cannot flood a log line or an admission response.
 */
export function quoteForMessage(value: string, limit: number = MESSAGE_VALUE_LIMIT): string {
  if (value.length <= limit) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, limit))}… (${value.length} characters)`;
}

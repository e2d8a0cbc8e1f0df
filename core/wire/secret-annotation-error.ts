import { WireFormatError, type WireFormatErrorCode } from './wire-format-error.js';

/**
 * A Flyte secret annotation on a pod that cannot be read. The message starts with the annotation key
 * so that a denial for a pod with many secrets points at the one to fix, e.g.
 * `annotation "flyte.secrets/s1": not Flyte base32 (character "=" at 4; accepted: a-z and 1-6)`.
 */
export class SecretAnnotationError extends WireFormatError {
  override readonly name: string = 'SecretAnnotationError';

  constructor(
    /** The annotation key, e.g. `flyte.secrets/s1`. */
    readonly annotation: string,
    code: WireFormatErrorCode,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(code, `annotation ${JSON.stringify(annotation)}: ${problem}`, options);
  }

  /** Wraps a {@link WireFormatError} from decoding `annotation`'s value, keeping its code. */
  static wrap(annotation: string, cause: WireFormatError): SecretAnnotationError {
    return new SecretAnnotationError(annotation, cause.code, cause.message, { cause });
  }
}

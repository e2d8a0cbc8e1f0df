import { quoteForMessage } from '../wire/wire-format-error.js';

/**
 * How a pod wants a secret delivered: the values of Flyte's `core.Secret.MountType`.
 * The numbers are the protobuf enum numbers, so they survive the wire format unchanged.
 */
export enum MountRequirement {
  ANY = 0,
  ENV_VAR = 1,
  FILE = 2,
}

/**
 * One secret a pod asks for: Flyte's `core.Secret`, field for field.
 * Empty strings mean "not set", as in protobuf.
 */
export interface SecretRequest {
  readonly group: string;
  readonly groupVersion: string;
  readonly key: string;
  readonly mountRequirement: MountRequirement;
  readonly envVar: string;
}

/** A request as it was found on a pod: the annotation it came from names it in every message. */
export interface AnnotatedSecretRequest extends SecretRequest {
  /** The annotation that carried the request, e.g. `flyte.secrets/s0`. */
  readonly source: string;
}

/** Builds a request with Flyte's zero values for the fields not given. */
export function secretRequest(fields: Partial<SecretRequest>): SecretRequest {
  return {
    group: fields.group ?? '',
    groupVersion: fields.groupVersion ?? '',
    key: fields.key ?? '',
    mountRequirement: fields.mountRequirement ?? MountRequirement.ANY,
    envVar: fields.envVar ?? '',
  };
}

/**
 * A name from a request, quoted for a message: whole up to 256 characters (any valid Kubernetes name
 * fits), else cut, since an annotation may carry up to 256 KiB and a denial must stay readable.
 */
export function quoteName(name: string): string {
  return quoteForMessage(name, NAME_QUOTE_LIMIT);
}

const NAME_QUOTE_LIMIT = 256;

/** A short, stable description for messages: the fields that are set, never a value. */
export function describeSecret(secret: SecretRequest): string {
  const parts: string[] = [];
  if (secret.group !== '') parts.push(`group ${quoteName(secret.group)}`);
  if (secret.groupVersion !== '') parts.push(`groupVersion ${quoteName(secret.groupVersion)}`);
  if (secret.key !== '') parts.push(`key ${quoteName(secret.key)}`);
  parts.push(`mount ${MountRequirement[secret.mountRequirement] ?? String(secret.mountRequirement)}`);
  if (secret.envVar !== '') parts.push(`envVar ${quoteName(secret.envVar)}`);
  const source = 'source' in secret && typeof secret.source === 'string' ? ` (${secret.source})` : '';
  return `secret [${parts.join(', ')}]${source}`;
}

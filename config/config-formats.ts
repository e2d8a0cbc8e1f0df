import { goDurationNanoseconds, isDnsLabel } from '../core/index.js';
import convict from 'convict';

// Formats convict lacks. Each message says what would be accepted; convict adds the key and the value.

const ENV_PREFIX = /^([-._a-zA-Z][-._a-zA-Z0-9]*)?$/;

let registered = false;

/** Registers podsecrets' formats with convict once per process. */
export function registerConfigFormats(): void {
  if (registered) return;
  registered = true;
  convict.addFormats({
    'secret-manager-type': {
      validate(value: unknown) {
        if (typeof value !== 'string' || value.trim() === '') throw new Error('must be the name of an installed secret manager, e.g. K8s');
      },
    },
    // A list, or as Flyte's decoder also takes it (StringToSliceHookFunc) a comma-separated string: "K8s,Vault".
    'secret-manager-types': {
      validate(value: unknown) {
        if (!Array.isArray(value) || value.some((type) => typeof type !== 'string' || type.trim() === '')) {
          throw new Error('must be a list of installed secret manager names, e.g. [K8s], or a comma-separated string such as "K8s,Vault"');
        }
      },
      coerce(value: string): string[] {
        return value.trim() === '' ? [] : value.split(',').map((type) => type.trim());
      },
    },
    // Flyte reads secrets.type nowhere (free text, "local" by default): any text means the webhook's own
    // environment and files; podsecrets adds "none", in any case, to turn the Global backend off.
    'secrets-type': {
      validate(value: unknown) {
        if (!['string', 'number', 'boolean'].includes(typeof value))
          throw new Error("must be text: local (or any other text, as in Flyte) reads the webhook's environment and files; none turns Global off");
      },
      coerce(value: string): string {
        return value.trim().toLowerCase() === 'none' ? 'none' : 'local';
      },
    },
    'env-prefix': {
      validate(value: unknown) {
        if (typeof value !== 'string' || !ENV_PREFIX.test(value)) {
          throw new Error("must start an environment variable name: letters, digits, '_', '-' and '.', not starting with a digit");
        }
      },
    },
    // Durations as Flyte's decoder takes them (see goDurationNanoseconds): Go syntax, '' or a number of nanoseconds.
    'go-duration': {
      validate(value: unknown) {
        if (goDurationNanoseconds(value) < 0n) throw new Error('must not be negative: give a Go duration such as 30s, 1m30s or 0');
      },
    },
    // Flyte's keys whose help says that 0 means none: Flyte acts on the value only when it is above zero.
    'go-duration-or-none': {
      validate(value: unknown) {
        goDurationNanoseconds(value);
      },
    },
    // A period between two looks at something: zero would make a timer spin.
    'go-interval': {
      validate(value: unknown) {
        if (goDurationNanoseconds(value) < 1_000_000_000n) throw new Error('must be a Go duration of at least 1s, such as 5s or 10m');
      },
    },
    'optional-object': {
      validate(value: unknown) {
        if (value !== null && (typeof value !== 'object' || Array.isArray(value))) throw new Error('must be a mapping (or absent)');
      },
    },
    'namespace-list': {
      validate(value: unknown) {
        if (!Array.isArray(value) || value.some((namespace) => typeof namespace !== 'string' || !isDnsLabel(namespace))) {
          throw new Error('must be a list of namespace names (lower-case letters, digits and -, at most 63 characters), e.g. [flyte, team-a]');
        }
      },
    },
    'positive-count': {
      validate(value: unknown) {
        if (!Number.isInteger(value) || (value as number) < 1) throw new Error('must be a whole number, at least 1');
      },
    },
    'byte-size': {
      validate(value: unknown) {
        if (!Number.isInteger(value) || (value as number) < 1024) throw new Error('must be a whole number of bytes, at least 1024');
      },
    },
  });
}

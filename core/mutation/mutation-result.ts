import type { Pod } from '../pod/pod-types.js';
import type { SecretRequest } from '../secret/secret-request.js';

/** One secret delivered, and by which backend. */
export interface Injection {
  readonly secret: SecretRequest;
  readonly type: string;
}

/** One backend's failure to deliver one secret. */
export interface InjectionFailure {
  readonly type: string;
  readonly code: string;
  readonly message: string;
}

export type MutationResult =
  | { readonly outcome: 'unchanged'; readonly warnings: readonly string[] }
  | {
      readonly outcome: 'mutated';
      readonly pod: Pod;
      readonly injections: readonly Injection[];
      readonly warnings: readonly string[];
      /** Backends that failed before another one delivered the secret (a degraded injection). */
      readonly failures?: readonly InjectionFailure[];
    }
  | {
      readonly outcome: 'denied';
      readonly message: string;
      readonly secret?: SecretRequest;
      readonly failures: readonly InjectionFailure[];
    };

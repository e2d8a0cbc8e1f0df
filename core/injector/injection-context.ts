/** What an injector may know about the admission it serves, beyond the pod itself. */
export interface InjectionContext {
  /** The namespace the pod is created in (the request's, which a pod with generateName may lack). */
  readonly namespace: string;
  /** The admission request's uid, for logs; empty outside an admission (the CLI). */
  readonly uid: string;
  /** True when the API server asks for a dry run: an injector must then have no side effect. */
  readonly dryRun: boolean;
  /** Aborted when the admission's deadline passes; backends that call out must honour it. */
  readonly signal: AbortSignal;
}

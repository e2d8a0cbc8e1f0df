/**
 * The validated configuration, as loaded from the operator's YAML. Core reads `webhook`; a plugin reads
 * the section its {@link ConfigSchemaContribution} declared.
 */
export const PodsecretsConfig = Symbol.for('podsecrets.PodsecretsConfig');

export interface PodsecretsConfig {
  readonly webhook: WebhookConfig;
  readonly [section: string]: unknown;
}

/** The keys of Flyte's `webhook:` section that core itself uses; plugins own the others. */
export interface WebhookConfig {
  /** The backend to use (Flyte v1 style); ignored when {@link secretManagerTypes} is not empty. */
  readonly secretManagerType: string;
  /** Backends to try in order (Flyte v2 style). */
  readonly secretManagerTypes: readonly string[];
  /** Prefix of the environment variables Flyte's injectors name, `_UNION_` by default. */
  readonly secretEnvVarPrefix: string;
  /** Secret requests one pod may make; a pod asking for more is denied before any is decoded. */
  readonly maxSecretsPerPod: number;
  /** Secrets times containers (init containers included) one pod may make; beyond, it is denied. */
  readonly maxInjectedEntries: number;
  readonly [key: string]: unknown;
}

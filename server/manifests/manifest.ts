import type { FieldComment } from './commented-document.js';

/** One Kubernetes object `manifests` renders, with the comments written beside its fields. */
export interface Manifest {
  readonly object: Record<string, unknown>;
  readonly comments: readonly FieldComment[];
}

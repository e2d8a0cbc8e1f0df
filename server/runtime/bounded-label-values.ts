import { isDnsLabel } from '../../core/index.js';

/**
 * The label value every request-chosen value beyond the bound shares. A namespace name cannot start
 * with `_`, so it never stands for a real namespace.
 */
export const OTHER_LABEL_VALUE = '_other';

/**
 * Namespaces as Prometheus label values, bounded: the first `limit` distinct namespace names keep their
 * own value, every later one and anything that is not a namespace name (a caller of the port chooses
 * `request.namespace`) becomes {@link OTHER_LABEL_VALUE}. Each distinct value is a time series kept for
 * the life of the process, so an unbounded set would let one caller grow /metrics and the memory
 * without end.
 */
export class BoundedNamespaceLabels {
  readonly #limit: number;
  readonly #kept = new Set<string>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** The label value for `namespace`. */
  of(namespace: string): string {
    if (this.#kept.has(namespace)) return namespace;
    // '' is what a request without a namespace gets; a real namespace name is a DNS label.
    if ((namespace !== '' && !isDnsLabel(namespace)) || this.#kept.size >= this.#limit) return OTHER_LABEL_VALUE;
    this.#kept.add(namespace);
    return namespace;
  }
}

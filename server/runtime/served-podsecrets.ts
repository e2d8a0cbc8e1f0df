import type { Container } from 'inversify';
import type { PodMutator } from '../../core/mutation/pod-mutator.js';

/**
 * What the runtime needs of a wired podsecrets (wiring's `Podsecrets` is one): the container its
 * bindings live in, and the backends tried, in order.
 */
export interface ServedPodsecrets {
  readonly container: Container;
  readonly mutator: Pick<PodMutator, 'chain'>;
}

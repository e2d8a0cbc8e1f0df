import type { ServiceIdentifier } from 'inversify';

/** Where contributions are looked up: a container, or a binding's resolution context. */
export interface ContributionSource {
  getAll<T>(token: ServiceIdentifier<T>): T[];
}

/**
 * Every contribution bound to the extension point `token`, in binding order, and an empty list when
 * no module contributes one (Theia's ContributionProvider): the one way to ask, instead of `isBound`
 * then `getAll`.
 */
export function contributionsOf<T>(source: ContributionSource, token: ServiceIdentifier<T>): readonly T[] {
  return source.getAll<T>(token);
}

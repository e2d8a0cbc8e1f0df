import type { ServiceIdentifier } from 'inversify';
import { contributionsOf } from '../../core/contributions-of.js';
import type { ServedPodsecrets } from './served-podsecrets.js';

/**
 * The contributions to `token` whose injector is in the chain (any case): what serve asks of a backend
 * (plain-text values, cache invalidation, start checks) it asks only of the backends in use.
 */
export function enabledContributions<T extends { readonly injectorType: string }>(podsecrets: ServedPodsecrets, token: ServiceIdentifier<T>): T[] {
  const enabled = new Set(podsecrets.mutator.chain.map((type) => type.toLowerCase()));
  return contributionsOf<T>(podsecrets.container, token).filter((contribution) => enabled.has(contribution.injectorType.toLowerCase()));
}

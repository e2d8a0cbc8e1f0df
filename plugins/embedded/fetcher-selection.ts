import { DuplicateInjectorError, type SecretFetcher, UnknownInjectorError } from '../../core/index.js';

/**
 * The fetcher `embeddedSecretManagerConfig.type` names (any case); throws naming the installed ones,
 * with core's registry errors, so that the CLI and the server report it as a configuration error.
 */
export function selectFetcher(fetchers: readonly SecretFetcher[], type: string): SecretFetcher {
  const wanted = type.toLowerCase();
  const matching = fetchers.filter((fetcher) => fetcher.type.toLowerCase() === wanted);
  if (matching.length > 1) {
    throw new DuplicateInjectorError(`two secret fetchers claim the type "${type}": ${matching.map((f) => f.constructor.name).join(' and ')}; each type must be provided by one plugin`);
  }
  const [fetcher] = matching;
  if (fetcher === undefined) {
    const installed = fetchers.map((f) => f.type).join(', ') || '(none)';
    throw new UnknownInjectorError(`webhook.embeddedSecretManagerConfig.type: unknown secret fetcher "${type}"; installed: ${installed} (any case)`);
  }
  return fetcher;
}

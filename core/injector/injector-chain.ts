import type { WebhookSettings } from '../config/webhook-settings.js';
import { UnknownInjectorError } from '../keyed-registry.js';
import type { InjectorRegistry } from './injector-registry.js';
import type { SecretInjector } from './secret-injector.js';

/** The type Flyte v2 always tries first, before the configured backends. */
export const GLOBAL_SECRET_MANAGER_TYPE = 'Global';

/**
 * The injectors to try for each secret, in order: Global (when installed and not turned off), then
 * `webhook.secretManagerTypes` if it is not empty, else `webhook.secretManagerType`. A type listed
 * twice is tried once. Throws, naming the key, for a type no plugin provides or one turned off.
 */
export function resolveInjectorChain(registry: InjectorRegistry, webhook: Pick<WebhookSettings, 'secretManagerType' | 'secretManagerTypes'>): SecretInjector[] {
  const configured: [string, string][] =
    webhook.secretManagerTypes.length > 0
      ? webhook.secretManagerTypes.map((type, index) => [`webhook.secretManagerTypes[${index}]`, type])
      : [['webhook.secretManagerType', webhook.secretManagerType]];
  const chain: SecretInjector[] = [];
  const global = registry.find(GLOBAL_SECRET_MANAGER_TYPE);
  if (global !== undefined && global.disabledBy === undefined) chain.push(global);
  for (const [key, type] of configured) {
    const injector = registry.get(type, key);
    if (injector.disabledBy !== undefined) {
      throw new UnknownInjectorError(`${key}: secret manager type "${type}" is turned off by ${injector.disabledBy}; name another type or turn it back on`);
    }
    if (!chain.includes(injector)) chain.push(injector);
  }
  return chain;
}

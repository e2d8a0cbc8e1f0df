import { defineSettings, type SettingsOf } from './settings-section.js';
import { setting } from './setting.js';

/**
 * The keys of Flyte's `webhook:` section that core itself reads: which backends, in which order, and the
 * prefix of generated env var names. Inject with `@inject(WebhookSettings) settings: WebhookSettings`.
 */
export const WebhookSettings = Symbol.for('podsecrets.WebhookSettings');

export const webhookSettings = defineSettings(WebhookSettings, {
  path: 'webhook',
  owner: 'core',
  schema: {
    secretManagerType: setting.string('The secret backend (any case): one of the installed types, see `podsecrets plugins`.', 'K8s', 'secret-manager-type'),
    secretManagerTypes: setting.strings('Backends to try in order; when not empty it replaces secretManagerType.', [], 'secret-manager-types'),
    secretEnvVarPrefix: setting.string('Prefix of generated secret env var names.', '_UNION_', 'env-prefix'),
  },
});

export interface WebhookSettings extends SettingsOf<typeof webhookSettings> {}

import type { SettingsSchema, SettingsSection } from '../core/index.js';
import type { ConfigSchemaContribution } from '../core/config/config-schema-contribution.js';
import { webhookKubeClientSettings } from '../core/config/webhook-kube-client-settings.js';
import { webhookSettings } from '../core/config/webhook-settings.js';
import { certificatesSettings } from './certificates-settings.js';
import { deploymentSettings } from './deployment-settings.js';
import { pluginsContribution } from './plugins-setting.js';
import { serverSettings } from './server-settings.js';
import { webhookServerSettings } from './webhook-server-settings.js';

/**
 * The sections of core and of the server: always in the schema, whatever plugins are loaded. Flyte's
 * `webhook:` keys (core's and the server's, spelled and defaulted as Flyte does, except
 * `secretManagerType`, K8s here), plus podsecrets' own `server:`, `certificates:` and `deployment:`.
 */
export const baseSettings: readonly SettingsSection<SettingsSchema>[] = [webhookServerSettings, webhookSettings, webhookKubeClientSettings, serverSettings, certificatesSettings, deploymentSettings];

/** Their schema fragments, as the loader merges them before the plugins'. */
export const baseContributions: readonly ConfigSchemaContribution[] = [pluginsContribution, ...baseSettings.map((section) => section.contribution)];

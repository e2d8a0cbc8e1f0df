import { ContainerModule } from 'inversify';
import { bindSettingsObject } from '../core/config/settings-section.js';
import { certificatesSettings } from './certificates-settings.js';
import { deploymentSettings } from './deployment-settings.js';
import { serverSettings } from './server-settings.js';
import { webhookServerSettings } from './webhook-server-settings.js';

/** The settings objects of the server's sections; their schemas are always the loader's (base-settings.ts). */
export const serverSettingsModule = new ContainerModule(({ bind }) => {
  for (const section of [webhookServerSettings, serverSettings, certificatesSettings, deploymentSettings]) bindSettingsObject(bind, section);
});

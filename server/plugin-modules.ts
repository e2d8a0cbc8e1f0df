import type { ContainerModule } from 'inversify';
import { awsModule } from '../plugins/aws/aws-module.js';
import { azureModule } from '../plugins/azure/azure-module.js';
import { gcpModule } from '../plugins/gcp/gcp-module.js';
import { globalModule } from '../plugins/global/global-module.js';
import { k8sModule } from '../plugins/k8s/k8s-module.js';
import { vaultModule } from '../plugins/vault/vault-module.js';

/** The backends podsecrets ships: adding one is a folder under plugins/ and a line here. */
export const pluginModules: readonly ContainerModule[] = [
  globalModule,
  k8sModule,
  vaultModule,
  awsModule,
  gcpModule,
  azureModule,
];

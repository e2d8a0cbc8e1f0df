import type { ContainerModule } from 'inversify';
import { embeddedModule } from '../plugins/embedded/embedded-module.js';
import { globalModule } from '../plugins/global/global-module.js';
import { k8sFetcherModule } from '../plugins/k8s/k8s-fetcher-module.js';
import { k8sModule } from '../plugins/k8s/k8s-module.js';
import { awsFetcherModule } from '../plugins/aws/aws-fetcher-module.js';
import { vaultFetcherModule } from '../plugins/vault/vault-fetcher-module.js';
import { gcpFetcherModule } from '../plugins/gcp/gcp-fetcher-module.js';
import { azureFetcherModule } from '../plugins/azure/azure-fetcher-module.js';

/** The backends podsecrets ships: adding one is a folder under plugins/ and a line here. */
export const pluginModules: readonly ContainerModule[] = [
  globalModule,
  k8sModule,
  embeddedModule,
  k8sFetcherModule,
  awsFetcherModule,
  vaultFetcherModule,
  gcpFetcherModule,
  azureFetcherModule,
];

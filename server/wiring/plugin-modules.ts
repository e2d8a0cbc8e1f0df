import type { ContainerModule } from 'inversify';
import { awsFetcherModule } from '../../plugins/aws/aws-fetcher-module.js';
import { awsModule } from '../../plugins/aws/aws-module.js';
import { azureFetcherModule } from '../../plugins/azure/azure-fetcher-module.js';
import { azureModule } from '../../plugins/azure/azure-module.js';
import { embeddedModule } from '../../plugins/embedded/embedded-module.js';
import { gcpFetcherModule } from '../../plugins/gcp/gcp-fetcher-module.js';
import { gcpModule } from '../../plugins/gcp/gcp-module.js';
import { globalModule } from '../../plugins/global/global-module.js';
import { k8sFetcherModule } from '../../plugins/k8s/k8s-fetcher-module.js';
import { k8sModule } from '../../plugins/k8s/k8s-module.js';
import { vaultFetcherModule } from '../../plugins/vault/vault-fetcher-module.js';
import { vaultModule } from '../../plugins/vault/vault-module.js';

/**
 * The backends podsecrets ships: adding one is a folder under plugins/ and a line here. Injector
 * modules select a backend by `secretManagerType`; fetcher modules serve Embedded mode by
 * `embeddedSecretManagerConfig.type`.
 */
export const pluginModules: readonly ContainerModule[] = [
  globalModule,
  k8sModule,
  vaultModule,
  awsModule,
  gcpModule,
  azureModule,
  embeddedModule,
  k8sFetcherModule,
  awsFetcherModule,
  vaultFetcherModule,
  gcpFetcherModule,
  azureFetcherModule,
];

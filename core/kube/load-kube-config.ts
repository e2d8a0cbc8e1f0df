import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { KubeClientLimits } from './kube-client-limits.js';
import { KubeConfigError } from './kube-config-error.js';
import { LimitedKubeConfig } from './limited-kube-config.js';

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * The one Kubernetes client configuration of podsecrets, server and plugins alike, found as
 * @kubernetes/client-node's `loadFromDefault` finds it: `file` when given, else every file of
 * $KUBECONFIG merged (the first one's current context wins, as kubectl and `loadFromDefault(opts, true)` have it), else ~/.kube/config, else the pod's service
 * account. Every client made from it waits for `limits`' rate and gives up after its timeout (see
 * {@link LimitedKubeConfig}), as Flyte's `kubeClientConfig` makes client-go do. A configuration the
 * client would refuse on its first call is refused here with a {@link KubeConfigError} naming the file.
 */
export function loadKubeConfig(file: string, limits: KubeClientLimits, environment: NodeJS.ProcessEnv): KubeConfig {
  const config = new LimitedKubeConfig(limits);
  const home = join(environment['HOME'] || homedir(), '.kube', 'config');
  const kubeconfigs = (environment['KUBECONFIG'] ?? '').split(delimiter).filter((name) => name !== '');
  let source: string;
  if (file !== '' || kubeconfigs.length > 0) {
    const [first = '', ...rest] = file !== '' ? [file] : kubeconfigs;
    source = file !== '' ? `kubeconfig ${file}` : `$KUBECONFIG ${kubeconfigs.join(delimiter)}`;
    loadFile(config, first);
    for (const next of rest) {
      const more = new KubeConfig();
      loadFile(more, next);
      config.mergeConfig(more, true);
    }
  } else if (existsSync(home)) {
    source = `kubeconfig ${home}`;
    loadFile(config, home);
  } else if (existsSync(SERVICE_ACCOUNT_TOKEN)) {
    source = 'the in-cluster service account';
    config.loadFromCluster();
  } else {
    throw new KubeConfigError(
      'no Kubernetes client configuration: $KUBECONFIG unset, no ~/.kube/config, not in a cluster; set $KUBECONFIG (or, for Embedded mode, webhook.embeddedSecretManagerConfig.kubeconfig)',
    );
  }
  refuseUnusable(config, source);
  return config;
}

function loadFile(config: KubeConfig, file: string): void {
  try {
    config.loadFromFile(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new KubeConfigError(`kubeconfig ${file} cannot be used: ${reason}`, { cause: error });
  }
}

/** What @kubernetes/client-node would throw on the first call, said at start instead. */
function refuseUnusable(config: KubeConfig, source: string): void {
  const cluster = config.getCurrentCluster();
  if (cluster === null) throw new KubeConfigError(`${source} cannot be used: its current context "${config.getCurrentContext()}" names no cluster`);
  if (cluster.server.startsWith('http:') && !cluster.skipTLSVerify) {
    throw new KubeConfigError(
      `${source} cannot be used: cluster "${cluster.name}" is served over plain HTTP (${cluster.server}), which the Kubernetes client refuses unless insecure-skip-tls-verify is true; give an https:// server`,
    );
  }
}

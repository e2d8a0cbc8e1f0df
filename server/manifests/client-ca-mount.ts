import { posix } from 'node:path';
import { ConfigError } from '../../config/config-error.js';
import type { WebhookIdentity } from '../certificates/webhook-identity.js';

/** Where `server.clientCAFile` comes from in the Deployment: a volume, its mount in the webhook container, and why. */
export interface ClientCaMount {
  readonly configMapName: string;
  readonly volume: Record<string, unknown>;
  readonly mount: Record<string, unknown>;
  readonly comment: string;
}

const VOLUME = 'client-ca';
/** The ConfigMap key the operator puts the CA under, as `kube-root-ca.crt` and cert-manager's trust bundles do. */
export const CLIENT_CA_KEY = 'ca.crt';

/**
 * The mount that puts the CA of the API server's client certificate at `server.clientCAFile`, from the
 * ConfigMap `<serviceName>-client-ca` (a CA certificate is public: no Secret needed), or undefined when
 * the file is not set. `taken` are directories the Deployment already mounts.
 */
export function clientCaMount(identity: WebhookIdentity, clientCAFile: string, taken: readonly string[]): ClientCaMount | undefined {
  if (clientCAFile === '') return undefined;
  const directory = posix.dirname(posix.resolve('/', clientCAFile));
  const clash = taken.find((mounted) => directory === mounted || directory.startsWith(`${mounted}/`) || mounted.startsWith(`${directory}/`));
  if (!posix.isAbsolute(clientCAFile) || directory === '/' || clash !== undefined) {
    throw new ConfigError(
      `server.clientCAFile: ${JSON.stringify(clientCAFile)} is not accepted in a Deployment: give an absolute file in a directory of its own (not /, not ${taken.join(' or ')}), e.g. /etc/podsecrets-client-ca/ca.crt`,
    );
  }
  const configMapName = `${identity.serviceName}-client-ca`;
  return {
    configMapName,
    volume: { name: VOLUME, configMap: { name: configMapName, items: [{ key: CLIENT_CA_KEY, path: posix.basename(clientCAFile) }] } },
    mount: { name: VOLUME, mountPath: directory, readOnly: true },
    comment:
      `client-ca is server.clientCAFile: the CA that issued the API server's client certificate (its AdmissionConfiguration,\n` +
      `docs/security.md). Create it first: kubectl -n ${identity.namespace} create configmap ${configMapName} --from-file=${CLIENT_CA_KEY}=<CA file>.\n` +
      'Admissions without a certificate from it get 401; the probes and /metrics need none.',
  };
}

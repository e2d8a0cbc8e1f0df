import type { Document } from 'yaml';
import type { PodsecretsConfig } from '../../core/config/podsecrets-config.js';
import { readSettings } from '../../core/config/settings-section.js';
import { type ServerSettings, serverSettings } from '../../config/server-settings.js';
import { webhookServerSettings } from '../../config/webhook-server-settings.js';
import { commentedDocument, yamlStream } from './commented-document.js';
import { embeddedSecretAccess } from './embedded-rbac-manifests.js';
import { networkPolicyManifest } from './network-policy-manifest.js';
import type { Manifest } from './manifest.js';
import { rbacManifests } from './rbac-manifests.js';
import { webhookIdentity } from '../certificates/webhook-identity.js';
import { serviceMonitorManifest } from './service-monitor-manifest.js';
import { certManagerManifests, webhookManifest } from './webhook-manifests.js';
import { workloadManifests } from './workload-manifests.js';

/** One file of rendered manifests. */
export interface ManifestFile {
  readonly name: string;
  readonly documents: readonly Document[];
  readonly objects: readonly Record<string, unknown>[];
  readonly text: string;
}

export interface RenderOptions {
  /** The configuration file's text, shipped in the ConfigMap. */
  readonly configText: string;
  /** The file it came from, for the header. */
  readonly configFile: string;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** webhook.cacheInvalidationPort when the listener is reachable from other pods, else undefined. */
function invalidationPortBeyondLoopback(config: PodsecretsConfig, server: ServerSettings): number | undefined {
  const port = readSettings(config, webhookServerSettings).cacheInvalidationPort;
  return port === 0 || LOOPBACK.has(server.cacheInvalidationHost) ? undefined : port;
}

/**
 * Every manifest podsecrets needs in a cluster, from its configuration alone (no environment): what
 * `podsecrets manifests` prints and what deploy/ holds, so the two never drift.
 */
export function renderManifests(config: PodsecretsConfig, options: RenderOptions): ManifestFile[] {
  const identity = webhookIdentity(config);
  const server = readSettings(config, serverSettings);
  const embedded = embeddedSecretAccess(config, identity);
  const [namespace, configMap, deployment, service, budget] = workloadManifests(identity, {
    configText: options.configText,
    shutdownDelay: server.shutdownDelay,
    shutdownTimeout: server.shutdownTimeout,
    clientCAFile: server.clientCAFile,
    ...(embedded !== undefined ? { embedded } : {}),
  }) as [Manifest, Manifest, Manifest, Manifest, Manifest];
  const groups: Array<[string, Manifest[]]> = [
    ['namespace.yaml', [namespace]],
    ['rbac.yaml', rbacManifests(identity, embedded)],
    ['config.yaml', [configMap]],
    ...(identity.certificates.source === 'cert-manager' ? [['certificates.yaml', certManagerManifests(identity)] as [string, Manifest[]]] : []),
    ['deployment.yaml', [deployment, budget]],
    ['service.yaml', [service]],
    ['network-policy.yaml', [networkPolicyManifest(identity, invalidationPortBeyondLoopback(config, server))]],
    ['webhook.yaml', [webhookManifest(identity)]],
    ...(identity.deployment.serviceMonitor ? [['service-monitor.yaml', [serviceMonitorManifest(identity)]] as [string, Manifest[]]] : []),
  ];
  const header = `Rendered by \`podsecrets manifests --config ${options.configFile}\`: edit the configuration and render again, not this file.`;
  return groups.map(([name, manifests]) => {
    const documents = manifests.map((manifest, index) => commentedDocument(manifest.object, manifest.comments, index === 0 ? header : undefined));
    return { name, documents, objects: manifests.map((manifest) => manifest.object), text: yamlStream(documents) };
  });
}

import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { ConfigError } from '../../config/config-error.js';
import { formatGoDuration } from '../../core/config/go-duration.js';
import { clientCaMount } from './client-ca-mount.js';
import type { EmbeddedSecretAccess } from './embedded-rbac-manifests.js';
import { WEBHOOK_POD_SELECTOR } from './network-policy-manifest.js';
import type { Manifest } from './manifest.js';
import { needsApiAccess } from './rbac-manifests.js';
import { TLS_CERT_FILE, TLS_KEY_FILE } from '../runtime/tls-credentials.js';
import type { WebhookIdentity } from '../certificates/webhook-identity.js';
import { COMMON_LABELS } from '../certificates/webhook-registration.js';

export const CONFIG_MOUNT = '/etc/podsecrets';
export const CONFIG_FILE = `${CONFIG_MOUNT}/config.yaml`;
const USER_ID = 65532;

export interface WorkloadOptions {
  /** The text of the configuration file, shipped in a ConfigMap and read by every container. */
  readonly configText: string;
  /** Milliseconds (server.shutdownDelay). */
  readonly shutdownDelay: number;
  /** Milliseconds (server.shutdownTimeout). */
  readonly shutdownTimeout: number;
  /** server.clientCAFile: when set, the Deployment mounts that CA for serve. */
  readonly clientCAFile: string;
  /** What Embedded mode calls in the cluster, when it is enabled: it needs the API too. */
  readonly embedded?: EmbeddedSecretAccess;
}

const podEnv = [
  { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
  { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
];

const containerSecurity = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
};

/** The Namespace, ConfigMap, Deployment, Service and PodDisruptionBudget. */
export function workloadManifests(identity: WebhookIdentity, options: WorkloadOptions): Manifest[] {
  const { namespace, serviceName: name } = identity;
  const source = identity.certificates.source;
  const certDir = posix.resolve('/', identity.certDir);
  if (!posix.isAbsolute(identity.certDir) || certDir === CONFIG_MOUNT || certDir.startsWith(`${CONFIG_MOUNT}/`)) {
    throw new ConfigError(`webhook.certDir: ${JSON.stringify(identity.certDir)} is not accepted in a Deployment: give an absolute directory other than ${CONFIG_MOUNT}, e.g. /etc/webhook/certs`);
  }
  const labels = { ...COMMON_LABELS };
  const selector = WEBHOOK_POD_SELECTOR;
  const api = needsApiAccess(identity, options.embedded);
  const graceSeconds = Math.ceil((options.shutdownDelay + options.shutdownTimeout) / 1000) + 5;
  // source self with localCert: init-certs and serve write the files into an emptyDir. Otherwise (Flyte's
  // default localCert false, or certificates made by someone else) certDir is the Secret, read-only.
  const writesFiles = source === 'self' && identity.localCert;
  const mounts = [
    { name: 'config', mountPath: CONFIG_MOUNT, readOnly: true },
    { name: 'certs', mountPath: identity.certDir, readOnly: !writesFiles },
  ];
  const clientCa = clientCaMount(identity, options.clientCAFile, [CONFIG_MOUNT, certDir]);
  const certVolume = writesFiles ? { name: 'certs', emptyDir: { medium: 'Memory', sizeLimit: '1Mi' } } : { name: 'certs', secret: certSecretVolume(identity) };
  const runsInitCerts = source === 'self' || identity.registerWebhook;
  const probe = (path: string, period: number, failures: number) => ({
    httpGet: { path, port: 'https', scheme: 'HTTPS' },
    periodSeconds: period,
    timeoutSeconds: 2,
    failureThreshold: failures,
  });
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels },
    spec: {
      replicas: identity.deployment.replicas,
      selector: { matchLabels: selector },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels, annotations: { 'podsecrets.io/config-sha256': createHash('sha256').update(options.configText).digest('hex') } },
        spec: {
          serviceAccountName: name,
          automountServiceAccountToken: api,
          terminationGracePeriodSeconds: graceSeconds,
          securityContext: { runAsNonRoot: true, runAsUser: USER_ID, runAsGroup: USER_ID, fsGroup: USER_ID, seccompProfile: { type: 'RuntimeDefault' } },
          topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selector } }],
          ...(runsInitCerts
            ? {
                initContainers: [
                  {
                    name: 'init-certs',
                    image: identity.deployment.image,
                    args: ['init-certs', '--config', CONFIG_FILE],
                    env: podEnv,
                    resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
                    securityContext: containerSecurity,
                    volumeMounts: mounts.map((mount) => ({ ...mount, readOnly: mount.name === 'config' || !writesFiles })),
                  },
                ],
              }
            : {}),
          containers: [
            {
              name: 'webhook',
              image: identity.deployment.image,
              args: ['serve', '--config', CONFIG_FILE],
              env: podEnv,
              ports: [{ name: 'https', containerPort: identity.listenPort, protocol: 'TCP' }],
              readinessProbe: probe('/readyz', 5, 2),
              livenessProbe: probe('/healthz', 10, 3),
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
              securityContext: containerSecurity,
              volumeMounts: [...mounts, ...(clientCa !== undefined ? [clientCa.mount] : [])],
            },
          ],
          volumes: [{ name: 'config', configMap: { name } }, certVolume, ...(clientCa !== undefined ? [clientCa.volume] : [])],
        },
      },
    },
  };
  const spec = ['spec', 'template', 'spec'] as const;
  const container = [...spec, 'containers', 0] as const;
  return [
    {
      object: {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: namespace, labels: { ...labels, 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'latest' } },
      },
      comments: [
        {
          path: ['metadata'],
          text: 'The webhook\'s own namespace: the registration\'s namespaceSelector leaves it out, so a webhook pod never\nwaits on itself to be admitted. Pod Security "restricted" is enforced: the webhook pods meet it.',
        },
      ],
    },
    {
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels }, data: { 'config.yaml': options.configText } },
      comments: [{ path: ['data'], text: 'The configuration these manifests were rendered from; init-certs and serve read the same file.' }],
    },
    {
      object: deployment,
      comments: [
        { path: ['spec', 'replicas'], text: 'Two or more: with failurePolicy Fail, opted-in pods cannot be created while no replica answers.' },
        { path: ['spec', 'strategy'], text: 'Never fewer ready replicas than asked for during a rollout.' },
        { path: ['spec', 'template', 'metadata', 'annotations'], text: 'A new configuration changes this hash, so applying it rolls the pods.' },
        {
          path: [...spec, 'automountServiceAccountToken'],
          text: api
            ? `init-certs and serve use the API: the Secret, the Lease and the webhook registration (see the Role)${options.embedded !== undefined ? ', and Embedded mode its Secrets' : ''}.`
            : 'No API access is needed in this mode.',
        },
        {
          path: [...spec, 'terminationGracePeriodSeconds'],
          text: `server.shutdownDelay (${formatGoDuration(options.shutdownDelay)}) + server.shutdownTimeout (${formatGoDuration(options.shutdownTimeout)}) + 5 s: on SIGTERM readiness fails first,\nrequests in flight finish, then the process exits 0 before the kubelet would kill it.`,
        },
        { path: [...spec, 'securityContext'], text: 'Non-root, no privilege escalation, default seccomp: the image runs as uid 65532.' },
        { path: [...spec, 'topologySpreadConstraints'], text: 'Replicas on different nodes where possible, so one node drain does not take both.' },
        ...(runsInitCerts
          ? [
              {
                path: [...spec, 'initContainers'],
                text: writesFiles
                  ? 'Makes or adopts the CA and certificate in the Secret, registers the webhook with its caBundle, and writes\nthe files into the certs emptyDir; serve then renews them every certificates.checkInterval.'
                  : source === 'self'
                    ? 'Makes or adopts the CA and certificate in the Secret and registers the webhook with its caBundle; serve\nrenews the Secret every certificates.checkInterval and reads it from the Secret volume.'
                    : 'Registers the webhook (caBundle from certDir/ca.crt for source files; kept as cert-manager sets it otherwise).',
              },
            ]
          : []),
        { path: [...container, 'readinessProbe'], text: 'Fails until TLS and configuration are loaded, and from the first moment of shutdown.' },
        { path: [...container, 'livenessProbe'], text: 'Only the event loop answering: a slow backend must not get the pod restarted.' },
        { path: [...container, 'resources'], text: 'No CPU limit: CFS throttling would add latency to every admission; memory is bounded.' },
        {
          path: [...spec, 'volumes'],
          text:
            (writesFiles
              ? 'certs is in memory and written by init-certs and serve; the CA key never lands on a node disk.'
              : source === 'self'
                ? `certs is the Secret ${identity.secretName} that init-certs keeps (webhook.localCert false, as in Flyte), its serving\ncertificate and key only; the kubelet updates the files when serve renews it, and the server reloads them.\nOptional: on the first install the Secret appears after the pod starts, and serve restarts until the files arrive.`
                : source === 'files'
                  ? `certs is the Secret ${identity.secretName}, provisioned by you; the server reloads it when it changes.`
                  : `certs is the Secret cert-manager writes for Certificate ${name}; the server reloads it when it is renewed.`) + (clientCa !== undefined ? `\n${clientCa.comment}` : ''),
        },
      ],
    },
    {
      object: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace, labels },
        spec: { type: 'ClusterIP', selector, ports: [{ name: 'https', port: identity.servicePort, targetPort: 'https', protocol: 'TCP' }] },
      },
      comments: [{ path: ['spec', 'ports'], text: `The registration calls ${name}.${namespace}.svc:${identity.servicePort}, which the certificate names.` }],
    },
    {
      object: {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name, namespace, labels },
        spec: { minAvailable: 1, selector: { matchLabels: selector } },
      },
      comments: [{ path: ['spec', 'minAvailable'], text: 'A voluntary disruption (drain, upgrade) keeps at least one replica answering admissions.' }],
    },
  ];
}

/**
 * The certificate Secret as a volume. For a Secret init-certs makes (source self), only the serving
 * certificate and key, so the CA key it also holds never reaches the server's file system, and optional,
 * because on the first install init-certs creates it after the kubelet has set up the pod's volumes.
 */
function certSecretVolume(identity: WebhookIdentity): Record<string, unknown> {
  if (identity.certificates.source !== 'self') return { secretName: identity.secretName, defaultMode: 0o440 };
  const items = [TLS_CERT_FILE, TLS_KEY_FILE].map((key) => ({ key, path: key }));
  return { secretName: identity.secretName, defaultMode: 0o440, optional: true, items };
}

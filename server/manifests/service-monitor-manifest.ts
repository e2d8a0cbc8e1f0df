import type { Manifest } from './manifest.js';
import type { WebhookIdentity } from '../certificates/webhook-identity.js';
import { COMMON_LABELS } from '../certificates/webhook-registration.js';

/**
 * A ServiceMonitor (Prometheus Operator, monitoring.coreos.com/v1) for /metrics on the webhook's Service
 * port, over HTTPS: Prometheus checks the serving certificate against ca.crt of the certificate Secret
 * and the Service's DNS name, which the certificate carries, since it scrapes pods by address.
 */
export function serviceMonitorManifest(identity: WebhookIdentity): Manifest {
  const { namespace, serviceName: name } = identity;
  return {
    object: {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name, namespace, labels: { ...COMMON_LABELS } },
      spec: {
        selector: { matchLabels: { ...COMMON_LABELS } },
        namespaceSelector: { matchNames: [namespace] },
        endpoints: [
          {
            port: 'https',
            path: '/metrics',
            scheme: 'https',
            interval: '30s',
            tlsConfig: { serverName: `${name}.${namespace}.svc`, ca: { secret: { name: identity.secretName, key: 'ca.crt' } } },
          },
        ],
      },
    },
    comments: [
      {
        path: ['spec', 'endpoints'],
        text:
          `deployment.serviceMonitor: needs the Prometheus Operator's CRDs. ca.crt comes from the Secret ${identity.secretName};\n` +
          '/metrics asks for no client certificate, even with server.clientCAFile set.',
      },
    ],
  };
}

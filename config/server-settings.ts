import { defineSettings, setting, type SettingsOf } from '../core/index.js';

/** podsecrets' own `server:` section (Flyte has none): the HTTPS runtime. */
export const ServerSettings = Symbol.for('podsecrets.ServerSettings');

export const serverSettings = defineSettings(ServerSettings, {
  path: 'server',
  owner: 'server',
  schema: {
    host: setting.string('Address the HTTPS server listens on.', '0.0.0.0'),
    maxRequestBytes: setting.custom({ doc: 'Largest AdmissionReview body accepted; larger ones get 413.', format: 'byte-size', default: 3 * 1024 * 1024, convert: Number }),
    selfSignedCert: setting.boolean('When certDir has no tls.crt/tls.key, make a self-signed certificate and write it there (for local use).', false),
    cacheInvalidationHost: setting.string(
      'Address of the cache invalidation listener (webhook.cacheInvalidationPort); an address other than loopback requires cacheInvalidationTokenFile.',
      '127.0.0.1',
    ),
    cacheInvalidationTokenFile: setting.file('File holding the bearer token the cache invalidation listener demands; empty: no token (loopback only).', ''),
    headersTimeoutMs: setting.count('Milliseconds a client has to send the request headers; a slower one gets 408 and is disconnected.', 10_000),
    requestTimeoutMs: setting.count('Milliseconds a client has to send the whole request (headers and body); a slower one gets 408. At least headersTimeoutMs.', 30_000),
    keepAliveTimeoutMs: setting.count('Milliseconds an idle keep-alive connection is kept open.', 60_000),
    // Also a path inside the webhook's container (manifests mount it there): kept as written.
    clientCAFile: setting.string(
      "PEM file of the CA whose client certificates may ask for admissions (the API server's, set in its AdmissionConfiguration); empty: any caller that reaches the port.",
      '',
    ),
    allowUnauthenticatedValues: setting.boolean(
      'Start serve even though its answers can carry secret values (Global holds some, or Embedded valueDelivery plainText) while clientCAFile is empty, so any caller that reaches the port receives them; logs a warning at start.',
      false,
    ),
    maxConnections: setting.count('Most client connections open at once; further ones are refused until some close.', 1024),
    metricsMaxNamespaces: setting.count('Most namespaces that get a metrics label value of their own; later ones, and values that are not namespace names, count as _other.', 200),
    logLevel: setting.oneOf('Log level.', ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], 'info'),
    shutdownDelay: setting.duration('On SIGTERM, how long readiness fails while requests are still served, so that endpoints drop the pod before the listener closes.', '5s'),
    shutdownTimeout: setting.duration('After the listener closes, how long requests in flight may take before their connections are cut.', '15s'),
  },
});

export interface ServerSettings extends SettingsOf<typeof serverSettings> {}

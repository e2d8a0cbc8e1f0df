import type { RequestListener } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSelfSignedCertificate } from '../../server/certificates/self-signed-certificate.js';
import { serveBenchmark } from './server-messages.js';

/**
 * Serves `listener` as a floor server: Node's HTTPS server with the same kind of certificate
 * (self-signed ECDSA P-256) and keep-alive settings as podsecrets, on any free loopback port.
 */
export async function serveFloor(listener: RequestListener): Promise<void> {
  const credentials = await createSelfSignedCertificate({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
  const server = createServer({ cert: credentials.cert, key: credentials.key, minVersion: 'TLSv1.2' }, listener);
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    serveBenchmark((server.address() as AddressInfo).port, () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      return closed;
    });
  });
}

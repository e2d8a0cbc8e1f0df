import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSelfSignedCertificate } from '../../server/certificates/self-signed-certificate.js';
import { serveBenchmark } from './server-messages.js';

// The floor for any Node webhook on this machine: Node's own HTTPS server, with the same kind of
// certificate and the same keep-alive settings as podsecrets, that reads the body, parses it and
// answers "allowed" for the request's uid. Nothing a real webhook could leave out is left in.

const credentials = await createSelfSignedCertificate({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
const server = createServer({ cert: credentials.cert, key: credentials.key, minVersion: 'TLSv1.2' }, (request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const review = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { apiVersion: string; request: { uid: string } };
    const answer = JSON.stringify({ apiVersion: review.apiVersion, kind: 'AdmissionReview', response: { uid: review.request.uid, allowed: true } });
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(answer) });
    response.end(answer);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  serveBenchmark((server.address() as AddressInfo).port, () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    return closed;
  });
});

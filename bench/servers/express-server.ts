import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ADMISSION_PATHS } from '../../server/http/admission-router.js';
import { createSelfSignedCertificate } from '../../server/tls/self-signed-certificate.js';
import { serveBenchmark } from './server-messages.js';

// The floor for a webhook written as an Express application, the usual way: the baseline's work
// (read the body, parse it, answer "allowed" for the request's uid) as a route of an express() app,
// with express.json and res.json, on the same kind of certificate and keep-alive settings.

const credentials = await createSelfSignedCertificate({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.post(ADMISSION_PATHS[0], express.json({ limit: '10mb' }), (request, response) => {
  const review = request.body as { apiVersion: string; request: { uid: string } };
  response.json({ apiVersion: review.apiVersion, kind: 'AdmissionReview', response: { uid: review.request.uid, allowed: true } });
});
const server = createServer({ cert: credentials.cert, key: credentials.key, minVersion: 'TLSv1.2' }, app);
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  serveBenchmark((server.address() as AddressInfo).port, () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    return closed;
  });
});

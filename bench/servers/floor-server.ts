import type { RequestListener, ServerResponse } from 'node:http';
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

function sendAnswer(response: ServerResponse, answer: string): void {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(answer) });
  response.end(answer);
}

/**
 * Serves a floor that reads each request's whole body and answers 200 with the JSON text `answer`
 * makes of it; a synchronous answer is sent in the same turn, without a promise.
 */
export function serveJsonFloor(answer: (body: string) => string | Promise<string>): Promise<void> {
  return serveFloor((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = answer(Buffer.concat(chunks).toString('utf8'));
      if (typeof text === 'string') sendAnswer(response, text);
      else void text.then((json) => sendAnswer(response, json));
    });
  });
}

import { createServer as createTlsServer, connect as tlsConnect, type ConnectionOptions, type Server } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createSelfSignedCertificate, type PemCredentials } from '../../server/certificates/self-signed-certificate.js';
import { recordFigures } from './support/figures.js';
import { type ReliabilityWebhook, startReliabilityWebhook } from './support/reliability-webhook.js';

// What a client can negotiate with the webhook: TLS 1.2 or 1.3 only, and for TLS 1.2 only ECDHE
// with AEAD. Each refusal is checked against a permissive server first, so a probe that the client
// itself cannot make (an OpenSSL build without TLS 1.1) does not pass for a refusal by podsecrets.

interface Probe {
  readonly name: string;
  readonly options: ConnectionOptions;
}

const OLD_PROTOCOLS: readonly Probe[] = [
  { name: 'TLS 1.0', options: { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' } },
  { name: 'TLS 1.1', options: { minVersion: 'TLSv1.1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' } },
];

// Suites an ECDSA certificate could serve (the webhook's own); CBC and SHA-1 MACs are what "HIGH" adds.
const WEAK_CIPHERS: readonly Probe[] = ['ECDHE-ECDSA-AES128-SHA', 'ECDHE-ECDSA-AES256-SHA', 'ECDHE-ECDSA-AES128-SHA256', 'ECDHE-ECDSA-AES256-SHA384'].map((cipher) => ({
  name: cipher,
  options: { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: `${cipher}@SECLEVEL=0` },
}));

function handshake(port: number, ca: string, options: ConnectionOptions): Promise<{ ok: boolean; protocol?: string | null; cipher?: string; error?: string }> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, ca, servername: 'localhost', ...options }, () => {
      const result = { ok: true, protocol: socket.getProtocol(), cipher: socket.getCipher().name };
      socket.destroy();
      resolve(result);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, error: error.code ?? error.message }));
  });
}

async function permissiveServer(credentials: PemCredentials): Promise<Server> {
  const server = createTlsServer({ ...credentials, minVersion: 'TLSv1', ciphers: 'ALL@SECLEVEL=0' }, (socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

describe('the HTTPS server TLS policy', () => {
  let webhook: ReliabilityWebhook;
  let control: Server;
  let controlCa: string;

  before(async () => {
    webhook = await startReliabilityWebhook('K8s');
    const credentials = await createSelfSignedCertificate({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
    controlCa = credentials.cert;
    control = await permissiveServer(credentials);
  });

  after(async () => {
    await webhook.stop();
    await new Promise((resolve) => control.close(resolve));
  });

  describe('when a client offers TLS 1.2 or TLS 1.3', () => {
    it('should negotiate with a forward-secret AEAD cipher', async () => {
      const tls13 = await handshake(webhook.port, webhook.ca, { minVersion: 'TLSv1.3' });
      expect(tls13).to.include({ ok: true, protocol: 'TLSv1.3' });
      const tls12 = await handshake(webhook.port, webhook.ca, { maxVersion: 'TLSv1.2' });
      expect(tls12).to.include({ ok: true, protocol: 'TLSv1.2' });
      expect(tls12.cipher).to.match(/^ECDHE-ECDSA-(AES\d+-GCM-SHA\d+|CHACHA20-POLY1305)$/);
    });
  });

  for (const probe of OLD_PROTOCOLS) {
    describe(`when a client offers only ${probe.name}`, () => {
      it('should refuse the handshake', async function () {
        const controlResult = await handshake((control.address() as AddressInfo).port, controlCa, probe.options);
        if (!controlResult.ok) this.skip(); // this Node/OpenSSL cannot speak it at all, so there is nothing to refuse
        const result = await handshake(webhook.port, webhook.ca, probe.options);
        expect(result.ok, `negotiated ${String(result.protocol)} ${String(result.cipher)}`).to.equal(false);
        recordFigures(`TLS: ${probe.name} refused`, { permissiveServerAccepted: 'yes', webhookAccepted: 'no' });
      });
    });
  }

  for (const probe of WEAK_CIPHERS) {
    describe(`when a client offers only ${probe.name}`, () => {
      it('should refuse the handshake', async () => {
        const controlResult = await handshake((control.address() as AddressInfo).port, controlCa, probe.options);
        expect(controlResult, 'a permissive server negotiates it, so the probe is real').to.include({ ok: true, cipher: probe.name });
        const result = await handshake(webhook.port, webhook.ca, probe.options);
        expect(result.ok, `negotiated ${String(result.cipher)}`).to.equal(false);
        recordFigures(`TLS: ${probe.name} refused`, { permissiveServerAccepted: 'yes', webhookAccepted: 'no' });
      });
    });
  }
});

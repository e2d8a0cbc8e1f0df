import { expect } from 'chai';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { podWithSecrets, reviewFor } from '../support/pod-builders.js';
import { recordFigures } from './support/figures.js';
import { loadCount } from './support/fuzz-runs.js';
import { rawTlsExchange, stalledHandshake } from './support/raw-tls.js';
import { type ReliabilityWebhook, startReliabilityWebhook } from './support/reliability-webhook.js';

// Slow and idle clients, with short deadlines configured (server.headersTimeoutMs and
// server.requestTimeoutMs), so the test takes seconds: each gets 408 within its deadline plus the
// server's check interval (half the shortest deadline) and a margin for a busy machine.

const HEADERS_MS = 800;
const REQUEST_MS = 1600;
const MARGIN_MS = 2500;
const IDLE_CONNECTIONS = loadCount('PODSECRETS_IDLE_CONNECTIONS', 200);
type Outcome = 'kept' | 'dropped' | 'closed without 408';
const validReview = reviewFor(podWithSecrets({ secrets: [{ group: 'db', key: 'password' }] }));

describe('the HTTPS server with slow clients', function () {
  this.timeout(60_000);
  let webhook: ReliabilityWebhook;

  before(async () => {
    webhook = await startReliabilityWebhook('K8s', { config: { server: { headersTimeoutMs: HEADERS_MS, requestTimeoutMs: REQUEST_MS } } });
  });

  after(async () => {
    await webhook.stop();
  });

  describe('when a client connects and sends nothing', () => {
    it('should answer 408 and close within the header deadline', async () => {
      const exchange = await rawTlsExchange(webhook.port, webhook.ca, [], { maxWaitMs: HEADERS_MS + MARGIN_MS * 2 });
      expect(exchange.status).to.equal(408);
      expect(exchange.closedByServer).to.equal(true);
      expect(exchange.closedAfterMs).to.be.within(HEADERS_MS - 100, HEADERS_MS + MARGIN_MS);
      recordFigures('slow client: idle after handshake', { deadlineMs: HEADERS_MS, answeredAfterMs: exchange.closedAfterMs, status: 408 });
    });
  });

  describe('when a client trickles its headers', () => {
    it('should answer 408 within the header deadline, though bytes keep coming', async () => {
      const lines = ['POST /mutate--v1-pod HTTP/1.1\r\n', 'Host: localhost\r\n', ...Array.from({ length: 40 }, (_, index) => `X-Slow-${index}: 1\r\n`)];
      const exchange = await rawTlsExchange(webhook.port, webhook.ca, lines, { gapMs: 100, maxWaitMs: HEADERS_MS + MARGIN_MS * 2 });
      expect(exchange.status).to.equal(408);
      expect(exchange.closedAfterMs).to.be.within(HEADERS_MS - 100, HEADERS_MS + MARGIN_MS);
      recordFigures('slow client: trickled headers', { deadlineMs: HEADERS_MS, answeredAfterMs: exchange.closedAfterMs, status: 408 });
    });
  });

  describe('when a client trickles its body', () => {
    it('should answer 408 within the request deadline', async () => {
      const body = JSON.stringify(validReview);
      const head = `POST /mutate--v1-pod HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
      const exchange = await rawTlsExchange(webhook.port, webhook.ca, [head, ...body.slice(0, 60).split('')], { gapMs: 100, maxWaitMs: REQUEST_MS + MARGIN_MS * 2 });
      expect(exchange.status).to.equal(408);
      expect(exchange.closedAfterMs).to.be.within(REQUEST_MS - 100, REQUEST_MS + MARGIN_MS);
      recordFigures('slow client: trickled body', { deadlineMs: REQUEST_MS, answeredAfterMs: exchange.closedAfterMs, status: 408 });
    });
  });

  describe('when a client never starts its TLS handshake', () => {
    it('should close the connection within the header deadline', async () => {
      const stalled = await stalledHandshake(webhook.port, HEADERS_MS + MARGIN_MS * 2);
      expect(stalled.closedByServer).to.equal(true);
      expect(stalled.closedAfterMs).to.be.lessThan(HEADERS_MS + MARGIN_MS);
      recordFigures('slow client: no TLS handshake', { deadlineMs: HEADERS_MS, closedAfterMs: stalled.closedAfterMs });
    });
  });

  describe(`when ${IDLE_CONNECTIONS} clients connect and stay idle`, () => {
    it('should keep answering others, then close every idle connection', async () => {
      let connected = 0;
      let answered408 = 0;
      const closed = Array.from(
        { length: IDLE_CONNECTIONS },
        () =>
          new Promise<void>((resolve) => {
            const socket: TLSSocket = tlsConnect({ host: '127.0.0.1', port: webhook.port, ca: webhook.ca, servername: 'localhost' }, () => (connected += 1));
            socket.on('data', (data: Buffer) => {
              if (data.toString('latin1').startsWith('HTTP/1.1 408')) answered408 += 1;
            });
            socket.on('error', () => undefined);
            socket.on('close', () => resolve());
          }),
      );
      const answers = await Promise.all(Array.from({ length: 20 }, () => webhook.send('/mutate--v1-pod', validReview)));
      expect(answers.map((answer) => answer.status)).to.deep.equal(Array.from({ length: 20 }, () => 200));
      await Promise.all(closed);
      expect(connected, 'connections that completed their handshake').to.equal(IDLE_CONNECTIONS);
      expect(answered408, 'idle connections told 408 before the close').to.equal(IDLE_CONNECTIONS);
      recordFigures('idle connections', { connections: IDLE_CONNECTIONS, requestsMeanwhile: answers.length, errors: 0, closedWith408: answered408 });
      const healthz = await webhook.send('/healthz');
      expect(healthz.status).to.equal(200);
    });
  });

  describe('when more clients connect than server.maxConnections allows', () => {
    it('should drop the extra ones at once and serve again once the idle ones reach their deadline', async () => {
      const limit = 20;
      const limited = await startReliabilityWebhook('K8s', { config: { server: { headersTimeoutMs: HEADERS_MS, requestTimeoutMs: REQUEST_MS, maxConnections: limit } } });
      try {
        const outcomes = await Promise.all(
          Array.from(
            { length: limit * 2 },
            () =>
              new Promise<Outcome>((resolve) => {
                const socket = tlsConnect({ host: '127.0.0.1', port: limited.port, ca: limited.ca, servername: 'localhost' });
                let answered408 = false;
                socket.on('error', () => undefined);
                socket.on('data', (data: Buffer) => (answered408 ||= data.toString('latin1').startsWith('HTTP/1.1 408')));
                // Kept: accepted, so the TLS handshake completes and the header deadline ends it with 408.
                // Dropped: closed at accept, before any handshake; whenever a loaded machine gets to it.
                socket.on('close', () => resolve(!socket.authorized ? 'dropped' : answered408 ? 'kept' : 'closed without 408'));
              }),
          ),
        );
        const count = (outcome: Outcome): number => outcomes.filter((each) => each === outcome).length;
        recordFigures('connections beyond maxConnections', { maxConnections: limit, attempted: limit * 2, kept: count('kept'), dropped: count('dropped') });
        expect({ kept: count('kept'), dropped: count('dropped'), 'closed without 408': count('closed without 408') }).to.deep.equal({ kept: limit, dropped: limit, 'closed without 408': 0 });
        const answer = await limited.send('/mutate--v1-pod', validReview);
        expect(answer.status).to.equal(200);
      } finally {
        await limited.stop();
      }
    });
  });
});

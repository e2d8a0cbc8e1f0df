import { expect } from 'chai';
import { createSelfSignedCertificate, type PemCredentials } from '../../server/certificates/self-signed-certificate.js';
import { podWithSecrets, reviewFor } from '../support/pod-builders.js';
import { recordFigures } from './support/figures.js';
import { loadCount } from './support/fuzz-runs.js';
import { KNOWN_SECRETS } from './support/installed-backends.js';
import { runLoad } from './support/load.js';
import { type ReliabilityWebhook, startReliabilityWebhook } from './support/reliability-webhook.js';

// Load on loopback, bounded in count: a sustained run and a run during certificate rotation, each
// with zero errors. PODSECRETS_LOAD_REQUESTS scales them (400 by default; `npm run test:load`: 20,000).

const REQUESTS = loadCount('PODSECRETS_LOAD_REQUESTS', 400);
const CONCURRENCY = loadCount('PODSECRETS_LOAD_CONCURRENCY', 16);
const body = JSON.stringify(
  reviewFor(
    podWithSecrets({
      secrets: [
        { group: KNOWN_SECRETS[0]!.group, key: KNOWN_SECRETS[0]!.key },
        { group: 'db', key: 'password', mountRequirement: 2 },
        { key: 'api_key', mountRequirement: 1 },
      ],
    }),
  ),
);

// Each case has a webhook of its own: the rotation leaves the server on a certificate the first
// case's client does not trust, and the order check may run the cases in either order.
function ownWebhook(): () => ReliabilityWebhook {
  let webhook: ReliabilityWebhook | undefined;
  before(async () => {
    webhook = await startReliabilityWebhook('K8s', { config: { server: { logLevel: 'warn' } } });
  });
  after(async () => {
    await webhook?.stop();
  });
  return () => webhook!;
}

describe('the webhook under load', function () {
  this.timeout(Math.max(60_000, REQUESTS * 100));

  describe(`when ${REQUESTS} admissions arrive ${CONCURRENCY} at a time on keep-alive connections`, () => {
    const served = ownWebhook();

    it('should answer every one with the pod allowed', async () => {
      const webhook = served();
      const started = process.hrtime.bigint();
      const result = await runLoad({ port: webhook.port, ca: webhook.ca, body, total: REQUESTS, concurrency: CONCURRENCY });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      recordFigures('sustained load', { requests: result.sent, ok: result.ok, errors: result.errors.length, concurrency: CONCURRENCY, perSecond: Math.round(result.sent / seconds) });
      expect(result.errors.slice(0, 5)).to.deep.equal([]);
      expect(result.ok).to.equal(REQUESTS);
    });
  });

  describe('when the certificate is replaced again and again during the load', () => {
    const served = ownWebhook();

    it('should answer every admission, new connections getting the new certificate', async () => {
      const webhook = served();
      const certificates: PemCredentials[] = [];
      for (let index = 0; index < 3; index++)
        // Distinct subjects, so that the client finds each certificate's own issuer among those it trusts.
        certificates.push(await createSelfSignedCertificate({ dnsNames: [`rotation-${index}.podsecrets.test`, 'localhost'], ipAddresses: ['127.0.0.1'] }));
      const trusted = [webhook.ca, ...certificates.map((credentials) => credentials.cert)];
      const total = Math.max(60, Math.floor(REQUESTS / 4));
      const every = Math.max(5, Math.floor(total / 12));
      let rotations = 0;
      let rotating = Promise.resolve();
      const result = await runLoad({
        port: webhook.port,
        ca: trusted,
        body,
        total,
        concurrency: Math.min(CONCURRENCY, 8),
        freshConnections: true,
        onAnswer: (count) => {
          if (count % every === 0) {
            const next = certificates[rotations % certificates.length]!;
            rotations += 1;
            rotating = rotating.then(() => webhook.rotate(next));
          }
        },
      });
      await rotating;
      recordFigures('certificate rotation under load', { requests: result.sent, ok: result.ok, errors: result.errors.length, rotations, certificatesSeen: result.certificates.size });
      expect(result.errors.slice(0, 5)).to.deep.equal([]);
      expect(result.ok).to.equal(total);
      expect(result.certificates.size, 'distinct certificates served').to.be.greaterThan(2);
    });
  });
});

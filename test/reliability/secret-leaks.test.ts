import { type AddressInfo, connect as tcpConnect, createServer } from 'node:net';
import { request as httpRequest } from 'node:http';
import { expect } from 'chai';
import { MountRequirement, SecretCacheInvalidation, type SecretRequest } from '../../core/index.js';
import { contributionsOf } from '../../core/contributions-of.js';
import { type PodOptions, podWithSecrets, reviewFor } from '../support/pod-builders.js';
import { recordFigures } from './support/figures.js';
import { installedBackendTypes, KNOWN_SECRETS } from './support/installed-backends.js';
import { type Answer, type ReliabilityWebhook, startReliabilityWebhook } from './support/reliability-webhook.js';

// No secret value in any log line, error message, metric or admission response, except the patch of
// an allowed pod that got a Global secret (the operator chose plain-text env injection). The Global
// backend holds known values; every installed backend is configured in turn behind it.

const [known, db, mixed, file] = KNOWN_SECRETS as [(typeof KNOWN_SECRETS)[number], (typeof KNOWN_SECRETS)[number], (typeof KNOWN_SECRETS)[number], (typeof KNOWN_SECRETS)[number]];
const secret = (entry: (typeof KNOWN_SECRETS)[number], fields: Partial<SecretRequest> = {}): Partial<SecretRequest> => ({ group: entry.group, key: entry.key, ...fields });

interface Scenario {
  readonly name: string;
  readonly pod: PodOptions;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'Global secrets by env', pod: { secrets: [secret(known), secret(db, { mountRequirement: MountRequirement.ENV_VAR }), secret(mixed), secret(file)] } },
  { name: 'a Global secret, then one no backend has', pod: { secrets: [secret(known), { group: 'nobody', key: 'x.y/z', mountRequirement: MountRequirement.ENV_VAR }] } },
  { name: 'a Global secret, then one with an invalid name', pod: { secrets: [secret(db), { group: 'Not A Name', key: '..', mountRequirement: MountRequirement.FILE }] } },
  {
    name: 'Global secrets as files, which Global cannot do',
    pod: { secrets: [secret(known, { mountRequirement: MountRequirement.FILE }), secret(db, { mountRequirement: MountRequirement.FILE, envVar: 'DB' })] },
  },
  {
    name: 'a Global secret whose env var the pod already sets',
    pod: { secrets: [secret(known)], containers: [{ name: 'main', image: 'busybox', env: [{ name: '_UNION_KNOWN_PASSWORD', value: 'mine' }] }] },
  },
  {
    name: 'a Global secret and a mount conflict',
    pod: {
      secrets: [secret(known), secret(db, { mountRequirement: MountRequirement.FILE })],
      volumes: [{ name: 'mine', emptyDir: {} }],
      containers: [{ name: 'main', image: 'busybox', volumeMounts: [{ name: 'mine', mountPath: '/etc/flyte/secrets/db' }] }],
    },
  },
];

function expectNoValue(text: string, where: string): void {
  for (const entry of KNOWN_SECRETS) {
    expect(text.includes(entry.value), `${where} quotes the value of ${entry.group}/${entry.key}`).to.equal(false);
    // A value is also leaked base64-encoded, as a patch carries it.
    expect(text.includes(Buffer.from(entry.value).toString('base64').slice(0, 16)), `${where} quotes ${entry.group}/${entry.key} in base64`).to.equal(false);
  }
}

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function plainPost(port: number, path: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

for (const type of installedBackendTypes()) {
  describe(`secret values with ${type} behind Global`, function () {
    this.timeout(30_000);
    let webhook: ReliabilityWebhook;
    const answers: { scenario: string; answer: Answer }[] = [];

    before(async () => {
      webhook = await startReliabilityWebhook(type);
      for (const scenario of SCENARIOS) {
        for (const options of [{}, { dryRun: true }, { apiVersion: 'admission.k8s.io/v1beta1' as const }]) {
          answers.push({ scenario: scenario.name, answer: await webhook.send('/mutate--v1-pod', reviewFor(podWithSecrets(scenario.pod), options)) });
        }
      }
    });

    after(async () => {
      await webhook.stop();
    });

    describe('when admissions ask for Global secrets that succeed and fail', () => {
      // Whether a scenario is admitted depends on the backend (a FILE secret Global cannot take may be
      // one the configured backend can); values may appear only in the patch of an admitted pod to
      // which Global delivered something, as its audit annotation says.
      it('should carry values only in the patch of an allowed pod that received them', () => {
        let denied = 0;
        let carrying = 0;
        for (const { scenario, answer } of answers) {
          const response = (answer.json as { response: { allowed: boolean; patch?: string; auditAnnotations?: Record<string, string> } }).response;
          expect(answer.status).to.equal(200);
          if (!response.allowed) denied += 1;
          const patch = Buffer.from(response.patch ?? '', 'base64').toString('utf8');
          const { patch: _patch, ...rest } = response;
          expectNoValue(JSON.stringify(rest), `the response to "${scenario}" outside its patch`);
          const fromGlobal = response.allowed && (response.auditAnnotations?.['backends'] ?? '').split(',').includes('Global');
          if (fromGlobal) {
            carrying += 1;
            expect(
              KNOWN_SECRETS.some((entry) => patch.includes(JSON.stringify(entry.value))),
              `the patch for "${scenario}" carries a value`,
            ).to.equal(true);
          } else {
            expectNoValue(patch, `the patch for "${scenario}"`);
          }
        }
        expect(denied, 'denied admissions among the scenarios').to.be.greaterThan(0);
        expect(carrying, 'allowed admissions carrying a Global value').to.be.greaterThan(0);
        recordFigures(`secret leaks: ${type}`, { admissions: answers.length, denied, carryingValuesByDesign: carrying, leaks: 0 });
      });

      it('should write no value to the core log or the HTTP log', () => {
        // The HTTP layer logs every admission, denials with their message; core logs only the unexpected.
        expect(webhook.httpLog.filter((line) => line.includes('admission denied')).length, 'denials in the HTTP log to search').to.be.greaterThan(0);
        expectNoValue(webhook.logger.text(), 'the core log');
        expectNoValue(webhook.httpLog.join('\n'), 'the HTTP log');
      });

      it('should expose no value in /metrics', async () => {
        const metrics = await webhook.send('/metrics');
        expect(metrics.status).to.equal(200);
        expect(metrics.text).to.include('podsecrets_admission_requests_total');
        expectNoValue(metrics.text, '/metrics');
      });
    });

    describe('when a client tries to read or change a secret through the other endpoints', () => {
      it('should give no value and change nothing', async () => {
        const attempts: Answer[] = [];
        for (const path of ['/metrics', '/healthz', '/readyz']) {
          attempts.push(await webhook.send(`${path}?group=known&key=password&name[]=db`));
          for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
            attempts.push(await webhook.send(path, { group: 'known', key: 'password', value: 'replaced-by-attacker' }, { method }));
          }
        }
        attempts.push(await webhook.send('/secrets/known/password'));
        attempts.push(await webhook.send('/invalidate-secret', { name: 'password' }));
        for (const attempt of attempts) expectNoValue(attempt.text, 'an endpoint answer');
        expect(attempts.filter((attempt) => attempt.status === 405).length, 'writes to read-only endpoints refused with 405').to.equal(12);
        const after = await webhook.send('/mutate--v1-pod', reviewFor(podWithSecrets({ secrets: [secret(known, { mountRequirement: MountRequirement.ENV_VAR })] })));
        const patch = Buffer.from((after.json as { response: { patch: string } }).response.patch, 'base64').toString('utf8');
        expect(patch).to.include(JSON.stringify(known.value));
        expect(patch).to.not.include('replaced-by-attacker');
      });

      it('should keep the cache-invalidation endpoint, where one is served, from reading or changing a value', async function () {
        const port = await freePort();
        const withListener = await startReliabilityWebhook(type, { config: { webhook: { cacheInvalidationPort: port } } });
        try {
          // Flyte's POST /invalidate-secret (plain HTTP on webhook.cacheInvalidationPort) is served when
          // the backend under test caches values (Embedded); otherwise there is nothing to attack, and
          // the port must then be closed. A closed port where a cache is served is a failure, not a skip.
          const served = contributionsOf<SecretCacheInvalidation>(withListener.container, SecretCacheInvalidation).some((cache) => cache.injectorType.toLowerCase() === type.toLowerCase());
          expect(await portIsOpen(port), `the cache invalidation listener on webhook.cacheInvalidationPort (${type} ${served ? 'caches' : 'caches no'} values)`).to.equal(served);
          if (!served) this.skip();
          const answers = [
            await plainPost(port, '/invalidate-secret', JSON.stringify({ org: 'o', domain: 'd', project: 'p', name: 'password' })),
            await plainPost(port, '/invalidate-secret', JSON.stringify({ org: 'o', domain: 'd', project: 'p', name: 'password', value: 'replaced-by-attacker' })),
            await plainPost(port, '/invalidate-secret', '{"name":'),
          ];
          for (const answer of answers) expectNoValue(answer.text, 'an invalidation answer');
          const after = await withListener.send('/mutate--v1-pod', reviewFor(podWithSecrets({ secrets: [secret(known, { mountRequirement: MountRequirement.ENV_VAR })] })));
          const patch = Buffer.from((after.json as { response: { patch: string } }).response.patch, 'base64').toString('utf8');
          expect(patch).to.include(JSON.stringify(known.value));
          expect(patch).to.not.include('replaced-by-attacker');
        } finally {
          await withListener.stop();
        }
      });
    });
  });
}

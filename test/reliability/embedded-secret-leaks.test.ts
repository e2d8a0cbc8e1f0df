import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { md5Hex, MountRequirement, type SecretRequest } from '../../core/index.js';
import { type PodOptions, podWithSecrets, reviewFor } from '../support/pod-builders.js';
import { recordFigures } from './support/figures.js';
import { type FakeKubeSecrets, startFakeKubeSecrets, writeKubeconfig } from './support/fake-kube-secrets.js';
import { installedBackendTypes } from './support/installed-backends.js';
import { type Answer, type ReliabilityWebhook, startReliabilityWebhook } from './support/reliability-webhook.js';

// The Embedded backend reads values itself, so it is where a value could slip into a log, a denial
// or a pod spec. Its K8s fetcher reads a loopback API holding known values; only valueDelivery
// plainText (the operator's choice of plain-text injection) may put a value in a patch.

const embedded = installedBackendTypes().find((type) => type.toLowerCase() === 'embedded');
const skipReason = embedded === undefined ? ' (skipped: no injector of type Embedded in server/wiring/plugin-modules.ts)' : '';

const LABELS = { organization: 'acme', project: 'rockets', domain: 'production' };
// The namespace LABELS render to (namespace_mapping.template's default), where the pods are created.
const NAMESPACE = 'rockets-production';
const scopeId = (key: string): string => `u__org__${LABELS.organization}__domain__${LABELS.domain}__project__${LABELS.project}__key__${key}`;
const VALUES: Record<string, string> = { password: 'ev-1b7e-embedded-password-value', 'api.token': 'ev-9c2d-embedded-token=with/odd"chars' };

const secret = (key: string, fields: Partial<SecretRequest> = {}): Partial<SecretRequest> => ({ key, ...fields });
const SCENARIOS: readonly { name: string; pod: PodOptions }[] = [
  { name: 'env secrets', pod: { namespace: NAMESPACE, labels: LABELS, secrets: [secret('password', { mountRequirement: MountRequirement.ENV_VAR }), secret('api.token', { envVar: 'TOKEN' })] } },
  { name: 'a file secret', pod: { namespace: NAMESPACE, labels: LABELS, secrets: [secret('password', { mountRequirement: MountRequirement.FILE, envVar: 'PASSWORD_FILE' })] } },
  { name: 'a found secret, then a missing one', pod: { namespace: NAMESPACE, labels: LABELS, secrets: [secret('password'), secret('nowhere', { mountRequirement: MountRequirement.ENV_VAR })] } },
  { name: 'a pod without its scope labels', pod: { namespace: NAMESPACE, secrets: [secret('password')] } },
];

function expectNoValue(text: string, where: string): void {
  for (const [key, value] of Object.entries(VALUES)) {
    expect(text.includes(value), `${where} quotes the value of ${key}`).to.equal(false);
    expect(text.includes(Buffer.from(value).toString('base64')), `${where} quotes ${key} in base64`).to.equal(false);
  }
}

describe(`secret values with the Embedded backend${skipReason}`, function () {
  this.timeout(30_000);

  before(function () {
    if (embedded === undefined) this.skip();
  });

  for (const delivery of ['secretRef', 'plainText'] as const) {
    describe(`when valueDelivery is ${delivery}`, () => {
      let api: FakeKubeSecrets;
      let dir: string;
      let webhook: ReliabilityWebhook;
      const answers: { scenario: string; answer: Answer }[] = [];

      before(async () => {
        api = await startFakeKubeSecrets(Object.fromEntries(Object.entries(VALUES).map(([key, value]) => [`flyte/${md5Hex(scopeId(key))}`, { [scopeId(key)]: value }])));
        dir = mkdtempSync(join(tmpdir(), 'podsecrets-embedded-leaks-'));
        webhook = await startReliabilityWebhook(embedded!, {
          config: {
            webhook: {
              secretManagerType: embedded,
              embeddedSecretManagerConfig: { type: 'K8s', kubeconfig: writeKubeconfig(dir, api.url, api.ca), valueDelivery: delivery, organization: LABELS.organization },
            },
          },
        });
        for (const scenario of SCENARIOS) {
          answers.push({ scenario: scenario.name, answer: await webhook.send('/mutate--v1-pod', reviewFor(podWithSecrets(scenario.pod))) });
        }
      });

      after(async () => {
        await webhook.stop();
        await api.close();
        rmSync(dir, { recursive: true, force: true });
      });

      it(`should put values in a patch ${delivery === 'plainText' ? 'only when admitted' : 'never'}, and nowhere else in the answer`, () => {
        let allowed = 0;
        let carrying = 0;
        for (const { scenario, answer } of answers) {
          expect(answer.status).to.equal(200);
          const response = (answer.json as { response: { allowed: boolean; patch?: string } }).response;
          const { patch, ...rest } = response;
          expectNoValue(JSON.stringify(rest), `the answer to "${scenario}" outside its patch`);
          const text = Buffer.from(patch ?? '', 'base64').toString('utf8');
          if (response.allowed) allowed += 1;
          if (delivery === 'plainText' && response.allowed && scenario === 'env secrets') {
            carrying += 1;
            expect(text, 'plain-text delivery puts the value in the pod').to.include(JSON.stringify(VALUES['password']));
          } else if (delivery === 'secretRef' || !response.allowed) {
            expectNoValue(text, `the patch for "${scenario}"`);
          }
        }
        expect(allowed, 'admissions that reached the values').to.be.greaterThan(0);
        recordFigures(`secret leaks: Embedded, ${delivery}`, { admissions: answers.length, allowed, carryingValuesByDesign: carrying, leaks: 0 });
      });

      it('should write no value to the core log, the HTTP log or /metrics', async () => {
        expectNoValue(webhook.logger.text(), 'the core log');
        expectNoValue(webhook.httpLog.join('\n'), 'the HTTP log');
        const metrics = await webhook.send('/metrics');
        expectNoValue(metrics.text, '/metrics');
      });
    });
  }
});

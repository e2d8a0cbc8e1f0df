import { Agent } from 'node:https';
import { expect } from 'chai';
import { MountRequirement } from '../../../core/index.js';
import { OTHER_LABEL_VALUE } from '../../../server/runtime/bounded-label-values.js';
import { podWithSecrets, reviewFor } from '../../support/pod-builders.js';
import { startTestWebhook, type TestWebhook } from '../../support/test-webhook.js';

const REQUESTS = 2000;
const CONNECTIONS = 8;
const MAX_METRICS_BYTES = 256 * 1024;

/** Sends one admission per namespace, `CONNECTIONS` at a time on keep-alive connections. */
async function admitIn(webhook: TestWebhook, namespaces: readonly string[]): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const pod = podWithSecrets({ secrets: [{ group: 'db', key: 'password', mountRequirement: MountRequirement.ENV_VAR }] });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < namespaces.length) {
      const namespace = namespaces[next++] as string;
      const answer = await webhook.request('/mutate--v1-pod', reviewFor(pod, { namespace }), { agent });
      expect(answer.status).to.equal(200);
    }
  };
  try {
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  } finally {
    agent.destroy();
  }
}

const namespaceLabels = (metrics: string): Set<string> => new Set([...metrics.matchAll(/namespace="([^"]*)"/g)].map((match) => match[1] as string));

describe('AdmissionMetrics under request-chosen namespaces', () => {
  let webhook: TestWebhook;

  beforeEach(async () => {
    webhook = await startTestWebhook();
  });

  afterEach(() => webhook.stop());

  describe(`when ${REQUESTS} requests each name a distinct 200-character namespace`, () => {
    it('should keep /metrics under 256 KiB, counting them all under one shared value', async function () {
      // 2,000 HTTPS admissions: seconds alone, more while other test runs share the CPU.
      this.timeout(180_000);
      await admitIn(
        webhook,
        Array.from({ length: REQUESTS }, (_, index) => `${String(index).padStart(4, '0')}${'n'.repeat(196)}`),
      );
      const metrics = (await webhook.request('/metrics')).text;
      expect(Buffer.byteLength(metrics)).to.be.below(MAX_METRICS_BYTES);
      expect([...namespaceLabels(metrics)]).to.deep.equal([OTHER_LABEL_VALUE]);
      expect(metrics).to.include(`podsecrets_injections_total{backend="K8s",namespace="${OTHER_LABEL_VALUE}"} ${REQUESTS}`);
    });
  });

  describe('when more distinct valid namespaces than server.metricsMaxNamespaces are seen', () => {
    it('should give the first ones their own value and the rest the shared one', async () => {
      await webhook.stop();
      webhook = await startTestWebhook({ config: { server: { metricsMaxNamespaces: 20 } } });
      await admitIn(
        webhook,
        Array.from({ length: 50 }, (_, index) => `ns-${String(index).padStart(4, '0')}-${'x'.repeat(54)}`),
      );
      const labels = namespaceLabels((await webhook.request('/metrics')).text);
      expect(labels.size).to.equal(20 + 1);
      expect(labels.has(OTHER_LABEL_VALUE)).to.equal(true);
    });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ContainerModule } from 'inversify';
import { InjectionError, InjectionErrorCode, MountRequirement, SecretInjector } from '../../core/index.js';
import { pluginModules } from '../../server/wiring/plugin-modules.js';
import { createSelfSignedCertificate } from '../../server/certificates/self-signed-certificate.js';
import { podWithSecrets, reviewFor } from '../support/pod-builders.js';
import { recordFigures } from './support/figures.js';
import { writeKubeconfig } from './support/fake-kube-secrets.js';
import { installedBackendTypes } from './support/installed-backends.js';
import { type ReliabilityWebhook, startReliabilityWebhook } from './support/reliability-webhook.js';

// A backend that is slow, down or failing: every admission is answered within the deadline the API
// server gives (?timeout=), with podsecrets' policy for a backend that cannot deliver: deny, naming
// the backend and SecretReadFailure (never an HTTP error, never a hang into the API server's failurePolicy).

const DEADLINE = '1s';
const DEADLINE_MS = 900; // 90% of ?timeout, as server/runtime/request-deadline.ts computes it
const MARGIN_MS = 2000;
const CONCURRENT = 20;

type Fault = 'slow' | 'hanging' | 'down' | 'failing';

/** A stand-in backend, loaded beside the shipped modules, that fails as `fault` says. */
function faultyModule(fault: Fault): ContainerModule {
  const inject = async (): Promise<void> => {
    switch (fault) {
      case 'slow': // answers, but after the deadline, ignoring the signal
        await new Promise((resolve) => setTimeout(resolve, DEADLINE_MS * 3));
        return;
      case 'hanging':
        await new Promise(() => undefined);
        return;
      case 'down':
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
      case 'failing':
        throw new InjectionError(InjectionErrorCode.SecretReadFailure, 'the backend answered 500');
    }
  };
  return new ContainerModule(({ bind }) => {
    bind(SecretInjector).toConstantValue({ type: `Fault-${fault}`, inject });
  });
}

interface FaultAnswer {
  readonly allowed: boolean;
  readonly status?: { readonly message: string };
  readonly warnings?: readonly string[];
}

async function admitAll(webhook: ReliabilityWebhook, count: number, labels: Record<string, string> = {}): Promise<{ worstMs: number; answers: FaultAnswer[]; statuses: number[] }> {
  const review = reviewFor(podWithSecrets({ labels, secrets: [{ group: 'remote', key: 'password', mountRequirement: MountRequirement.ENV_VAR }] }));
  const timings = await Promise.all(
    Array.from({ length: count }, async () => {
      const started = Date.now();
      const answer = await webhook.send(`/mutate--v1-pod?timeout=${DEADLINE}`, review);
      return { ms: Date.now() - started, response: (answer.json as { response: FaultAnswer }).response, status: answer.status };
    }),
  );
  return { worstMs: Math.max(...timings.map((timing) => timing.ms)), answers: timings.map((timing) => timing.response), statuses: timings.map((timing) => timing.status) };
}

describe('admissions with a faulty backend', function () {
  this.timeout(60_000);

  for (const fault of ['slow', 'hanging', 'down', 'failing'] as const) {
    describe(`when the backend is ${fault}`, () => {
      it(`should deny each of ${CONCURRENT} concurrent admissions within the deadline, naming the backend`, async () => {
        const webhook = await startReliabilityWebhook(`Fault-${fault}`, { modules: [...pluginModules, faultyModule(fault)], config: { server: { logLevel: 'warn' } } });
        try {
          const { worstMs, answers, statuses } = await admitAll(webhook, CONCURRENT);
          recordFigures(`faulty backend: ${fault}`, { admissions: CONCURRENT, deadlineMs: DEADLINE_MS, worstMs, errors: 0 });
          expect(statuses).to.deep.equal(Array.from({ length: CONCURRENT }, () => 200));
          const code = fault === 'down' ? 'InternalError' : 'SecretReadFailure';
          for (const response of answers) {
            expect(response.allowed).to.equal(false);
            expect(response.status?.message).to.include(`Fault-${fault}: [${code}]`);
          }
          expect(worstMs).to.be.lessThan(DEADLINE_MS + MARGIN_MS);
          const healthz = await webhook.send('/healthz');
          expect(healthz.status).to.equal(200);
        } finally {
          await webhook.stop();
        }
      });
    });
  }
});

/** Loopback stand-ins for the Kubernetes API an Embedded (type K8s) fetcher reads Secrets from. */
async function faultyKubeApis(): Promise<{ urls: Record<'slow' | 'down' | 'failing', string>; ca: string; close: () => Promise<void> }> {
  const credentials = await createSelfSignedCertificate({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
  const held: Socket[] = [];
  const slow: TcpServer = createTcpServer((socket) => held.push(socket)); // accepts, then never speaks
  const failing: HttpsServer = createHttpsServer(credentials, (_request, response) => response.writeHead(500, { 'content-type': 'application/json' }).end('{"kind":"Status","code":500}'));
  const down: TcpServer = createTcpServer();
  for (const server of [slow, failing, down]) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const downPort = (down.address() as AddressInfo).port;
  await new Promise((resolve) => down.close(resolve));
  return {
    urls: {
      slow: `https://127.0.0.1:${(slow.address() as AddressInfo).port}`,
      down: `https://127.0.0.1:${downPort}`,
      failing: `https://127.0.0.1:${(failing.address() as AddressInfo).port}`,
    },
    ca: credentials.cert,
    async close() {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => slow.close(resolve));
      await new Promise((resolve) => failing.close(resolve));
    },
  };
}

const embedded = installedBackendTypes().find((type) => type.toLowerCase() === 'embedded');
const embeddedSkipReason = embedded === undefined ? ' (skipped: no injector of type Embedded in server/wiring/plugin-modules.ts)' : '';

// HOOK: runs once a plugin registers an injector of type Embedded (server/wiring/plugin-modules.ts). It
// points the Embedded K8s fetcher at loopback stand-ins for the Kubernetes API through a kubeconfig
// file (webhook.embeddedSecretManagerConfig.kubeconfig) and tries both failure policies
// (onBackendFailure: deny, admitWithWarning). Adapt embeddedFaultConfig if those keys change.
function embeddedFaultConfig(kubeconfig: string, policy: 'deny' | 'admitWithWarning'): Record<string, unknown> {
  return {
    webhook: {
      secretManagerType: embedded,
      // The fetcher's own timeout is longer than the admission's, so that the admission deadline governs.
      embeddedSecretManagerConfig: { type: 'K8s', kubeconfig, fetchTimeout: '5s', onBackendFailure: policy, organization: 'flyte' },
    },
    server: { logLevel: 'warn' },
  };
}

describe(`admissions with the Embedded backend and a faulty secret store${embeddedSkipReason}`, function () {
  this.timeout(60_000);

  before(function () {
    if (embedded === undefined) this.skip();
  });

  for (const fault of ['slow', 'down', 'failing'] as const) {
    for (const policy of ['deny', 'admitWithWarning'] as const) {
      describe(`when the secret store is ${fault} and onBackendFailure is ${policy}`, () => {
        it(`should ${policy === 'deny' ? 'deny' : 'admit with a warning'} every admission within the deadline`, async () => {
          const apis = await faultyKubeApis();
          const dir = mkdtempSync(join(tmpdir(), 'podsecrets-kubeconfig-'));
          let webhook: ReliabilityWebhook | undefined;
          try {
            webhook = await startReliabilityWebhook(embedded!, { config: embeddedFaultConfig(writeKubeconfig(dir, apis.urls[fault], apis.ca), policy) });
            const { worstMs, answers } = await admitAll(webhook, CONCURRENT, { organization: 'flyte', project: 'team', domain: 'a' });
            recordFigures(`Embedded, secret store ${fault}, ${policy}`, { admissions: CONCURRENT, deadlineMs: DEADLINE_MS, worstMs, errors: 0 });
            for (const response of answers) {
              expect(response.allowed, JSON.stringify(response)).to.equal(policy === 'admitWithWarning');
              const reason = policy === 'deny' ? (response.status?.message ?? '') : (response.warnings ?? []).join(' ');
              expect(reason).to.include('SecretReadFailure');
            }
            expect(worstMs).to.be.lessThan(DEADLINE_MS + MARGIN_MS);
          } finally {
            await webhook?.stop();
            await apis.close();
            rmSync(dir, { recursive: true, force: true });
          }
        });
      });
    }
  }
});

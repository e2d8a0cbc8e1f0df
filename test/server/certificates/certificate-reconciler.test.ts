import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../../config/config-loader.js';
import { silentLogger } from '../../../core/logging/logger.js';
import { splitPemBundle } from '../../../server/certificates/certificate-authority.js';
import { reconcileCertificates, type ReconcileOptions } from '../../../server/certificates/certificate-reconciler.js';
import type { RotationPolicy } from '../../../server/certificates/rotation-policy.js';
import { rotationPolicyOf } from '../../../server/certificates/rotation-policy-of.js';
import { webhookIdentity, type WebhookIdentity } from '../../../server/certificates/webhook-identity.js';
import { makeKubeClients } from '../../../server/certificates/kube-clients.js';
import { FakeKubeApi } from '../../support/fake-kube-api.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2030-01-01T00:00:00Z');

function identityFor(overrides: Record<string, unknown> = {}): WebhookIdentity {
  return webhookIdentity(loadConfig({ overrides: { deployment: { namespace: 'podsecrets' }, ...overrides } }));
}

function decode(secret: { data?: unknown } | undefined, key: string): string {
  const value = (secret?.data as Record<string, string> | undefined)?.[key];
  if (value === undefined) throw new Error(`the Secret has no ${key}`);
  return Buffer.from(value, 'base64').toString('utf8');
}

function fingerprints(bundle: string): string[] {
  return splitPemBundle(bundle).map((pem) => new X509Certificate(pem).fingerprint256);
}

describe('reconcileCertificates', () => {
  let api: FakeKubeApi;
  let options: (extra?: Partial<ReconcileOptions>) => ReconcileOptions;
  const identity = identityFor();

  beforeEach(async () => {
    api = new FakeKubeApi();
    await api.start();
    const clients = makeKubeClients(api.kubeConfig());
    options = (extra = {}) => ({ clients, identity, policy: rotationPolicyOf(identity), holder: 'replica-a', logger: silentLogger, lockRetryMs: 10, ...extra });
  });

  afterEach(async () => {
    await api.stop();
  });

  const secret = () => api.get('secrets', 'flyte-pod-webhook', 'podsecrets');
  const registration = () => api.get('mutatingwebhookconfigurations', 'flyte-pod-webhook') as unknown as { webhooks: Array<{ clientConfig: { caBundle: string } }> } | undefined;
  const caBundle = (): string => Buffer.from(registration()?.webhooks[0]?.clientConfig.caBundle ?? '', 'base64').toString('utf8');

  describe('when nothing exists yet (a first start)', () => {
    it('should create the Secret, the registration with its caBundle, and a serving certificate for the four Service names', async () => {
      const result = await reconcileCertificates(options());

      expect(result.changes).to.deep.equal(['created a CA and a serving certificate']);
      expect(result.registration).to.equal('created');
      const stored = secret();
      expect(Object.keys(stored?.data as object).sort()).to.deep.equal(['ca-bundle.crt', 'ca.crt', 'ca.key', 'tls.crt', 'tls.key']);
      const serving = new X509Certificate(decode(stored, 'tls.crt'));
      expect(serving.subjectAltName).to.equal('DNS:flyte-pod-webhook.podsecrets.svc, DNS:flyte-pod-webhook, DNS:flyte-pod-webhook.podsecrets, DNS:flyte-pod-webhook.podsecrets.svc.cluster.local');
      expect(serving.verify(new X509Certificate(decode(stored, 'ca.crt')).publicKey)).to.equal(true);
      expect(caBundle()).to.equal(decode(stored, 'ca.crt'));
      expect(api.get('leases', 'flyte-pod-webhook-certs', 'podsecrets')?.['spec']).to.not.have.property('holderIdentity');
    });
  });

  describe('when the Secret is already there and nothing is due (a second start)', () => {
    it('should keep the CA and the certificate and write neither the Secret nor the registration', async () => {
      await reconcileCertificates(options());
      const before = secret();
      api.requests.length = 0;

      const result = await reconcileCertificates(options({ holder: 'replica-b' }));

      expect(result.changes).to.deep.equal([]);
      expect(result.registration).to.equal('unchanged');
      expect(secret()).to.deep.equal(before);
      expect(api.writes().filter((write) => !write.includes('/leases'))).to.deep.equal([]);
    });
  });

  describe('when two replicas start at the same moment', () => {
    it('should make exactly one CA, which both replicas and the registration use', async () => {
      api.delayMs = 5;
      const [a, b] = await Promise.all([reconcileCertificates(options({ holder: 'replica-a' })), reconcileCertificates(options({ holder: 'replica-b' }))]);

      const creates = api.writes().filter((write) => write.startsWith('POST /api/v1/namespaces/podsecrets/secrets'));
      expect(creates).to.have.length(1);
      expect(a.bundle?.ca.cert).to.equal(b.bundle?.ca.cert);
      expect(a.bundle?.serving.cert).to.equal(b.bundle?.serving.cert);
      expect(caBundle()).to.equal(decode(secret(), 'ca-bundle.crt'));
      expect(fingerprints(caBundle())).to.have.length(1);
    });
  });

  describe('when another writer creates the Secret between the read and the create (AlreadyExists)', () => {
    it("should adopt the other writer's CA instead of overwriting it", async () => {
      const other = new FakeKubeApi();
      await other.start();
      try {
        // The other writer's certificates, made by the same code against a separate API server.
        const otherResult = await reconcileCertificates({ ...options(), clients: makeKubeClients(other.kubeConfig()) });
        const otherSecret = other.get('secrets', 'flyte-pod-webhook', 'podsecrets');
        api.beforeHandle = (method, path) => {
          if (method === 'POST' && path.endsWith('/secrets') && otherSecret !== undefined && secret() === undefined) api.put('secrets', otherSecret);
        };

        const result = await reconcileCertificates(options());

        expect(api.writes().filter((write) => write.includes('/secrets'))).to.deep.equal(['POST /api/v1/namespaces/podsecrets/secrets']);
        expect(result.changes).to.deep.equal([]);
        expect(result.bundle?.ca.cert).to.equal(otherResult.bundle?.ca.cert);
        expect(caBundle()).to.equal(otherResult.bundle?.ca.cert);
      } finally {
        await other.stop();
      }
    });
  });

  describe('when the Secret changes between the read and the update (Conflict on a stale resourceVersion)', () => {
    it('should read it again and apply its change to the newer Secret', async () => {
      await reconcileCertificates(options({ now: () => new Date(T0) }));
      let bumped = false;
      api.beforeHandle = (method, path) => {
        if (!bumped && method === 'PUT' && path.endsWith('/secrets/flyte-pod-webhook')) {
          bumped = true;
          const current = secret();
          if (current !== undefined) api.put('secrets', { ...current, metadata: { ...current.metadata, labels: { touched: 'yes' } } });
        }
      };

      const result = await reconcileCertificates(options({ now: () => new Date(T0 + 89 * DAY) }));

      expect(bumped).to.equal(true);
      expect(result.changes).to.deep.equal(['renewed the serving certificate']);
      expect(secret()?.metadata['labels']).to.include({ touched: 'yes' });
      expect(decode(secret(), 'tls.crt')).to.equal(result.bundle?.serving.cert);
    });
  });

  describe('when a Secret left by Flyte is immutable and has no CA key', () => {
    it('should replace it with a usable one, delete then create', async () => {
      api.put('secrets', { metadata: { name: 'flyte-pod-webhook', namespace: 'podsecrets' }, immutable: true, type: 'Opaque', data: { 'tls.crt': 'eA==', 'tls.key': 'eA==' } });

      const result = await reconcileCertificates(options());

      expect(result.changes[0]).to.match(/^replaced an unusable Secret \(the Secret lacks ca\.crt, ca\.key, ca-bundle\.crt\)$/);
      expect(api.writes()).to.include.members(['DELETE /api/v1/namespaces/podsecrets/secrets/flyte-pod-webhook', 'POST /api/v1/namespaces/podsecrets/secrets']);
      expect(secret()?.immutable).to.equal(undefined);
      expect(decode(secret(), 'ca.key')).to.match(/^-----BEGIN PRIVATE KEY-----/);
    });
  });

  describe('when another replica holds the lease and never lets go', () => {
    beforeEach(() => {
      api.put('leases', {
        metadata: { name: 'flyte-pod-webhook-certs', namespace: 'podsecrets' },
        spec: { holderIdentity: 'stuck-replica', leaseDurationSeconds: 3600, renewTime: new Date().toISOString().replace('Z', '000Z') },
      });
    });

    it('should adopt a usable stored Secret without writing anything', async () => {
      api.put('leases', { metadata: { name: 'flyte-pod-webhook-certs', namespace: 'podsecrets' }, spec: {} });
      await reconcileCertificates(options({ holder: 'first' }));
      api.put('leases', {
        metadata: { name: 'flyte-pod-webhook-certs', namespace: 'podsecrets' },
        spec: { holderIdentity: 'stuck-replica', leaseDurationSeconds: 3600, renewTime: new Date().toISOString().replace('Z', '000Z') },
      });
      api.requests.length = 0;

      const result = await reconcileCertificates(options({ lockWaitMs: 50 }));

      expect(result.registration).to.equal('skipped');
      expect(result.bundle?.ca.cert).to.equal(decode(secret(), 'ca.crt'));
      expect(api.writes()).to.deep.equal([]);
    });

    it('should fail, naming the Secret and the lease, when nothing usable is stored', async () => {
      const failure = await reconcileCertificates(options({ lockWaitMs: 50 })).then(
        () => undefined,
        (error: Error) => error.message,
      );

      expect(failure).to.equal('Secret podsecrets/flyte-pod-webhook is absent and the replica holding lease flyte-pod-webhook-certs has not fixed it');
    });
  });

  describe('when the clock passes each renewal threshold', () => {
    const policy: RotationPolicy = {
      dnsNames: rotationPolicyOf(identity).dnsNames,
      caValidityMs: 10 * DAY,
      caRenewBeforeMs: 3 * DAY,
      certValidityMs: 4 * DAY,
      certRenewBeforeMs: 1 * DAY,
      propagationDelayMs: HOUR,
    };
    const at = async (ms: number) => reconcileCertificates(options({ policy, now: () => new Date(T0 + ms) }));
    // The invariant rotation must keep: what a replica serves is signed by a CA the API server trusts.
    const expectServedCertificateTrusted = (): void => {
      const served = new X509Certificate(decode(secret(), 'tls.crt'));
      expect(splitPemBundle(caBundle()).some((ca) => served.verify(new X509Certificate(ca).publicKey))).to.equal(true);
    };

    it('should renew the certificate, then add a new CA beside the old one, switch to it after the delay, and drop the old one once expired', async () => {
      const first = await at(0);
      const ca0 = new X509Certificate(first.bundle?.ca.cert ?? '').fingerprint256;
      expect((await at(2 * DAY)).changes).to.deep.equal([]);

      expect((await at(3.2 * DAY)).changes).to.deep.equal(['renewed the serving certificate']);
      expect(fingerprints(caBundle())).to.deep.equal([ca0]);
      expectServedCertificateTrusted();

      const caRotation = await at(7.1 * DAY);
      expect(caRotation.changes).to.deep.equal(['made a new CA; the old one stays in caBundle until it expires', 'renewed the serving certificate']);
      const ca1 = new X509Certificate(caRotation.bundle?.ca.cert ?? '').fingerprint256;
      expect(fingerprints(caBundle())).to.deep.equal([ca1, ca0]);
      // Renewed before the new CA has propagated: still signed by the old one.
      expect(new X509Certificate(decode(secret(), 'tls.crt')).checkIssued(new X509Certificate(first.bundle?.ca.cert ?? ''))).to.equal(true);
      expectServedCertificateTrusted();

      expect((await at(7.1 * DAY + 30 * 60_000)).changes).to.deep.equal([]);
      expect((await at(7.1 * DAY + 2 * HOUR)).changes).to.deep.equal(['issued a serving certificate from the new CA']);
      expect(fingerprints(caBundle())).to.deep.equal([ca1, ca0]);
      expectServedCertificateTrusted();

      expect((await at(10.1 * DAY)).changes).to.deep.equal(['dropped 1 expired CA(s) from caBundle']);
      expect(fingerprints(caBundle())).to.deep.equal([ca1]);
      expectServedCertificateTrusted();
    });
  });

  describe('when webhook.localCert is true', () => {
    it('should write tls.crt, tls.key and ca.crt into certDir', async () => {
      const certDir = mkdtempSync(join(tmpdir(), 'podsecrets-certs-'));
      try {
        const local = identityFor({ webhook: { localCert: true, certDir } });
        const result = await reconcileCertificates(options({ identity: local, policy: rotationPolicyOf(local) }));

        expect(result.wroteFiles).to.equal(true);
        expect(readFileSync(join(certDir, 'tls.crt'), 'utf8')).to.equal(decode(secret(), 'tls.crt'));
        expect(readFileSync(join(certDir, 'tls.key'), 'utf8')).to.equal(decode(secret(), 'tls.key'));
        expect(readFileSync(join(certDir, 'ca.crt'), 'utf8')).to.equal(decode(secret(), 'ca-bundle.crt'));
      } finally {
        rmSync(certDir, { recursive: true, force: true });
      }
    });
  });
});

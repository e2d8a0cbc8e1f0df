import { ApiException } from '@kubernetes/client-node';
import { expect } from 'chai';
import { makeKubeClients } from '../../../server/certificates/kube-clients.js';
import { LeaseLock, type LeaseLockOptions } from '../../../server/certificates/lease-lock.js';
import { FakeKubeApi } from '../../support/fake-kube-api.js';

const T0 = Date.parse('2030-01-01T00:00:00Z');

describe('LeaseLock', () => {
  let api: FakeKubeApi;
  let now: number;
  const lockFor = (holder: string, extra: Partial<LeaseLockOptions> = {}): LeaseLock =>
    new LeaseLock(makeKubeClients(api.kubeConfig()).coordination, { namespace: 'ops', name: 'certs', holder, durationSeconds: 30, now: () => new Date(now), ...extra });
  const spec = () => api.get('leases', 'certs', 'ops')?.['spec'] as Record<string, unknown> | undefined;

  beforeEach(async () => {
    api = new FakeKubeApi();
    await api.start();
    now = T0;
  });

  afterEach(async () => {
    await api.stop();
  });

  describe('when no Lease exists', () => {
    it('should create it, held by the caller, with microsecond times', async () => {
      expect(await lockFor('a').tryAcquire()).to.equal(true);

      expect(spec()).to.deep.equal({
        holderIdentity: 'a',
        leaseDurationSeconds: 30,
        acquireTime: '2030-01-01T00:00:00.000000Z',
        renewTime: '2030-01-01T00:00:00.000000Z',
        leaseTransitions: 0,
      });
    });
  });

  describe('when another holder renewed it within its duration', () => {
    it('should refuse, then take it once the duration has passed, counting the transition', async () => {
      await lockFor('a').tryAcquire();
      now += 29_000;
      expect(await lockFor('b').tryAcquire()).to.equal(false);

      now += 2_000;
      expect(await lockFor('b').tryAcquire()).to.equal(true);
      expect(spec()).to.include({ holderIdentity: 'b', leaseTransitions: 1 });
    });
  });

  describe('when its holder releases it', () => {
    it('should let the next caller take it at once', async () => {
      const a = lockFor('a');
      await a.tryAcquire();
      await a.release();

      expect(spec()).to.not.have.property('holderIdentity');
      expect(await lockFor('b').tryAcquire()).to.equal(true);
    });
  });

  describe('when several callers race for a free Lease', () => {
    it('should give it to exactly one (AlreadyExists and Conflict lose)', async () => {
      api.delayMs = 3;
      const results = await Promise.all(['a', 'b', 'c', 'd'].map((holder) => lockFor(holder).tryAcquire()));
      expect(results.filter(Boolean)).to.have.length(1);

      await lockFor(spec()?.['holderIdentity'] as string).release();
      const again = await Promise.all(['e', 'f', 'g'].map((holder) => lockFor(holder).tryAcquire()));
      expect(again.filter(Boolean)).to.have.length(1);
    });
  });

  describe('when the API server answers with an error status', () => {
    it('should surface it as an ApiException carrying the code and the Status', async () => {
      const clients = makeKubeClients(api.kubeConfig());
      const failure = await clients.coordination.readNamespacedLease({ name: 'absent', namespace: 'ops' }).then(
        () => undefined,
        (error: unknown) => error,
      );

      expect(failure).to.be.instanceOf(ApiException);
      expect((failure as ApiException<string>).code).to.equal(404);
      expect(JSON.parse((failure as ApiException<string>).body)).to.include({ kind: 'Status', reason: 'NotFound', message: 'leases "absent" not found', code: 404 });
    });
  });
});

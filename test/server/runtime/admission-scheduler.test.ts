import { expect } from 'chai';
import { AdmissionScheduler, admissionWeight, MAX_OVERTAKEN } from '../../../server/runtime/admission-scheduler.js';
import type { IncomingMessage } from 'node:http';

/** Counts turns of the event loop (one setImmediate per turn) until stopped. */
function turnCounter(): { now(): number; stop(): void } {
  let turns = 0;
  let running = true;
  const tick = (): void => {
    turns += 1;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return { now: () => turns, stop: () => (running = false) };
}

/** Asks for a turn for each weight at once; resolves with the order in which they got theirs, and the turn of each. */
async function admit(scheduler: AdmissionScheduler, weights: readonly number[]): Promise<{ order: number[]; turns: number[] }> {
  const counter = turnCounter();
  const order: number[] = [];
  const turns: number[] = [];
  await Promise.all(
    weights.map(async (weight) => {
      await scheduler.turn(weight);
      order.push(weight);
      turns.push(counter.now());
    }),
  );
  counter.stop();
  return { order, turns };
}

describe(AdmissionScheduler.name, () => {
  describe('when nothing is waiting', () => {
    it('should let an admission run in the same turn, before an immediate set earlier', async () => {
      const scheduler = new AdmissionScheduler();
      const events: string[] = [];
      setImmediate(() => events.push('immediate'));
      await scheduler.turn(1000).then(() => events.push('admission'));
      expect(events).to.deep.equal(['admission']);
    });
  });

  describe('when several admissions arrive in one turn', () => {
    it('should let one run per turn of the event loop', async () => {
      const { turns } = await admit(new AdmissionScheduler(), [5, 5, 5, 5]);
      expect(new Set(turns).size, `turns ${turns.join(', ')}`).to.equal(4);
      expect(turns).to.deep.equal([...turns].sort((a, b) => a - b));
    });

    it('should let the smaller ones go first after the one that came first', async () => {
      const { order } = await admit(new AdmissionScheduler(), [70_000, 68_000, 1500, 90_000, 2000]);
      expect(order).to.deep.equal([70_000, 1500, 2000, 68_000, 90_000]);
    });

    it('should keep the order of arrival among equal weights', async () => {
      const scheduler = new AdmissionScheduler();
      const order: string[] = [];
      await Promise.all(['a', 'b', 'c', 'd'].map((name) => scheduler.turn(10).then(() => order.push(name))));
      expect(order).to.deep.equal(['a', 'b', 'c', 'd']);
    });
  });

  describe('when small admissions keep arriving while a large one waits', () => {
    it('should let the large one through after a bounded number of them', async () => {
      const scheduler = new AdmissionScheduler();
      const order: string[] = [];
      void scheduler.turn(1).then(() => order.push('first'));
      const large = scheduler.turn(10_000).then(() => order.push('large'));
      // Two small ones always waiting: each time one goes, another arrives.
      let arrived = 0;
      const small = (): Promise<void> =>
        scheduler.turn(1000).then(() => {
          order.push('small');
          if (++arrived < 100 && !order.includes('large')) void small();
        });
      void small();
      void small();
      await large;
      const overtaking = order.filter((name) => name === 'small').length;
      expect(overtaking).to.equal(MAX_OVERTAKEN);
      expect(scheduler.waiting).to.be.at.most(2);
    });
  });

  describe('when the loop has moved on and nothing waits', () => {
    it('should again let an admission run at once', async () => {
      const scheduler = new AdmissionScheduler();
      await admit(scheduler, [1, 2, 3]);
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      const events: string[] = [];
      setImmediate(() => events.push('immediate'));
      await scheduler.turn(1).then(() => events.push('admission'));
      expect(events).to.deep.equal(['admission']);
    });
  });
});

describe(admissionWeight.name, () => {
  const request = (headers: Record<string, string>): IncomingMessage => ({ headers }) as unknown as IncomingMessage;

  describe('when the body has a Content-Length', () => {
    it('should weigh it by that length', () => {
      expect(admissionWeight(request({ 'content-length': '68000' }), 3_000_000)).to.equal(68_000);
    });
  });

  describe('when the body is chunked', () => {
    it('should weigh it as the largest body accepted', () => {
      expect(admissionWeight(request({ 'transfer-encoding': 'chunked' }), 3_000_000)).to.equal(3_000_000);
    });
  });
});

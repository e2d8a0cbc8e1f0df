import { expect } from 'chai';
import type { AdmissionHandler, AdmissionOptions, AdmissionResult } from '../../../core/admission/admission-handler.js';
import { answerAdmission } from '../../../server/runtime/admission-answer.js';
import { AdmissionMetrics } from '../../../server/runtime/admission-metrics.js';
import { RecordingLogger } from '../../support/recording-logger.js';

// A handler that waits for the admission's signal and reports how it was aborted.
function waitingHandler(seen: unknown[]): AdmissionHandler {
  return {
    handle: (_body: unknown, options: AdmissionOptions = {}) =>
      new Promise<AdmissionResult>((resolve) => {
        options.signal?.addEventListener('abort', () => {
          seen.push(options.signal?.reason);
          resolve({ outcome: 'skipped', review: { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: 'u', allowed: true } } });
        });
      }),
  } as unknown as AdmissionHandler;
}

// A handler that first reads the admission's signal once the deadline has passed, as a backend called late would.
function lateReadingHandler(seen: unknown[]): AdmissionHandler {
  return {
    handle: async (_body: unknown, options: AdmissionOptions = {}) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const signal = options.signal;
      seen.push(signal?.aborted, (signal?.reason as DOMException | undefined)?.name);
      return { outcome: 'skipped', review: { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: 'u', allowed: true } } };
    },
  } as unknown as AdmissionHandler;
}

// A handler that answers without reading the signal, as an admission that calls no backend does.
const quickHandler = {
  handle: () => Promise.resolve({ outcome: 'skipped', review: { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: 'u', allowed: true } } }),
} as unknown as AdmissionHandler;

describe('answerAdmission', () => {
  describe('when the handler never reads the signal', () => {
    it('should set no timer for the deadline', async () => {
      const original = globalThis.setTimeout;
      let timers = 0;
      globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
        timers += 1;
        return original(...args);
      }) as typeof setTimeout;
      try {
        await answerAdmission({ handler: quickHandler, metrics: new AdmissionMetrics(), logger: new RecordingLogger() }, {}, '10s');
      } finally {
        globalThis.setTimeout = original;
      }
      expect(timers).to.equal(0);
    });
  });

  describe('when the admission outlives the API server deadline', () => {
    it('should abort its signal with a TimeoutError, as AbortSignal.timeout does', async () => {
      const seen: unknown[] = [];
      const answer = await answerAdmission({ handler: waitingHandler(seen), metrics: new AdmissionMetrics(), logger: new RecordingLogger() }, {}, '100ms');
      expect(answer.status).to.equal(200);
      expect(seen.map((reason) => [(reason as DOMException).name, reason instanceof DOMException])).to.deep.equal([['TimeoutError', true]]);
    });

    it('should give a signal already aborted with a TimeoutError to a handler that first reads it after the deadline', async () => {
      const seen: unknown[] = [];
      await answerAdmission({ handler: lateReadingHandler(seen), metrics: new AdmissionMetrics(), logger: new RecordingLogger() }, {}, '100ms');
      expect(seen).to.deep.equal([true, 'TimeoutError']);
    });
  });
});

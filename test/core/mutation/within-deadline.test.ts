import { expect } from 'chai';
import { InjectionError } from '../../../core/index.js';
import { withinDeadline } from '../../../core/mutation/within-deadline.js';

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('withinDeadline', () => {
  describe('when the work finishes before the signal aborts', () => {
    it('should give its result', async () => {
      expect(await withinDeadline(Promise.resolve('done'), new AbortController().signal, 'K8s')).to.equal('done');
      expect(await withinDeadline('sync', new AbortController().signal, 'K8s')).to.equal('sync');
    });
  });

  describe('when the work never finishes', () => {
    it('should reject with SecretReadFailure naming the backend once the signal aborts', async () => {
      const controller = new AbortController();
      const pending = withinDeadline(new Promise(() => undefined), controller.signal, 'Vault');
      controller.abort();
      const error = await rejectionOf(pending);
      expect(error).to.be.instanceOf(InjectionError);
      expect((error as InjectionError).code).to.equal('SecretReadFailure');
      expect((error as InjectionError).message).to.equal('the Vault backend did not answer before the admission deadline');
    });
  });

  describe('when the work answers within the grace after the deadline', () => {
    it('should give its answer, so a backend that honours the signal applies its own policy', async () => {
      const controller = new AbortController();
      controller.abort();
      const answer = new Promise((resolve) => setTimeout(() => resolve('own policy'), 10));
      expect(await withinDeadline(answer, controller.signal, 'Embedded', 1000)).to.equal('own policy');
    });
  });

  describe('when the signal has already aborted and the work never answers', () => {
    it('should reject once the grace has passed', async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await rejectionOf(withinDeadline(new Promise(() => undefined), controller.signal, 'AWS', 5));
      expect((error as InjectionError).code).to.equal('SecretReadFailure');
    });
  });

  describe('when the work fails before the deadline', () => {
    it('should pass its error through unchanged', async () => {
      const failure = new InjectionError('SecretNotFound', 'no such secret');
      expect(await rejectionOf(withinDeadline(Promise.reject(failure), new AbortController().signal, 'GCP'))).to.equal(failure);
    });
  });
});

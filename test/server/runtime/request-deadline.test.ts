import { expect } from 'chai';
import { admissionDeadlineMs } from '../../../server/runtime/request-deadline.js';

describe('admissionDeadlineMs', () => {
  describe('when the API server sends ?timeout', () => {
    it('should give nine tenths of it, at most nine tenths of 30 s', () => {
      expect(admissionDeadlineMs('10s')).to.equal(9000);
      expect(admissionDeadlineMs('500ms')).to.equal(450);
      expect(admissionDeadlineMs('1m')).to.equal(27_000);
    });
  });

  describe('when there is no usable timeout', () => {
    it("should give nine tenths of the API server's default 10 s", () => {
      for (const timeout of [undefined, '', 'soon', '10', '0s', ['10s']]) expect(admissionDeadlineMs(timeout), String(timeout)).to.equal(9000);
    });
  });
});

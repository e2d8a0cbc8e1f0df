import { expect } from 'chai';
import { AdmissionRequestError } from '../../../core/admission/admission-request-error.js';
import { parseAdmissionReview } from '../../../core/admission/parse-admission-review.js';

/** A review whose pod holds, under `deep`, `levels` objects or lists nested in one another, a string innermost. */
function reviewNested(levels: number, list: (level: number) => boolean): unknown {
  let value: unknown = 'leaf';
  for (let level = levels; level >= 1; level--) value = list(level) ? [1, value] : { a: 1, b: value };
  const object = { kind: 'Pod', spec: { containers: [{ name: 'main' }] }, deep: value };
  return { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'u', operation: 'CREATE', object } };
}

describe('parseAdmissionReview', () => {
  describe('when the pod is nested as deep as it may be', () => {
    it('should accept 100 levels of objects and lists, counting the pod as the first', () => {
      for (const list of [() => false, () => true, (level: number) => level % 2 === 0]) {
        expect(() => parseAdmissionReview(reviewNested(99, list))).not.to.throw();
      }
    });
  });

  describe('when the pod is nested one level deeper', () => {
    it('should refuse it, whether the levels are objects, lists or both', () => {
      for (const list of [() => false, () => true, (level: number) => level % 2 === 0]) {
        expect(() => parseAdmissionReview(reviewNested(100, list)))
          .to.throw(AdmissionRequestError)
          .with.property('message', 'request.object: nested deeper than 100 levels; no pod is');
      }
    });
  });
});

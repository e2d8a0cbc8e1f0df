import { expect } from 'chai';
import fc from 'fast-check';
import type { AdmissionResponse, AdmissionReviewResponse } from '../../../core/admission/admission-review.js';
import { admissionReviewJson } from '../../../core/admission/admission-review-json.js';

function review(response: AdmissionResponse): AdmissionReviewResponse {
  return { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response };
}

const base64 = (text: string): string => Buffer.from(text).toString('base64');

// Strings JSON must escape, in every field the answer carries besides the patch.
const awkward = fc.string({ unit: fc.constantFrom('a', '"', '\\', '\n', '\u2028', '\u0000', 'é', '}', ',"patch":"x"') });

describe('admissionReviewJson', () => {
  describe('when the answer carries a patch', () => {
    it('should be JSON that reads back as the answer', () => {
      fc.assert(
        fc.property(awkward, awkward, fc.array(awkward, { maxLength: 3 }), fc.dictionary(awkward, awkward, { maxKeys: 3 }), (uid, patchText, warnings, auditAnnotations) => {
          const answer = review({ uid, allowed: true, patchType: 'JSONPatch', patch: base64(patchText), warnings, auditAnnotations });
          expect(JSON.parse(admissionReviewJson(answer))).to.deep.equal(JSON.parse(JSON.stringify(answer)));
        }),
      );
    });

    it('should carry the patch as it is, as the last field of the response', () => {
      const patch = base64('[{"op":"add","path":"/spec/volumes/-","value":{"name":"v"}}]');
      const text = admissionReviewJson(review({ uid: 'u', allowed: true, patchType: 'JSONPatch', patch, auditAnnotations: { 'injected-secrets': '1' } }));
      expect(text).to.equal(
        `{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"u","allowed":true,"patchType":"JSONPatch","auditAnnotations":{"injected-secrets":"1"},"patch":"${patch}"}}`,
      );
    });
  });

  describe('when the answer has no patch', () => {
    it('should be exactly what JSON.stringify writes', () => {
      const denial = review({ uid: 'u"1', allowed: false, status: { status: 'Failure', code: 400, reason: 'BadRequest', message: 'no "s3"' }, auditAnnotations: { denied: 'no' } });
      expect(admissionReviewJson(denial)).to.equal(JSON.stringify(denial));
    });
  });
});

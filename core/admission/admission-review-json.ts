import type { AdmissionReviewResponse } from './admission-review.js';

/**
 * The JSON text of an answer: what JSON.stringify writes, with the patch moved last and put in as it
 * is. The patch is base64 (A-Z, a-z, 0-9, `+`, `/`, `=`), which JSON never escapes, and usually most
 * of the answer: JSON.stringify scanned it again, character by character, for nothing.
 */
export function admissionReviewJson(review: AdmissionReviewResponse): string {
  const { patch, ...response } = review.response;
  if (patch === undefined) return JSON.stringify(review);
  const rest = JSON.stringify({ apiVersion: review.apiVersion, kind: review.kind, response });
  // `rest` ends with the closing braces of the response and of the review; the response is never empty (it has a uid).
  return `${rest.slice(0, -2)},"patch":"${patch}"}}`;
}

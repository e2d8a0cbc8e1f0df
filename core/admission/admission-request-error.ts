/**
 * The body is not an AdmissionReview podsecrets can answer (no uid to answer to, not a pod): the
 * server replies HTTP 400 with this message instead of an AdmissionReview.
 */
export class AdmissionRequestError extends Error {
  override readonly name = 'AdmissionRequestError';
}

import type { RequestHandler } from 'express';
import { type AdmissionServices, answerAdmission, sendJson } from './admission-answer.js';

/** POST /mutate--v1-pod (and /mutate): see {@link answerAdmission} for the answers. */
export function admissionRoute(services: AdmissionServices): RequestHandler {
  return async (request, response) => {
    const answer = await answerAdmission(services, request.body as unknown, request.query['timeout']);
    sendJson(response, answer.status, answer.body);
  };
}

import { serveJsonFloor } from './floor-server.js';

// The floor for any Node webhook on this machine: Node's own HTTPS server, with the same kind of
// certificate and the same keep-alive settings as podsecrets, that reads the body, parses it and
// answers "allowed" for the request's uid. Nothing a real webhook could leave out is left in.

await serveJsonFloor((body) => {
  const review = JSON.parse(body) as { apiVersion: string; request: { uid: string } };
  return JSON.stringify({ apiVersion: review.apiVersion, kind: 'AdmissionReview', response: { uid: review.request.uid, allowed: true } });
});

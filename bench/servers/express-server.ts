import express from 'express';
import { ADMISSION_PATHS } from '../../server/runtime/admission-router.js';
import { serveFloor } from './floor-server.js';

// The floor for a webhook written as an Express application, the usual way: the baseline's work
// (read the body, parse it, answer "allowed" for the request's uid) as a route of an express() app,
// with express.json and res.json, on the same kind of certificate and keep-alive settings.

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.post(ADMISSION_PATHS[0], express.json({ limit: '10mb' }), (request, response) => {
  const review = request.body as { apiVersion: string; request: { uid: string } };
  response.json({ apiVersion: review.apiVersion, kind: 'AdmissionReview', response: { uid: review.request.uid, allowed: true } });
});
await serveFloor(app);

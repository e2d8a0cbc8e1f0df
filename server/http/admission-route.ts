import type { Request, RequestHandler, Response } from 'express';
import { AdmissionRequestError, type AdmissionHandler, type Logger } from '../../core/index.js';
import type { AdmissionMetrics } from '../metrics/admission-metrics.js';
import { admissionDeadlineMs } from './request-deadline.js';

function uidOf(body: unknown): string | undefined {
  const uid = (body as { request?: { uid?: unknown } } | undefined)?.request?.uid;
  return typeof uid === 'string' ? uid : undefined;
}

function namespaceOf(body: unknown): string {
  const namespace = (body as { request?: { namespace?: unknown } } | undefined)?.request?.namespace;
  return typeof namespace === 'string' ? namespace : '';
}

/**
 * The answer as express's response.json sends it (same status, Content-Type and Content-Length), but
 * written as one string: express turns the body into a Buffer written after the header string, and
 * over TLS that costs a second record and a second encryption per admission.
 */
function sendJson(response: Response, value: unknown): void {
  const text = JSON.stringify(value);
  response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

/**
 * POST /mutate--v1-pod: an AdmissionReview in, an AdmissionReview out. A body that is not a pod review
 * gets 400 with the reason; a failure inside podsecrets denies the pod with a message, never an HTTP
 * 500, which the API server would turn into its failurePolicy without telling anyone why.
 */
export function admissionRoute(handler: AdmissionHandler, metrics: AdmissionMetrics, logger: Logger): RequestHandler {
  return async (request: Request, response: Response) => {
    const started = process.hrtime.bigint();
    const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
    const body: unknown = request.body;
    try {
      const result = await handler.handle(body, { signal: AbortSignal.timeout(admissionDeadlineMs(request.query['timeout'])) });
      metrics.observe(result, namespaceOf(body), seconds());
      const { response: answer } = result.review;
      logger.info(
        { uid: answer.uid, namespace: namespaceOf(body), outcome: result.outcome, allowed: answer.allowed, ms: Math.round(seconds() * 1000) },
        answer.allowed ? 'admission answered' : `admission denied: ${answer.status?.message ?? ''}`,
      );
      sendJson(response, result.review);
    } catch (error) {
      if (error instanceof AdmissionRequestError) {
        metrics.observeRejected('invalid', seconds());
        logger.warn({ uid: uidOf(body), error: error.message }, 'malformed admission request');
        response.status(400).json({ error: error.message });
        return;
      }
      metrics.observeRejected('error', seconds());
      logger.error({ uid: uidOf(body), error: error instanceof Error ? error.stack : String(error) }, 'admission failed');
      const review = body as { apiVersion: string };
      response.json({
        apiVersion: review.apiVersion,
        kind: 'AdmissionReview',
        response: {
          uid: uidOf(body),
          allowed: false,
          status: { status: 'Failure', code: 500, reason: 'InternalError', message: 'podsecrets failed to process this pod; see the webhook log for this uid' },
        },
      });
    }
  };
}

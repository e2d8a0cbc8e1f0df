import type { ServerResponse } from 'node:http';
import type { Logger } from '../../core/index.js';
import { AdmissionRequestError } from '../../core/admission/admission-request-error.js';
import type { AdmissionHandler, AdmissionResult } from '../../core/admission/admission-handler.js';
import { admissionReviewJson } from '../../core/admission/admission-review-json.js';
import type { AdmissionMetrics } from './admission-metrics.js';
import { admissionDeadlineMs } from './request-deadline.js';

/** What answering an admission needs, whichever HTTP path the request came by. */
export interface AdmissionServices {
  readonly handler: AdmissionHandler;
  readonly metrics: AdmissionMetrics;
  readonly logger: Logger;
  /**
   * Where the line per answered admission goes (default: `logger`). `serve` gives it an
   * `unredacted` child of its logger (create-logger.ts): the line's fields are fixed, and redaction was half its cost.
   */
  readonly answerLogger?: Logger;
}

/** An HTTP status and the JSON body to send with it. */
export interface AdmissionAnswer {
  readonly status: number;
  readonly body: unknown;
  /** The body's JSON text. */
  readonly text: string;
}

function answer(status: number, body: unknown): AdmissionAnswer {
  return { status, body, text: JSON.stringify(body) };
}

function uidOf(body: unknown): string | undefined {
  const uid = (body as { request?: { uid?: unknown } } | undefined)?.request?.uid;
  return typeof uid === 'string' ? uid : undefined;
}

function namespaceOf(body: unknown): string {
  const namespace = (body as { request?: { namespace?: unknown } } | undefined)?.request?.namespace;
  return typeof namespace === 'string' ? namespace : '';
}

/**
 * An AdmissionReview in, an AdmissionReview out. A body that is not a pod review gets 400 with the
 * reason; a failure inside podsecrets denies the pod with a message, never an HTTP 500, which the API
 * server would turn into its failurePolicy without telling anyone why. Never rejects.
 */
export async function answerAdmission(services: AdmissionServices, body: unknown, timeout: unknown): Promise<AdmissionAnswer> {
  const { handler, metrics, logger } = services;
  const started = process.hrtime.bigint();
  const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
  const deadline = new AdmissionDeadline(admissionDeadlineMs(timeout));
  const done = metrics.startRequest();
  try {
    const result = await handler.handle(body, deadline);
    const namespace = namespaceOf(body);
    const elapsed = seconds();
    metrics.observe(result, namespace, elapsed);
    logAnswer(services.answerLogger ?? logger, result, namespace, elapsed);
    return { status: 200, body: result.review, text: admissionReviewJson(result.review) };
  } catch (error) {
    if (error instanceof AdmissionRequestError) {
      metrics.observeRejected('invalid', seconds());
      logger.warn({ uid: uidOf(body), error: error.message }, 'malformed admission request');
      return answer(400, { error: error.message });
    }
    metrics.observeRejected('error', seconds());
    logger.error({ uid: uidOf(body), error: error instanceof Error ? error.stack : String(error) }, 'admission failed');
    const review = body as { apiVersion: string };
    return answer(200, {
      apiVersion: review.apiVersion,
      kind: 'AdmissionReview',
      response: {
        uid: uidOf(body),
        allowed: false,
        status: { status: 'Failure', code: 500, reason: 'InternalError', message: 'podsecrets failed to process this pod; see the webhook log for this uid' },
        auditAnnotations: { denied: 'internal error in podsecrets; see the webhook log for this uid' },
      },
    });
  } finally {
    deadline.clear();
    done();
  }
}

/** The line logged for each answered admission (`elapsed` in seconds): what happened, never a value. */
export function logAnswer(logger: Logger, result: AdmissionResult, namespace: string, elapsed: number): void {
  const { response: answer } = result.review;
  logger.info(
    {
      uid: answer.uid,
      namespace,
      outcome: result.outcome,
      allowed: answer.allowed,
      ms: Math.round(elapsed * 1000),
      ...(answer.warnings !== undefined ? { warnings: answer.warnings } : {}),
    },
    answer.allowed ? 'admission answered' : `admission denied: ${answer.status?.message ?? ''}`,
  );
}

/**
 * A signal that aborts after `ms` as AbortSignal.timeout's does (with a TimeoutError), with a timer
 * that is cleared once the admission is answered: AbortSignal.timeout's timer cannot be cleared, so
 * every request's timer lived out its full term, and it cost several times as much to create.
 * The signal, and its timer, are made when first read: most admissions never call out (a K8s secret
 * is a reference in the pod), and an AbortController, then a timer set and cleared, were the largest
 * part of Node's own per-request work under load. Read after the deadline, the signal is already
 * aborted, as the eager one would have been by then.
 */
class AdmissionDeadline {
  #controller: AbortController | undefined;
  #timer: NodeJS.Timeout | undefined;
  readonly #endsAt: number;

  constructor(ms: number) {
    this.#endsAt = performance.now() + ms;
  }

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      const controller = new AbortController();
      this.#controller = controller;
      const left = this.#endsAt - performance.now();
      if (left <= 0) {
        controller.abort(timeoutError());
      } else {
        this.#timer = setTimeout(() => controller.abort(timeoutError()), left);
        this.#timer.unref();
      }
    }
    return this.#controller.signal;
  }

  clear(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
  }
}

function timeoutError(): DOMException {
  return new DOMException('The operation was aborted due to timeout', 'TimeoutError');
}

/**
 * Sends `body` as express's response.json does (the same status, Content-Type and Content-Length)
 * but as one string: express writes the body as a Buffer after the header string, and over TLS that
 * costs a second record and a second encryption per admission.
 */
export function sendJson(response: ServerResponse, status: number, body: unknown, closeConnection = false): void {
  sendJsonText(response, status, JSON.stringify(body), closeConnection);
}

/** {@link sendJson} of a body already written as JSON text. */
export function sendJsonText(response: ServerResponse, status: number, text: string, closeConnection = false): void {
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...(closeConnection ? { Connection: 'close' } : {}),
  });
  response.end(text);
}

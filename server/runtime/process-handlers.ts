import type { Logger } from '../../core/index.js';

export interface ProcessEvents {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
}

export interface ProcessHandlerOptions {
  readonly logger: Logger;
  /** Counts unhandled rejections (a metric). */
  readonly onRejection?: () => void;
  /** Stops the process after an uncaught exception: drain what can be drained, then exit non-zero. */
  readonly onFatal: (error: Error) => void;
}

function describe(reason: unknown): string {
  return reason instanceof Error ? (reason.stack ?? reason.message) : typeof reason === 'string' ? reason : `a non-Error value of type ${typeof reason}`;
}

/**
 * Process-wide last resorts. Every admission already catches its own failures (a plugin that throws
 * fails that one request with a denial), so these fire only for work outside a request.
 *
 * - An unhandled promise rejection is logged and counted, and the server keeps serving: the rejection
 *   travelled through async frames that unwound normally, so the state requests rely on is intact, and
 *   exiting would fail every admission in flight on this replica for one stray background task.
 * - An uncaught exception is fatal: it left a synchronous callback half-way, state may be corrupt, and
 *   Node does not promise that resuming is safe. The process drains and exits 1; Kubernetes restarts it
 *   while the other replica answers.
 *
 * The logged text is the error's stack, which names code, not data; a plugin must not put secret values
 * in error messages (the PodMutator keeps them out of responses the same way).
 */
export function installProcessHandlers(target: ProcessEvents, options: ProcessHandlerOptions): void {
  target.on('unhandledRejection', (reason) => {
    options.onRejection?.();
    options.logger.error({ error: describe(reason) }, 'unhandled promise rejection; still serving');
  });
  target.on('uncaughtException', (error) => {
    options.logger.error({ error: describe(error) }, 'uncaught exception; draining and exiting');
    options.onFatal(error);
  });
}

import { InjectionError, InjectionErrorCode } from '../injector/injection-error.js';

/**
 * How long after the deadline a backend may still answer: one that honours the signal reacts within
 * it, with its own reason or its own failure policy (a warning instead of a denial, say).
 */
export const DEADLINE_GRACE_MS = 100;

/**
 * `work`, or an InjectionError (SecretReadFailure) once `signal` has been aborted for `graceMs`: a
 * backend that does not honour the signal must not hold the admission past its deadline, since the
 * API server would then apply its failurePolicy without a word of why. A late result is dropped.
 */
export async function withinDeadline<T>(work: T | Promise<T>, signal: AbortSignal, backend: string, graceMs = DEADLINE_GRACE_MS): Promise<T> {
  if (!(work instanceof Promise)) return work;
  // The late work's rejection, if any, must not surface as an unhandled rejection.
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const cutOff = new Promise<never>((_resolve, reject) => {
    const fail = (): void => {
      timer = setTimeout(() => reject(new InjectionError(InjectionErrorCode.SecretReadFailure, `the ${backend} backend did not answer before the admission deadline`)), graceMs);
    };
    if (signal.aborted) fail();
    else {
      onAbort = fail;
      signal.addEventListener('abort', onAbort, { once: true });
    }
  });
  try {
    return await Promise.race([work, cutOff]);
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
  }
}

import { InjectionError, InjectionErrorCode } from '../injector/injection-error.js';

/**
 * `work`, or an InjectionError (SecretReadFailure) as soon as `signal` aborts: a backend that does not
 * honour the signal must not hold the admission past its deadline, since the API server would then
 * apply its failurePolicy without a word of why. The late result, if it ever comes, is dropped.
 */
export async function withinDeadline<T>(work: T | Promise<T>, signal: AbortSignal, backend: string): Promise<T> {
  const timedOut = (): InjectionError =>
    new InjectionError(InjectionErrorCode.SecretReadFailure, `the ${backend} backend did not answer before the admission deadline`);
  if (signal.aborted) throw timedOut();
  if (!(work instanceof Promise)) return work;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(timedOut());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  // The late work's rejection, if any, must not surface as an unhandled rejection.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort!);
  }
}

/**
 * `promise`, or a rejection with `reason()` as soon as `signal` aborts, whichever comes first. The work
 * behind `promise` goes on (it may be shared with other callers); only this caller stops waiting.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal, reason: () => Error): Promise<T> {
  if (signal.aborted) return Promise.reject(reason());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(reason());
    signal.addEventListener('abort', onAbort, { once: true });
    // The work's own rejection passes through unchanged, whatever it is.
    promise.finally(() => signal.removeEventListener('abort', onAbort)).then(resolve, reject);
  });
}

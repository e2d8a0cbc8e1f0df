/**
 * The arrivals that came sooner than a token bucket of `qps` and `burst`, full at `startedAt`, lets them: the
 * n-th request (from 1) may arrive once burst + qps·t ≥ n, t the milliseconds since `startedAt` on the same
 * clock (`performance.now()`). That is what the bucket guarantees whatever the machine's load: load makes
 * requests later, never sooner, so only a client that skips the bucket is caught. Each arrival gets one
 * token's time (1000/qps ms) of grace, because Node counts a timer from the event loop's cached time, which
 * may lag the clock. Each early arrival is described ("request 5 at 12 ms, allowed from 300 ms").
 */
export function soonerThanBucket(times: readonly number[], startedAt: number, qps: number, burst: number): string[] {
  const graceMs = 1000 / qps;
  return [...times]
    .sort((a, b) => a - b)
    .flatMap((at, index) => {
      const allowedFrom = (Math.max(0, index + 1 - burst) * 1000) / qps - graceMs;
      const elapsed = at - startedAt;
      return elapsed >= allowedFrom ? [] : [`request ${index + 1} at ${Math.round(elapsed)} ms, allowed from ${Math.round(allowedFrom)} ms`];
    });
}

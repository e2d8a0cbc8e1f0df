/** The most requests received within any `windowMs`, from their arrival times at the server. */
export function mostWithin(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end += 1) {
    while (sorted[end]! - sorted[start]! >= windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

/**
 * Whether arrival `times` kept to a token bucket of `qps` and `burst`, counted at the server: within any
 * window of 250 or 500 ms at most burst + qps·(window + 200 ms) requests (a stalled event loop may release
 * tokens already earned together), and over the whole run no more than the burst plus one per 1/qps s.
 */
export function keptToRate(times: readonly number[], qps: number, burst: number): { windows: number[]; bounds: number[]; afterBurst: number; earned: number } {
  const windows = [250, 500].map((windowMs) => mostWithin(times, windowMs));
  const bounds = [250, 500].map((windowMs) => burst + (qps * (windowMs + 200)) / 1000);
  const spanMs = Math.max(...times) - Math.min(...times);
  return { windows, bounds, afterBurst: times.length - burst, earned: Math.floor((qps * spanMs) / 1000) + 1 };
}

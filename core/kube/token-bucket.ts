/**
 * A token bucket as client-go's rate limiter (golang.org/x/time/rate) runs one: `burst` calls may go at
 * once, then one per 1/`perSecond` s; each caller reserves the next token in arrival order and waits
 * for its time, so a queue of callers leaves at the steady rate.
 */
export class TokenBucket {
  readonly #perSecond: number;
  readonly #burst: number;
  readonly #now: () => number;
  #tokens: number;
  #last: number;

  constructor(perSecond: number, burst: number, now: () => number = () => performance.now()) {
    if (!(perSecond > 0) || !(burst >= 1)) throw new Error(`a token bucket needs a rate above 0 and a burst of at least 1, got ${perSecond} and ${burst}`);
    this.#perSecond = perSecond;
    this.#burst = burst;
    this.#now = now;
    this.#tokens = burst;
    this.#last = now();
  }

  /** Reserves one token: the milliseconds to wait before using it (0 when one is there now). */
  reserve(): number {
    const now = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#last) * this.#perSecond) / 1000);
    this.#last = now;
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : (-this.#tokens * 1000) / this.#perSecond;
  }

  /** Gives back a reserved token that was not used (its caller gave up waiting). */
  release(): void {
    this.#tokens = Math.min(this.#burst, this.#tokens + 1);
  }

  /** Waits for a token; rejects with `signal`'s reason, the token given back, when it aborts first. */
  async take(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const wait = this.reserve();
    if (wait === 0) return;
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        this.release();
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, wait);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

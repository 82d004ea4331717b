/**
 * Time, injected: the retry backoff, the rate limiter and the progress line read the clock and
 * sleep through this, so tests run backoff without waiting and the benchmark can run on a
 * simulated clock.
 */
export interface Clock {
  /** Milliseconds, monotonic enough for intervals. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

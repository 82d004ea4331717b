/**
 * Client-side rate limit per API quota: calls are spaced so no one-second window sees more than
 * the documented rate. Concurrency alone does not guarantee that: 8 calls in flight at 50 ms each
 * are 160 calls a second, eight times IAM Identity Center's documented 20.
 */
import type { Clock } from './clock';

export interface RateLimiter {
  /** Resolves when the caller may send one request. */
  take(): Promise<void>;
}

/**
 * Generic cell rate algorithm: each request is scheduled one interval after the previous one, with
 * `burst` requests allowed back to back. Reservations are made synchronously, so concurrent callers
 * never share a slot.
 */
export function createRateLimiter(requestsPerSecond: number, clock: Clock, burst = 1): RateLimiter {
  if (!(requestsPerSecond > 0)) throw new Error(`requestsPerSecond must be above 0, got ${requestsPerSecond}`);
  if (!Number.isInteger(burst) || burst < 1) throw new Error(`burst must be a whole number of at least 1, got ${burst}`);
  const interval = 1000 / requestsPerSecond;
  const tolerance = (burst - 1) * interval;
  let theoreticalArrival = -Infinity;
  return {
    take() {
      const now = clock.now();
      const sendAt = Math.max(now, theoreticalArrival - tolerance);
      theoreticalArrival = Math.max(theoreticalArrival, sendAt) + interval;
      return sendAt > now ? clock.sleep(sendAt - now) : Promise.resolve();
    },
  };
}

/** No limit: for tests and for the benchmark's unbounded comparison run. */
export const unlimited: RateLimiter = { take: () => Promise.resolve() };

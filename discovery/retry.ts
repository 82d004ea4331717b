/**
 * Retries with exponential backoff and full jitter for throttling and server faults.
 *
 * The SDK retries too (retryMode 'adaptive'), but aws-sdk-client-mock replaces `client.send`
 * itself (sinon.stub(instance, 'send')), so in tests the SDK's retry middleware never runs. This
 * wrapper is the retry we can prove, and against real AWS it is the outer layer: it waits out
 * throttling that outlasts the SDK's own few attempts, which a 4,000-call scan does meet.
 */
import type { Clock } from './clock';
import { isThrottling, isTransient } from './aws-errors';

export interface RetryPolicy {
  /**
   * Attempts, the first included.
   * @default 5
   */
  readonly attempts: number;
  /**
   * Ceiling of the first backoff; it doubles each attempt.
   * @default 500
   */
  readonly baseDelayMs: number;
  /**
   * Largest backoff.
   * @default 20000
   */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 20_000 };

export interface RetryHooks {
  readonly clock: Clock;
  /** A number in [0, 1): Math.random, or a fixed value in tests. */
  readonly random?: () => number;
  /** Told before each backoff: which attempt failed, why, and how long the wait is. */
  readonly onRetry?: (attempt: number, error: unknown, delayMs: number) => void;
}

export const isRetryable = (error: unknown): boolean => isThrottling(error) || isTransient(error);

/** Full jitter (a random wait up to the exponential ceiling) spreads retries of concurrent calls apart. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

export async function withRetry<T>(call: () => Promise<T>, policy: RetryPolicy, hooks: RetryHooks): Promise<T> {
  const random = hooks.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= policy.attempts || !isRetryable(error)) throw error;
      const delay = backoffDelay(attempt, policy, random);
      hooks.onRetry?.(attempt, error, delay);
      await hooks.clock.sleep(delay);
    }
  }
}

import type { Clock } from '../../discovery/clock';
import { createRateLimiter } from '../../discovery/rate-limit';

/** A clock that stands still; each take() reports when its request would be sent. */
function sendTimes(requests: number, perSecond: number, burst = 1): number[] {
  const waits: number[] = [];
  const clock: Clock = { now: () => 0, sleep: (ms) => (waits.push(ms), Promise.resolve()) };
  const limiter = createRateLimiter(perSecond, clock, burst);
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const before = waits.length;
    void limiter.take();
    times.push(waits.length > before ? waits[waits.length - 1] : 0);
  }
  return times;
}

/** The most requests in any one-second window starting at a send time. */
function busiestSecond(times: readonly number[]): number {
  return Math.max(...times.map((start) => times.filter((t) => t >= start && t < start + 1000).length));
}

test('requests made all at once are spaced one interval apart', () => {
  expect(sendTimes(4, 20)).toEqual([0, 50, 100, 150]);
});

test('no one-second window carries more requests than the rate, however many are queued', () => {
  expect(busiestSecond(sendTimes(500, 20))).toBe(20);
});

test('a burst lets that many through at once, then the rate holds', () => {
  expect(sendTimes(5, 10, 3)).toEqual([0, 0, 0, 100, 200]);
});

test('a rate of zero is refused', () => {
  expect(() => createRateLimiter(0, { now: () => 0, sleep: () => Promise.resolve() })).toThrow('requestsPerSecond must be above 0, got 0');
});

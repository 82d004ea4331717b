/** A clock for tests: sleeping returns at once and moves time on, and every sleep is recorded. */
import type { Clock } from '../../discovery/clock';

export interface FakeClock extends Clock {
  readonly sleeps: number[];
}

export function fakeClock(start = Date.parse('2026-01-15T10:00:00.000Z')): FakeClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep(ms) {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    sleeps,
  };
}

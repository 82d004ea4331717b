import { createGate, mapWithConcurrency } from '../../discovery/pool';

/** A task that records how many run at once, and finishes when the test says so. */
function tracker() {
  let running = 0;
  let peak = 0;
  const release: Array<() => void> = [];
  const task = async () => {
    running++;
    peak = Math.max(peak, running);
    await new Promise<void>((resolve) => release.push(resolve));
    running--;
  };
  return { task, peak: () => peak, releaseAll: async () => {
    while (release.length > 0) {
      release.splice(0).forEach((resolve) => resolve());
      await new Promise((resolve) => setImmediate(resolve));
    }
  } };
}

test('no more than `concurrency` items are worked on at once', async () => {
  const { task, peak, releaseAll } = tracker();
  const done = mapWithConcurrency(Array.from({ length: 20 }, (_, i) => i), 3, task);
  await releaseAll();
  await done;
  expect(peak()).toBe(3);
});

test('results come back in the items\' order whatever order they finish in', async () => {
  const results = await mapWithConcurrency([30, 10, 20], 3, (ms) => new Promise<number>((resolve) => setTimeout(() => resolve(ms), ms)));
  expect(results).toEqual([30, 10, 20]);
});

test('a failing item rejects the whole map, and no new item starts after it', async () => {
  const started: number[] = [];
  const run = mapWithConcurrency([1, 2, 3, 4], 1, async (n) => {
    started.push(n);
    if (n === 2) throw new Error('item 2 failed');
    return n;
  });
  await expect(run).rejects.toThrow('item 2 failed');
  expect(started).toEqual([1, 2]);
});

test('a concurrency below 1 is refused with the value given', async () => {
  await expect(mapWithConcurrency([1], 0, async (n) => n)).rejects.toThrow('concurrency must be a whole number of at least 1, got 0');
});

test('the gate lets at most `limit` tasks run at once, whoever starts them', async () => {
  const gate = createGate(2);
  const { task, peak, releaseAll } = tracker();
  const all = Promise.all(Array.from({ length: 6 }, () => gate(task)));
  await releaseAll();
  await all;
  expect(peak()).toBe(2);
});

import { createProgress } from '../../discovery/progress';
import { fakeClock } from './fake-clock';

function capture(isTTY: boolean, ci: boolean) {
  const writes: string[] = [];
  const clock = fakeClock();
  const progress = createProgress({ stream: { write: (text: string) => writes.push(text) }, isTTY, ci, clock, redrawMs: 100 });
  return { writes, clock, progress };
}

function runPhase(progress: ReturnType<typeof createProgress>, clock: ReturnType<typeof fakeClock>) {
  progress.begin('account assignments', 8);
  for (let i = 0; i < 8; i++) {
    progress.call();
    progress.advance('account assignments');
    void clock.sleep(150);
  }
  progress.end('account assignments');
  progress.close();
}

test('on a terminal, progress is one line rewritten in place, ended by one newline', () => {
  const { writes, clock, progress } = capture(true, false);
  runPhase(progress, clock);
  const output = writes.join('');
  expect(output.split('\n')).toEqual([expect.any(String), '']);
  expect(writes.every((text) => text.startsWith('\r\x1b[2K'))).toBe(true);
  expect(output).toContain('discovering: account assignments 8/8 · 8 calls');
});

test('on a terminal, redraws are throttled rather than one per call', () => {
  const { writes, progress } = capture(true, false);
  progress.begin('account assignments', 1000);
  for (let i = 0; i < 1000; i++) progress.call();
  expect(writes).toHaveLength(1);
});

test('in CI, progress is plain lines: the phase, each quarter, the end, with no carriage returns', () => {
  const { writes, clock, progress } = capture(true, true);
  runPhase(progress, clock);
  expect(writes).toEqual([
    'discovery: account assignments (8)…\n',
    'discovery: account assignments 2/8 (2 calls)\n',
    'discovery: account assignments 4/8 (4 calls)\n',
    'discovery: account assignments 6/8 (6 calls)\n',
    'discovery: account assignments done, 8 read (8 calls)\n',
    'discovery: done (8 calls)\n',
  ]);
});

test('when stderr is not a terminal, progress is plain lines too', () => {
  const { writes, clock, progress } = capture(false, false);
  runPhase(progress, clock);
  expect(writes.some((text) => text.includes('\r'))).toBe(false);
  expect(writes.at(-1)).toBe('discovery: done (8 calls)\n');
});

test('retries are counted in the progress line once there are any', () => {
  const { writes, progress } = capture(false, false);
  progress.call();
  progress.retry();
  progress.close();
  expect(writes).toEqual(['discovery: done (1 call, 1 retry)\n']);
});

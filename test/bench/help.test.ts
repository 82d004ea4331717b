/** Every bench explains itself: --help prints every option and exits 0 without running; a bad option exits 2. */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const DIST = resolve(__dirname, '..', '..', 'dist', 'bench');
const run = (file: string, args: string[]) => spawnSync(process.execPath, [join(DIST, file), ...args], { encoding: 'utf8', timeout: 30000 });

describe.each([
  ['run.js', ['--runs N', '--accounts N', '--groups N']],
  ['synth-child.js', ['MODE ARGS...']],
  ['review-bench.js', ['--shape SHAPE', '--sizes MB,MB,…', '--runs N', '--keep-plan FILE', '--child', '--out DIR']],
  ['discovery-bench.js', ['--accounts N', '--sets N', '--users N', '--groups N', '--concurrency N', '--only-adopt', '--save-estate FILE']],
  ['fuzz.js', ['--cases N', '--processes N', '--seed S', '--only ID']],
  ['changed-stacks-bench.js', ['SIZE...']],
])('bench/%s', (file, options) => {
  test('--help prints the usage with every option and exits 0 at once', () => {
    const result = run(file, ['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^usage: node (--expose-gc )?dist\/bench\//);
    for (const option of [...options, '-h, --help', '--version']) expect(result.stdout).toContain(option);
    expect(result.stderr).toBe('');
  });

  test('an unknown option exits 2 with the usage and no stack trace', () => {
    const result = run(file, ['--no-such-option']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^Unknown option '--no-such-option'\n\nusage: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

test.each([['run.js', '--runs'], ['review-bench.js', '--runs'], ['discovery-bench.js', '--concurrency'], ['fuzz.js', '--cases']])('bench/%s refuses %s 1e1 (a number Number() would take)', (file, flag) => {
  const result = run(file, [flag, '1e1']);
  expect(result.status).toBe(2);
  expect(result.stderr).toContain(`${flag} must be a whole number`);
});

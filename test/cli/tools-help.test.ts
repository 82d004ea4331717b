/**
 * The review, discover and adopt CLIs explain themselves: --help prints every option and exits 0
 * without doing anything; a bad option exits 2 with the usage; --version prints the version.
 * (main.ts: test/lib/cli.test.ts and test/cli.test.ts; the benches: test/bench/help.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const run = (cli: string, args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'dist', cli), ...args], { encoding: 'utf8', timeout: 30000, env: { ...process.env, AWS_REGION: '', AWS_EC2_METADATA_DISABLED: 'true' } });

describe.each([
  ['review/cli.js', '--markdown FILE,--json FILE,--synth-dir DIR,--base-synth-dir DIR,--management-account-id ID,--admin-permission-set NAME,--title TEXT,PLAN.json...'],
  ['discovery/cli.js', '--region REGION,--profile PROFILE,--env NAME,--environments DIR,--force,--out FILE,--concurrency N,--max-attempts N,--instance-arn ARN'],
  ['adopt/cli.js', '--estate FILE,--env NAME,--environments DIR,--force'],
])('%s', (cli, options) => {
  test.each([['--help'], ['-h']])('%s prints the usage with every option described, and exits 0', (flag) => {
    const result = run(cli, [flag]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.startsWith(`usage: node dist/${cli} [options]`)).toBe(true);
    for (const option of [...options.split(','), '-h, --help', '--version']) expect(result.stdout).toMatch(new RegExp(`${option.replace(/[.[\]]/g, '\\$&')}  +\\S`));
    expect(result.stdout).toContain('exit codes:');
  });

  test('--version prints the project version', () => {
    const result = run(cli, ['--version']);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${pkg.name} ${pkg.version}\n`);
  });

  test('an unknown option exits 2 with the usage and no stack trace', () => {
    const result = run(cli, ['--no-such-option']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^Unknown option '--no-such-option'\n\nusage: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });
});

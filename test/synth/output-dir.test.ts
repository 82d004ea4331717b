/** `--out` problems are one line, and a failed run leaves an earlier good output exactly as it was. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { baseConfig, toYaml } from '../helpers/environment';

const MAIN = resolve(__dirname, '..', '..', 'dist', 'main.js');

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'foundation-out-'));
  mkdirSync(join(dir, 'environments'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'environments', name), text);
  return dir;
}

/** Every file under `dir` with its content, for before/after comparison. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else out[path.slice(dir.length)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return out;
}

describe('the output directory', () => {
  const dir = project({ 'test.yaml': toYaml(baseConfig()) });
  writeFileSync(join(dir, 'a-file'), 'x');

  test.each([
    ['a file', ['--out', 'a-file'], {}, 'the output directory a-file is a file, not a directory: remove it, or pass another --out'],
    ['under a file', ['--out', 'a-file/sub'], {}, 'the output directory a-file/sub cannot be created: a-file is a file, not a directory'],
    ['empty', ['--out', ''], {}, 'the output directory is empty: pass --out <dir> (or set CDKTF_OUTDIR to a directory)'],
    ['in /proc', ['--out', '/proc/x'], {}, 'the output directory /proc/x cannot be written (ENOENT): pass a writable --out'],
    ['in /proc through CDKTF_OUTDIR', [], { CDKTF_OUTDIR: '/proc/y' }, 'the output directory /proc/y cannot be written (ENOENT): pass a writable --out'],
    ['a file through CDKTF_OUTDIR', [], { CDKTF_OUTDIR: 'a-file' }, 'the output directory a-file is a file, not a directory: remove it, or pass another --out'],
  ])('that is %s is one line and exit 1', (_, args, env, message) => {
    const result = run([...args, '--quiet'], dir, env as Record<string, string>);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`${message}\n\nNothing was synthesized.\n`);
  });

  test('that cannot be written even by root (/sys) is one line and exit 1', () => {
    const result = run(['--out', '/sys/foundation-out', '--quiet'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^the output directory \/sys\/foundation-out cannot be written \((permission denied|the file system is read-only|ENOENT)\): pass a writable --out\n\nNothing was synthesized\.\n$/);
  });

  (process.getuid?.() === 0 ? test.skip : test)('that is read-only is one line and exit 1', () => {
    const readOnly = join(dir, 'read-only');
    mkdirSync(readOnly, { mode: 0o555 });
    const result = run(['--out', 'read-only', '--quiet'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('cannot be written (permission denied)');
  });

  test('a good run replaces the files it writes, keeps what else is there and leaves no staging directory', () => {
    const good = project({ 'test.yaml': toYaml(baseConfig()) });
    expect(run(['--out', 'cdktf.out', '--quiet'], good).status).toBe(0);
    writeFileSync(join(good, 'cdktf.out', 'stacks', 'test-organization', 'plan.json'), '{}');
    expect(run(['--out', 'cdktf.out', '--quiet'], good).status).toBe(0);
    expect(existsSync(join(good, 'cdktf.out', 'stacks', 'test-organization', 'plan.json'))).toBe(true);
    expect(readdirSync(join(good, 'cdktf.out')).sort()).toEqual(['environments', 'manifest.json', 'stacks', 'synthesized-stacks.json']); // the last: synth/stale-stacks.ts
  });

  test('a failed run leaves an earlier good cdktf.out as it was', () => {
    const good = project({ 'test.yaml': toYaml(baseConfig()) });
    expect(run(['--out', 'cdktf.out', '--quiet'], good).status).toBe(0);
    const before = snapshot(join(good, 'cdktf.out'));
    const mtime = statSync(join(good, 'cdktf.out', 'stacks', 'test-organization', 'cdk.tf.json')).mtimeMs;
    const broken: any = baseConfig();
    broken.organization.accounts.prod.email = 'not-an-email';
    writeFileSync(join(good, 'environments', 'test.yaml'), toYaml(broken));
    expect(run(['--out', 'cdktf.out', '--quiet'], good).status).toBe(1);
    expect(snapshot(join(good, 'cdktf.out'))).toEqual(before);
    expect(statSync(join(good, 'cdktf.out', 'stacks', 'test-organization', 'cdk.tf.json')).mtimeMs).toBe(mtime);
  });

  test('a run that fails during synth (not validation) also leaves the earlier output as it was', () => {
    const good = project({ 'test.yaml': toYaml(baseConfig()) });
    expect(run(['--out', 'cdktf.out', '--quiet'], good).status).toBe(0);
    const before = snapshot(join(good, 'cdktf.out'));
    // Two policies that become one attachment name; whichever stage catches it, nothing is written.
    const clash: any = baseConfig();
    clash.identityCenter.permissionSets = { Viewer: { managedPolicies: ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess', 'arn:aws:iam::aws:policy/ViewOnlyAccess'] } };
    writeFileSync(join(good, 'environments', 'test.yaml'), toYaml(clash));
    const result = run(['--out', 'cdktf.out', '--quiet'], good);
    expect(result.status).not.toBe(0);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(join(good, 'cdktf.out'))).toEqual(before);
  });
});

describe('across environments', () => {
  test('two environments creating an account with one email is an error at the second', () => {
    const dir = project({ 'dev.yaml': toYaml(baseConfig()), 'staging.yaml': toYaml(baseConfig()) });
    const result = run(['--quiet', '--out', 'cdktf.out'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/environments\/staging\.yaml:\d+:\d+ {2}organization\.accounts\.prod\.email\n {4}environment "dev" \(environments\/dev\.yaml\) already creates an account with the email aws-prod@example\.com/);
    expect(result.stderr).toMatch(/environments\/staging\.yaml:\d+:\d+ {2}organization\.accounts\.management\.id\n {4}environment "dev" \(environments\/dev\.yaml\) also names 111111111111 as its management account/);
    expect(existsSync(join(dir, 'cdktf.out'))).toBe(false);
  });

  test('one management account in two environments is accepted when one of them says so', () => {
    const staging: any = baseConfig();
    staging.organization.sharesManagementAccountWith = ['dev'];
    for (const account of Object.values<any>(staging.organization.accounts)) if (account.email) account.email = account.email.replace('@', '-staging@');
    const dir = project({ 'dev.yaml': toYaml(baseConfig()), 'staging.yaml': toYaml(staging) });
    const result = run(['--quiet', '--out', 'cdktf.out'], dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('the command line of main.ts', () => {
  const dir = project({ 'test.yaml': toYaml(baseConfig()) });

  test.each([['--help'], ['-h']])('%s prints the usage with every option and exits 0, writing nothing', (flag) => {
    const result = run([flag, '--out', 'cdktf.out'], dir);
    expect(result.status).toBe(0);
    for (const option of ['--environments DIR', '--env NAME', '--out DIR', '-q, --quiet', '-h, --help', '--version']) expect(result.stdout).toContain(option);
    expect(result.stdout).toMatch(/^usage: node dist\/main\.js \[options\]/);
    expect(existsSync(join(dir, 'cdktf.out'))).toBe(false);
  });

  test('--version prints the project version from package.json', () => {
    const { version } = JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'package.json'), 'utf8'));
    expect(run(['--version'], dir)).toMatchObject({ status: 0, stdout: `aws-identity-foundation ${version}\n` });
  });

  test('an unknown option exits 2 with the problem and the usage, no stack trace', () => {
    const result = run(['--bogus'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^Unknown option '--bogus'\n\nusage: node dist\/main\.js/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test('a warning is printed and the run still succeeds', () => {
    const config: any = baseConfig();
    config.identityCenter.groups['Platform Admin'] = {};
    const warned = project({ 'test.yaml': toYaml(config) });
    const result = run(['--quiet', '--out', 'cdktf.out'], warned);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^environments\/test\.yaml has 1 warning:\n {2}environments\/test\.yaml:\d+:\d+ {2}identityCenter\.groups\.Platform Admin\n {4}group "Platform Admin" has no members/);
  });
});

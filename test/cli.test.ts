/** The main job run as a user runs it: `node dist/main.js` in a child process (`npm test` builds dist first). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { baseConfig, toYaml } from './helpers/environment';

const ROOT = resolve(__dirname, '..');
const MAIN = join(ROOT, 'dist', 'main.js');

function run(args: string[], cwd = ROOT) {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
  const result = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function workspace(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'foundation-cli-'));
  mkdirSync(join(dir, 'environments'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'environments', name), text);
  return dir;
}

describe('the main job on the bundled environments', () => {
  const out = mkdtempSync(join(tmpdir(), 'foundation-out-'));
  const result = run(['--out', out]);

  test('succeeds and prints a summary line per stack', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^ {2}dev-organization +\d+ resources +3 OUs, 3 accounts \(2 created\), 2 SCPs, centralized root access$/m);
    expect(result.stdout).toMatch(/^ {2}prod-identity-center +\d+ resources +5 permission sets, 3 users, 4 groups, 4 memberships, \d+ assignments, 1 customer managed policy in 6 accounts$/m);
  });

  test('writes a cdk.tf.json per stack', () => {
    for (const stack of ['dev-organization', 'dev-identity-center', 'prod-organization', 'prod-identity-center']) {
      expect(existsSync(join(out, 'stacks', stack, 'cdk.tf.json'))).toBe(true);
    }
  });

  test('prints the MFA manual step and writes it as a checklist with console path and verification', () => {
    expect(result.stdout).toContain('[IC-MFA] Set the MFA requirement of IAM Identity Center: Prompt users for MFA: Every time they sign in (always-on)');
    const checklist = readFileSync(join(out, 'environments', 'prod', 'MANUAL-STEPS.md'), 'utf8');
    expect(checklist).toContain('## [ ] IC-MFA: Set the MFA requirement of IAM Identity Center');
    expect(checklist).toContain('Where: IAM Identity Center console (eu-west-1) → Settings → Authentication → Multi-factor authentication → Configure');
    expect(checklist).toContain('- If a user does not yet have a registered MFA device: Require them to register an MFA device at sign in');
    expect(checklist).toMatch(/Verify:\n- Open the same page/);
  });

  test('the prod organization stack protects accounts and trusts Identity Center and IAM', () => {
    const json = JSON.parse(readFileSync(join(out, 'stacks', 'prod-organization', 'cdk.tf.json'), 'utf8'));
    const org = json.resource.aws_organizations_organization.organization;
    expect(org.aws_service_access_principals).toEqual(expect.arrayContaining(['sso.amazonaws.com', 'iam.amazonaws.com']));
    for (const account of Object.values<any>(json.resource.aws_organizations_account)) {
      expect(account.close_on_deletion).toBe(false);
      expect(account.lifecycle.prevent_destroy).toBe(true);
    }
  });
});

describe('bad input, run as a user would', () => {
  test('a dangling reference exits 1 with file, line, path and fix, no stack trace, and writes nothing', () => {
    const config: any = baseConfig();
    config.identityCenter.assignments[0].permissionSets = ['Admn'];
    const dir = workspace({ 'prod.yaml': toYaml(config) });
    const result = run(['--out', 'cdktf.out'], dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^environments\/prod\.yaml has 1 issue:\n {2}environments\/prod\.yaml:\d+:\d+ {2}identityCenter\.assignments\[0\]\.permissionSets\[0\]\n {4}permission set "Admn" is not defined \(did you mean "Admin"\?\)\n {4}fix: /);
    expect(result.stderr).toContain('Nothing was synthesized.');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'cdktf.out'))).toBe(false);
  });

  test('problems in several files are all reported, and a good file is not synthesized alone', () => {
    const bad: any = baseConfig();
    bad.organization.accounts.audit.id = '12345';
    const dir = workspace({ 'dev.yaml': toYaml(baseConfig()), 'prod.yaml': toYaml(bad), 'stage.yaml': 'region: [eu-west-1\n' });
    const result = run(['--out', 'cdktf.out'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('environments/prod.yaml has 1 issue:');
    expect(result.stderr).toContain('must be exactly 12 digits');
    expect(result.stderr).toContain('environments/stage.yaml has 1 issue:');
    expect(result.stderr).toContain('unreadable YAML');
    expect(existsSync(join(dir, 'cdktf.out'))).toBe(false);
  });

  test.each([
    ['an unknown key', (c: any) => (c.identityCenter.permisionSets = {}), 'unknown key "permisionSets" (did you mean "permissionSets"?)'],
    ['an invalid email', (c: any) => (c.organization.accounts.prod.email = 'prod-at-example.com'), 'must be an email address'],
    ['a duplicate account email', (c: any) => (c.organization.accounts.dev.email = 'aws-prod@example.com'), 'same email as account "prod"'],
    ['a bad permission set name', (c: any) => (c.identityCenter.permissionSets = { 'Read Only': {} }), 'permission set name "Read Only" breaks AWS\'s rules'],
    ['a session duration over 12 hours', (c: any) => (c.identityCenter.permissionSets = { Ops: { sessionDuration: 'PT24H' } }), 'from PT1H to PT12H'],
    ['invalid policy JSON', (c: any) => (c.identityCenter.permissionSets = { Ops: { inlinePolicy: '{not json' } }), 'the inline policy is not valid JSON'],
    ['an undefined OU target', (c: any) => (c.identityCenter.assignments[0] = { group: 'Platform Admins', permissionSets: ['Admin'], organizationalUnits: ['Sandbox'] }), 'OU "Sandbox" is not defined'],
  ])('%s exits 1 with its message', (_name, change, message) => {
    const config: any = baseConfig();
    change(config);
    const result = run(['--out', 'cdktf.out'], workspace({ 'prod.yaml': toYaml(config) }));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toMatch(/environments\/prod\.yaml:\d+:\d+ {2}\S/);
  });

  test('an unknown environment name lists the ones there are', () => {
    const result = run(['--env', 'staging', '--out', join(mkdtempSync(join(tmpdir(), 'o-')), 'x')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no environment "staging"');
    expect(result.stderr).toContain('use one of: dev, prod');
  });

  test('an unknown flag is a usage error, not a crash', () => {
    const result = run(['--enviroment', 'prod']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: node dist/main.js');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

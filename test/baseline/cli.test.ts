/** The baseline as a user meets it: `node dist/main.js` in a child process (`npm test` builds dist first). */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { baselineSchema } from '../../config/baseline-schema';
import { baselineConfig, baselineOf } from '../helpers/baseline';
import { toYaml, type Yamlish } from '../helpers/environment';
import { realActions } from '../helpers/iam-actions';
import { readmeBlockAfter } from '../helpers/readme-examples';

const ROOT = resolve(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'main.js');

function run(args: string[], cwd = ROOT) {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
  const result = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A project copy: environments/<files> and the bundled policies/ (scp/, customer-managed/), plus any SCP files given. */
function workspace(environments: Record<string, string>, policies: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'baseline-cli-'));
  mkdirSync(join(dir, 'environments'));
  for (const folder of readdirSync(join(ROOT, 'policies'))) {
    mkdirSync(join(dir, 'policies', folder), { recursive: true });
    for (const file of readdirSync(join(ROOT, 'policies', folder))) copyFileSync(join(ROOT, 'policies', folder, file), join(dir, 'policies', folder, file));
  }
  for (const [name, text] of Object.entries(environments)) writeFileSync(join(dir, 'environments', name), text);
  for (const [name, text] of Object.entries(policies)) writeFileSync(join(dir, 'policies', 'scp', name), text);
  return dir;
}


describe('the README main command with the bundled baselines', () => {
  const out = mkdtempSync(join(tmpdir(), 'baseline-out-'));
  const result = run(['--out', out]);

  test('synthesizes a baseline stack per environment and prints a line per control', () => {
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^ {2}prod-baseline +\d+ resources +3 accounts, 1 IAM user \(break-glass\), \d+ Config rules \(existing recorder\)$/m);
    expect(result.stdout).toMatch(/^ {2}dev-baseline +\d+ resources +1 account, 1 IAM user, no Config rules$/m);
    expect(result.stdout).toContain('    [ROOT-MFA] Enable MFA on the root user: ');
    expect(existsSync(join(out, 'stacks', 'prod-baseline', 'cdk.tf.json'))).toBe(true);
  });

  test('writes the checklist of controls beside the stacks', () => {
    const prod = readFileSync(join(out, 'environments', 'prod', 'MANUAL-STEPS.md'), 'utf8');
    for (const id of ['MEMBER-ACCESS-ROLE', 'ACCOUNT-SETUP', 'ROOT-CREDENTIALS', 'ROOT-MFA', 'ROOT-NO-ACCESS-KEYS', 'ROOT-MEMBER-CREDENTIALS', 'IC-ENABLE', 'IC-MFA', 'IAM-USER-FIRST-SIGNIN', 'IAM-USER-MFA', 'BREAK-GLASS']) {
      expect(prod).toContain(`## [ ] ${id}: `);
    }
    expect(prod).toContain('AWS Config: MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS, IAM_USER_MFA_ENABLED checks this continuously in management, log-archive, security-tooling (the existing configuration recorder)');
    const dev = readFileSync(join(out, 'environments', 'dev', 'MANUAL-STEPS.md'), 'utf8');
    expect(dev).toContain('## [ ] IAM-CONSOLE-PASSWORD: Set the console password of IAM users without a PGP key');
  });
});

describe('bad baseline input, run as a user would', () => {
  const withChange = (mutate: (baseline: any) => void): Yamlish => {
    const config = baselineConfig();
    mutate(baselineOf(config));
    return config;
  };
  const bigScp = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: realActions('ec2', 250), Resource: '*' }] });

  test.each([
    ['an alias outside AWS\'s rules', (b: any) => (b.accounts.prod.alias = 'Prod_Account'), {}, 'baseline.accounts.prod.alias', 'account alias "Prod_Account" breaks AWS\'s rules'],
    ['a password policy below CIS without a reason', (b: any) => (b.passwordPolicy = { minimumPasswordLength: 8 }), {}, 'baseline.passwordPolicy', 'below the CIS AWS Foundations floor'],
    ['an IAM user without an owner tag', (b: any) => (b.iamUsers['IAM-Administrator'].tags = {}), {}, 'baseline.iamUsers.IAM-Administrator.tags', 'has no Owner tag'],
    ['an SCP file that is not JSON', (b: any) => (b.serviceControlPolicies['deny-root-user'].file = '../policies/scp/broken.json'), { 'broken.json': '{ "Version": "2012-10-17", ' }, 'baseline.serviceControlPolicies.deny-root-user.file', 'policies/scp/broken.json:1:28 is not valid JSON'],
    ['an SCP over 5,120 characters', (b: any) => (b.serviceControlPolicies['deny-root-user'].file = '../policies/scp/big.json'), { 'big.json': bigScp }, 'baseline.serviceControlPolicies.deny-root-user.file', 'characters as compact JSON (what is sent); AWS Organizations allows 5120'],
    ['an SCP that denies the deployment role', (b: any) => (b.serviceControlPolicies['deny-root-user'].file = '../policies/scp/deny-iam.json'), { 'deny-iam.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }] }) }, 'baseline.serviceControlPolicies.deny-root-user.file', 'including the deployment role OrganizationAccountAccessRole'],
  ])('%s exits 1 with file, line, path and fix, and writes nothing', (_name, change, policies, path, message) => {
    const dir = workspace({ 'prod.yaml': toYaml(withChange(change)) }, policies);
    const result = run(['--out', 'cdktf.out'], dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^environments/prod\\.yaml has 1 issue:\\n {2}environments/prod\\.yaml:\\d+:\\d+ {2}${path.replace(/[.[\]]/g, '\\$&')}\\n {4}.*\\n {4}fix: `));
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Nothing was synthesized.');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'cdktf.out'))).toBe(false);
  });
});

describe('README: account security baseline', () => {
  test('the baseline example is a valid baseline section', () => {
    expect(baselineSchema.safeParse(parse(readmeBlockAfter('## Account security baseline')).baseline).success).toBe(true);
  });

  test('the SCP error example is what a broken copy of prod.yaml and its policies prints', () => {
    const prod = readFileSync(join(ROOT, 'environments', 'prod.yaml'), 'utf8').replace('alias: example-corp-log-archive', 'alias: Example-Corp-Log-Archive');
    const leave = readFileSync(join(ROOT, 'policies', 'scp', 'deny-leave-organization.json'), 'utf8').replace('"Action": "organizations:LeaveOrganization",', '"Action": ["organizations:LeaveOrganization", "iam:CreateUser"],');
    const result = run([], workspace({ 'prod.yaml': prod }, { 'deny-leave-organization.json': leave }));
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(readmeBlockAfter('JSON file\'s own line and the statement:'));
  });
});

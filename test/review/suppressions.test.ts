/**
 * One rule catalogue, one set of suppressions: a config's `suppressions:` entry that accepts a
 * finding at synth also silences the review's finding of the same rule on the same target, with a
 * note of the file and line that suppresses it; the same rule on any other target is still flagged.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkEnvironment } from '../../rules/synth';
import { main } from '../../review/cli';
import { EXIT_CODES } from '../../review/exit-codes';
import { securityRulesFile } from '../../synth/security-rules';
import { baseConfig, model, toYaml, type Yamlish } from '../helpers/environment';
import { writePlan, type Planned, type State } from './plan-builder';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6';
const READ_ONLY = 'arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-00000000000000e1';
const JANE = '9067a1b2c3-99999999-2222-3333-4444-555555555555';
const PROD = '444444444444';
const DEV = '555555555555';
const TARGET = 'jane.doe@example.com / ReadOnly / prod';

/** The dev environment with a user assignment that the config accepts, synthesized into a --synth-dir. */
function synthDir(): { dir: string; line: number; file: string } {
  const config: Yamlish = baseConfig();
  (config.identityCenter as Yamlish).permissionSets = { ReadOnly: { description: 'Read everything', managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } };
  (config.identityCenter as Yamlish).assignments = [
    { group: 'Platform Admins', permissionSets: ['Admin'], accounts: ['prod'] },
    { user: 'jane.doe@example.com', permissionSets: ['ReadOnly'], accounts: ['prod', 'dev'] },
  ];
  config.suppressions = [{ rule: 'RISK-GRANT-TO-USER', target: TARGET, reason: 'on-call reads prod logs without a group of one' }];
  const dir = mkdtempSync(join(tmpdir(), 'review-suppressions-'));
  const file = join(dir, 'dev.yaml');
  const text = toYaml(config);
  writeFileSync(file, text);
  const environment = model(text, file);
  const check = checkEnvironment(environment);
  // At synth: the prod grant is suppressed, the dev one is not (a warning).
  expect(check.findings.map((finding) => [finding.ruleId, finding.target, finding.suppressed])).toEqual([
    ['RISK-GRANT-TO-USER', TARGET, 'on-call reads prod logs without a group of one'],
    ['RISK-GRANT-TO-USER', 'jane.doe@example.com / ReadOnly / dev', undefined],
  ]);
  const out = join(dir, 'cdktf.out');
  mkdirSync(join(out, 'stacks'), { recursive: true });
  mkdirSync(join(out, 'environments', 'dev'), { recursive: true });
  writeFileSync(join(out, 'environments', 'dev', 'security-rules.json'), securityRulesFile(environment, check));
  return { dir: out, line: text.split('\n').findIndex((row) => row.includes('rule: RISK-GRANT-TO-USER')) + 1, file };
}

/** Jane, the ReadOnly set and the organization stack's account IDs, as prior_state has them. */
const PRIOR: State[] = [
  { type: 'aws_ssoadmin_permission_set', name: 'readonly', values: { arn: READ_ONLY, name: 'ReadOnly', instance_arn: INSTANCE, session_duration: 'PT1H' } },
  { type: 'aws_identitystore_user', name: 'jane', values: { user_id: JANE, user_name: 'jane.doe@example.com', display_name: 'Jane Doe', identity_store_id: 'd-9067a1b2c3' } },
  { type: 'terraform_remote_state', name: 'organization', mode: 'data', values: { backend: 'local', outputs: { account_ids: { prod: PROD, dev: DEV } } } },
];

const grant = (name: string, account: string): Planned => ({
  type: 'aws_ssoadmin_account_assignment',
  name,
  actions: ['create'],
  after: { instance_arn: INSTANCE, permission_set_arn: READ_ONLY, principal_id: JANE, principal_type: 'USER', target_id: account, target_type: 'AWS_ACCOUNT', timeouts: null },
  afterUnknown: { id: true },
});

async function review(args: string[], plan: string) {
  const out = mkdtempSync(join(tmpdir(), 'review-suppressions-out-'));
  const stderr: string[] = [];
  const code = await main(['--markdown', join(out, 'review.md'), '--json', join(out, 'review.json'), '--management-account-id', '111111111111', ...args, plan], {
    stdout: () => undefined,
    stderr: (text) => void stderr.push(text),
  });
  if (code === EXIT_CODES.usage || code === EXIT_CODES.unreadableInput) throw new Error(stderr.join(""));
  return { code, markdown: readFileSync(join(out, 'review.md'), 'utf8'), json: JSON.parse(readFileSync(join(out, 'review.json'), 'utf8')), stderr: stderr.join('') };
}

describe('a suppression of the config applies at synth and in the review', () => {
  const synth = synthDir();

  test('the synth records where each suppression is', () => {
    const written = JSON.parse(readFileSync(join(synth.dir, 'environments', 'dev', 'security-rules.json'), 'utf8'));
    expect(written.findings[0]).toEqual(expect.objectContaining({ target: TARGET, suppressedAt: `${synth.file}:${synth.line}` }));
    expect(written.findings[1].suppressedAt).toBeUndefined();
  });

  test('the same rule on the same target is silent, with the suppression named; the plan passes', async () => {
    const plan = writePlan('project', [grant('user_jane__readonly__prod', PROD)], { prior: PRIOR, stack: 'dev-identity-center' });
    const result = await review(['--synth-dir', synth.dir], plan);
    expect(result.code).toBe(EXIT_CODES.noRisk);
    expect(result.json.findings).toEqual([]);
    expect(result.json.suppressed).toEqual([
      expect.objectContaining({ ruleId: 'RISK-GRANT-TO-USER', target: TARGET, suppressedBy: `${synth.file}:${synth.line}`, suppression: 'on-call reads prod logs without a group of one' }),
    ]);
    expect(result.markdown).toContain('**✅ No risk flags.**');
    expect(result.stderr).toBe('review: 1 stack, no risk flags (1 suppressed by the config)\n');
    expect(result.markdown).toContain(`suppressed by \`${synth.file}:${synth.line}\`: on-call reads prod logs without a group of one`);
  });

  test('the same rule on another target is still flagged', async () => {
    const plan = writePlan('project', [grant('user_jane__readonly__prod', PROD), grant('user_jane__readonly__dev', DEV)], { prior: PRIOR, stack: 'dev-identity-center' });
    const result = await review(['--synth-dir', synth.dir], plan);
    expect(result.code).toBe(EXIT_CODES.approvalNeeded);
    expect(result.json.findings.map((finding: { ruleId: string; target?: string }) => [finding.ruleId, finding.target])).toEqual([['RISK-GRANT-TO-USER', 'jane.doe@example.com / ReadOnly / dev']]);
    expect(result.json.suppressed).toHaveLength(1);
  });

  test('another environment, or no --synth-dir, suppresses nothing', async () => {
    const prodPlan = writePlan('project', [grant('user_jane__readonly__prod', PROD)], { prior: PRIOR, stack: 'prod-identity-center' });
    expect((await review(['--synth-dir', synth.dir], prodPlan)).code).toBe(EXIT_CODES.approvalNeeded);
    const devPlan = writePlan('project', [grant('user_jane__readonly__prod', PROD)], { prior: PRIOR, stack: 'dev-identity-center' });
    const bare = await review([], devPlan);
    expect(bare.code).toBe(EXIT_CODES.approvalNeeded);
    expect(bare.json.findings.map((finding: { target?: string }) => finding.target)).toEqual([TARGET]);
  });

  test('a grant whose account the plan does not name by its config key is never suppressed', async () => {
    const prior = PRIOR.filter((state) => state.type !== 'terraform_remote_state');
    const plan = writePlan('project', [grant('user_jane__readonly__prod', PROD)], { prior, stack: 'dev-identity-center' });
    const result = await review(['--synth-dir', synth.dir], plan);
    expect(result.code).toBe(EXIT_CODES.approvalNeeded);
    expect(result.json.findings[0].target).toBeUndefined();
  });
});

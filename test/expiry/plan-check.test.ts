/**
 * The expiry workflow's gate (review/expiry): plans in `terraform show -json` shape (test/review/plan-builder.ts,
 * read by the review's own reader), and the synth's real expiry.json.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { NOW_VARIABLE } from '../../config/expiry';
import { expiryFile } from '../../model/expiry';
import { expiryCheck } from '../../review/expiry/cli';
import { judgeExpiryPlans } from '../../review/expiry/plan-check';
import { readPlan } from '../../review/plan/read-plan';
import { readSynthFacts } from '../../review/synth/read-synth';
import { synthesize } from '../../synth/synthesize';
import { model, withChange } from '../helpers/environment';
import { planJson, plannedPlan, type Planned } from '../review/plan-builder';

const ASSIGNMENT = 'aws_ssoadmin_account_assignment';
const EXPIRED = 'group_platform_admins__readonly__prod';
/** An account assignment in state; its id is the import ID the provider documents: principal_id,principal_type,target_id,target_type,permission_set_arn,instance_arn (website/docs/r/ssoadmin_account_assignment.html.markdown, "Import"). */
const assignmentState = (target: string) => ({
  id: `g-1234,GROUP,${target},AWS_ACCOUNT,arn:aws:sso:::permissionSet/ssoins-1/ps-1,arn:aws:sso:::instance/ssoins-1`,
  instance_arn: 'arn:aws:sso:::instance/ssoins-1',
  permission_set_arn: 'arn:aws:sso:::permissionSet/ssoins-1/ps-1',
  principal_id: 'g-1234',
  principal_type: 'GROUP',
  target_id: target,
  target_type: 'AWS_ACCOUNT',
});
const deleted = (name: string): Planned => ({ type: ASSIGNMENT, name, actions: ['delete'], before: assignmentState('123456789012') });

let saved: string | undefined;
beforeAll(() => {
  saved = process.env[NOW_VARIABLE];
  process.env[NOW_VARIABLE] = '2026-12-02T02:00:00Z';
});
afterAll(() => {
  if (saved === undefined) delete process.env[NOW_VARIABLE];
  else process.env[NOW_VARIABLE] = saved;
});

const timed = () =>
  model(
    withChange((c) => {
      c.identityCenter.permissionSets = { ReadOnly: { managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } };
      c.identityCenter.assignments = [
        { group: 'Platform Admins', permissionSets: ['ReadOnly'], accounts: ['prod'], expires: '2026-12-01', reason: 'INC-4711: database migration on-call' },
        { group: 'Platform Admins', permissionSets: ['ReadOnly'], accounts: ['dev'] },
      ];
    }),
  );
const expired = () => expiryFile(timed()).expired;

describe('judgeExpiryPlans', () => {
  test('a plan that only deletes the expired grant is applied', () => {
    const verdict = judgeExpiryPlans([plannedPlan('project', [deleted(EXPIRED)], { stack: 'test-identity-center' })], expired());
    expect(verdict.apply).toBe(true);
    expect(verdict.removals.map((r) => [r.stack, r.entry.address])).toEqual([['test-identity-center', `${ASSIGNMENT}.${EXPIRED}`]]);
  });

  test('unchanged resources (no-op) and data reads do not block', () => {
    const plan = plannedPlan('project', [deleted(EXPIRED), { type: ASSIGNMENT, name: 'group_platform_admins__readonly__dev', actions: ['no-op'], before: assignmentState('210987654321') }]);
    expect(judgeExpiryPlans([plan], expired()).apply).toBe(true);
  });

  test('the deletion of a grant that has not expired blocks, naming it', () => {
    const verdict = judgeExpiryPlans([plannedPlan('project', [deleted(EXPIRED), deleted('group_platform_admins__readonly__dev')], { stack: 'test-identity-center' })], expired());
    expect(verdict.apply).toBe(false);
    expect(verdict.blockers).toEqual([`test-identity-center: ${ASSIGNMENT}.group_platform_admins__readonly__dev is deleted but is not an expired grant in expiry.json`]);
  });

  test('a create, an update, a replace or a deletion of anything else blocks', () => {
    for (const other of [
      { type: ASSIGNMENT, name: 'group_x__admin__prod', actions: ['create'], after: assignmentState('123456789012') },
      { type: 'aws_ssoadmin_permission_set', name: 'readonly', actions: ['update'], before: { session_duration: 'PT1H' }, after: { session_duration: 'PT8H' } },
      { type: ASSIGNMENT, name: EXPIRED, actions: ['delete', 'create'], before: assignmentState('123456789012'), after: assignmentState('123456789012') },
      { type: 'aws_iam_policy', name: 'prod__boundary', actions: ['delete'], before: { name: 'boundary' } },
    ] satisfies Planned[]) {
      const verdict = judgeExpiryPlans([plannedPlan('project', other.name === EXPIRED ? [other] : [deleted(EXPIRED), other])], expired());
      expect([other.actions.join(','), verdict.apply, verdict.blockers.length]).toEqual([other.actions.join(','), false, 1]);
    }
  });

  test('an import, an incomplete plan or deferred changes block', () => {
    const imported = plannedPlan('project', [deleted(EXPIRED), { type: 'aws_organizations_account', name: 'prod', actions: ['no-op'], after: { name: 'Prod' }, importing: { id: '123456789012' } }]);
    expect(judgeExpiryPlans([imported], expired()).blockers).toEqual([expect.stringContaining('aws_organizations_account.prod is imported')]);
    const incomplete = plannedPlan('project', [deleted(EXPIRED)], { top: { complete: false } });
    expect(judgeExpiryPlans([incomplete], expired()).apply).toBe(false);
  });

  test("another tool's module address of the same name is not this project's grant", () => {
    expect(judgeExpiryPlans([plannedPlan('foreign', [deleted(EXPIRED)])], expired()).apply).toBe(false);
  });

  test('plans without changes: nothing to apply and nothing to report', () => {
    expect(judgeExpiryPlans([plannedPlan('project', [])], expired())).toEqual({ apply: false, removals: [], blockers: [] });
  });
});

describe('expiryCheck over a synth output directory', () => {
  const setUp = (resources: readonly Planned[]) => {
    const out = mkdtempSync(join(tmpdir(), 'expiry-check-'));
    synthesize([timed()], out);
    mkdirSync(join(out, 'stacks', 'test-identity-center'), { recursive: true });
    writeFileSync(join(out, 'stacks', 'test-identity-center', 'plan.json'), planJson('project', resources));
    writeFileSync(join(out, 'planned-stacks.txt'), 'test-organization\ntest-identity-center\n');
    writeFileSync(join(out, 'stacks', 'test-organization', 'plan.json'), planJson('project', []));
    return out;
  };

  test('the synth writes expiry.json with the dropped grant, and the gate applies a plan that only removes it', () => {
    const out = setUp([deleted(EXPIRED)]);
    const written = JSON.parse(readFileSync(join(out, 'environments', 'test', 'expiry.json'), 'utf8'));
    expect(written.expired.map((entry: { address: string }) => entry.address)).toEqual([`${ASSIGNMENT}.${EXPIRED}`]);
    expect(readPlan(join(out, 'stacks', 'test-identity-center', 'plan.json')).changes).toHaveLength(1);
    // What the plan review reads from the same file (--synth-dir).
    expect(readSynthFacts(out).expiry.get('test')).toEqual({ requireExpiryFor: 'none', temporary: new Set() });
    const result = expiryCheck(out);
    expect(result.verdict).toBe('apply');
    expect(result.body).toContain('group Platform Admins / ReadOnly / prod: was granted through 2026-12-01 (UTC) (INC-4711: database migration on-call)');
  });

  test('anything else: blocked, with the issue body naming the change', () => {
    const out = setUp([deleted(EXPIRED), { type: 'aws_ssoadmin_permission_set', name: 'readonly', actions: ['update'], before: { session_duration: 'PT1H' }, after: { session_duration: 'PT8H' } }]);
    const result = expiryCheck(out);
    expect(result.verdict).toBe('blocked');
    expect(result.body).toContain("- test-identity-center: aws_ssoadmin_permission_set.readonly is not an expired grant's deletion: update (actions update)");
    expect(readFileSync(join(out, 'expiry-verdict.md'), 'utf8')).toBe(result.body);
  });
});

describe('the gate on a plan real Terraform wrote', () => {
  // test/fixtures/plans/real/roundtrip/revoke-update-delete.json: `terraform show -json` from the round trip
  // (test/roundtrip/converge.test.ts) that removes two of dev's grants, deletes the Auditor set and updates Developer.
  const REAL = join(__dirname, '..', 'fixtures', 'plans', 'real', 'roundtrip', 'revoke-update-delete.json');
  /** dev as that round trip had it before: the Auditor grant of its first round, and both removed grants expired. */
  const devWithExpiredGrants = () => {
    const file = join(__dirname, '..', '..', 'environments', 'dev.yaml');
    const config = parse(readFileSync(file, 'utf8'));
    config.identityCenter.permissionSets.Auditor = { description: 'Security audit, read only', sessionDuration: 'PT2H', managedPolicies: ['arn:aws:iam::aws:policy/SecurityAudit'] };
    config.identityCenter.assignments.push({ group: 'Developers', permissionSets: ['Auditor'], organizationalUnits: ['Workloads'], expires: '2026-11-30', reason: 'AUD-12: the November audit' });
    Object.assign(config.identityCenter.assignments.find((assignment: { user?: string }) => assignment.user === 'dev.contractor'), { expires: '2026-11-30', reason: 'CHG-1042: contractor engagement ends with November' });
    return model(stringify(config), 'environments/dev.yaml');
  };

  test('recognizes the expired grants it deletes, and refuses it for the set it deletes and the one it updates', () => {
    const expiredGrants = expiryFile(devWithExpiredGrants()).expired;
    expect(expiredGrants.map((entry) => entry.address).sort()).toEqual([`${ASSIGNMENT}.group_developers__auditor__dev-workloads`, `${ASSIGNMENT}.user_dev_contractor__poweruser__dev-workloads`]);
    const verdict = judgeExpiryPlans([readPlan(REAL, { stack: 'dev-identity-center' })], expiredGrants);
    expect(verdict.removals.map((removal) => removal.entry.address).sort()).toEqual(expiredGrants.map((entry) => entry.address).sort());
    expect(verdict.apply).toBe(false);
    expect(verdict.blockers).toEqual([
      "dev-identity-center: aws_ssoadmin_managed_policy_attachment.auditor__securityaudit is not an expired grant's deletion: destroy (actions delete)",
      "dev-identity-center: aws_ssoadmin_permission_set.auditor is not an expired grant's deletion: destroy (actions delete)",
      "dev-identity-center: aws_ssoadmin_permission_set.developer is not an expired grant's deletion: update (actions update)",
    ]);
  });

  test("applies the round trip's plan that removes only the grants whose expires: passed", () => {
    // expired-grant.json: the same round trip, after its revocation round, with Developers' Developer grant given expires: 2026-12-01.
    const file = join(__dirname, '..', '..', 'environments', 'dev.yaml');
    const config = parse(readFileSync(file, 'utf8'));
    config.organization.accounts = Object.fromEntries(Object.entries(config.organization.accounts).map(([key, value]) => [key === 'sandbox-alice' ? 'sandbox-a' : key, value]));
    config.renames = { accounts: { 'sandbox-alice': 'sandbox-a' } };
    Object.assign(config.identityCenter.assignments.find((assignment: { group?: string; permissionSets: string[] }) => assignment.group === 'Developers' && assignment.permissionSets.includes('Developer')), { expires: '2026-12-01', reason: 'CHG-2040: the Developers pilot ends with November' });
    const expiredGrants = expiryFile(model(stringify(config), 'environments/dev.yaml')).expired;
    const plan = readPlan(join(__dirname, '..', 'fixtures', 'plans', 'real', 'roundtrip', 'expired-grant.json'), { stack: 'dev-identity-center' });
    const verdict = judgeExpiryPlans([plan], expiredGrants);
    expect(verdict).toMatchObject({ apply: true, blockers: [] });
    expect(verdict.removals.map((removal) => removal.entry.address).sort()).toEqual([`${ASSIGNMENT}.group_developers__developer__dev-workloads`, `${ASSIGNMENT}.group_developers__developer__sandbox-a`]);
  });

  test('without expiry.json entries, its assignment deletions block too', () => {
    const verdict = judgeExpiryPlans([readPlan(REAL, { stack: 'dev-identity-center' })], []);
    expect(verdict.removals).toEqual([]);
    expect(verdict.blockers).toContain(`dev-identity-center: ${ASSIGNMENT}.user_dev_contractor__poweruser__dev-workloads is deleted but is not an expired grant in expiry.json`);
  });
});

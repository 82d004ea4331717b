/**
 * The plan review on plans real Terraform wrote (`terraform show -json`), not hand-written ones:
 * test/fixtures/plans/real/ holds the first plans of the bundled and hostile environments from an empty
 * state, made by test/terraform/validate-and-plan.test.ts against the local stand-in and regenerated
 * with `npm run fixtures:plans`.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvironments } from '../../config/load';
import { readPlan } from '../../review/plan/read-plan';
import { renderMarkdown } from '../../review/render/markdown';
import { reviewPlans } from '../../review/review';
import { readSynthDir, readSynthFacts } from '../../review/synth/read-synth';
import { synthesize } from '../../synth/synthesize';

const REAL = join(__dirname, '..', 'fixtures', 'plans', 'real');
const plansOf = (environment: string) =>
  readdirSync(REAL)
    .filter((file) => file.startsWith(`${environment}-`))
    .sort()
    .map((file) => readPlan(join(REAL, file)));

const out = mkdtempSync(join(tmpdir(), 'real-plans-'));
synthesize(loadEnvironments(join(__dirname, '..', '..', 'environments')), out);
const synth = readSynthDir(out);
// As the CLI takes them with --synth-dir: the account the config marks management: true, among others.
const { managementAccountIds } = readSynthFacts(out);

describe("dev's first plan, as Terraform wrote it", () => {
  const review = reviewPlans({ plans: plansOf('dev'), synth, managementAccountIds });
  const flags = review.findings.map((finding) => `${finding.ruleId} ${finding.address}`).sort();

  test('creates every resource of every stack and changes nothing else', () => {
    expect(review.stacks.map((stack) => [stack.stack, stack.counts.create, stack.counts.update + stack.counts.replace + stack.counts.destroy + stack.counts.import])).toEqual([
      ['dev-baseline', 10, 0],
      ['dev-identity-center', 20, 0],
      ['dev-organization', 11, 0],
    ]);
  });

  test('flags the administrator grants, the grant on the management account and the grant to a user, and nothing else', () => {
    expect(flags).toEqual([
      'RISK-ADMIN-GRANTED aws_ssoadmin_account_assignment.group_platform_admins__admin__dev-workloads',
      'RISK-ADMIN-GRANTED aws_ssoadmin_account_assignment.group_platform_admins__admin__management',
      'RISK-ADMIN-GRANTED aws_ssoadmin_account_assignment.group_platform_admins__admin__sandbox-alice',
      'RISK-GRANT-ON-MANAGEMENT aws_ssoadmin_account_assignment.group_platform_admins__admin__management',
      'RISK-GRANT-TO-USER aws_ssoadmin_account_assignment.user_dev_contractor__poweruser__dev-workloads',
    ]);
  });

  test("the project's own baseline (its MFA policy's wildcard List action, its SCPs) raises no flag", () => {
    expect(flags.filter((flag) => / aws_iam_|aws_organizations_policy/.test(flag))).toEqual([]);
  });

  test('names accounts, groups and sets as a reviewer knows them', () => {
    const identityCenter = review.stacks.find((stack) => stack.stack === 'dev-identity-center')!;
    const row = identityCenter.access.find((access) => access.address === 'aws_ssoadmin_account_assignment.group_developers__developer__dev-workloads')!;
    expect([row.change, row.principal.text, row.permissionSet.text, row.account.text]).toEqual(['granted', 'Developers', 'Developer', 'Dev Workloads']);
    expect(renderMarkdown(review, { title: 'Plan review: dev' })).toContain('Dev Workloads');
  });
});

describe("the hostile environment's first plan", () => {
  const review = reviewPlans({ plans: plansOf('hostile') });

  test('reads every stack, hostile strings included, and counts its imports', () => {
    expect(review.stacks.map((stack) => stack.stack)).toEqual(['hostile-baseline', 'hostile-identity-center', 'hostile-organization']);
    expect(review.stacks.reduce((sum, stack) => sum + stack.counts.import, 0)).toBeGreaterThan(0);
  });
});

/**
 * Plans real Terraform wrote during the round trips (test/roundtrip/, against the AWS double), each
 * after an apply, so with a prior state: regenerated with
 * `TF_SAVE_PLANS=test/fixtures/plans/real/roundtrip npm run test:terraform` (expired-grant.json feeds the expiry gate: test/expiry/plan-check.test.ts).
 */
describe('plans from the round trips, with a prior state', () => {
  const ROUND_TRIP = join(REAL, 'roundtrip');
  const reviewOf = (name: string, stack: string) => {
    const review = reviewPlans({ plans: [readPlan(join(ROUND_TRIP, `${name}.json`), { stack })] });
    return { review, stack: review.stacks[0], flags: review.findings.map((finding) => `${finding.ruleId} ${finding.address}`).sort() };
  };

  test('a grant (dev: a user in a group, a permission set, an assignment to an OU): five creates, the grant and the membership, no flag', () => {
    const { stack, flags } = reviewOf('grant', 'dev-identity-center');
    expect(stack.counts).toMatchObject({ create: 5, update: 0, replace: 0, destroy: 0, import: 0, move: 0 });
    expect(stack.access.map((row) => [row.change, row.principal.text, row.permissionSet.text, row.account.text])).toEqual([['granted', 'Developers', 'Auditor', 'dev-workloads']]);
    expect(stack.memberships.map((row) => row.change)).toEqual(['added']);
    // SecurityAudit is not administrator access, and the grant goes to a group on a member account.
    expect(flags).toEqual([]);
  });

  test('a rename with renames: (an account key): two moves, no access change, no flag', () => {
    const { stack, flags } = reviewOf('rename', 'dev-identity-center');
    expect(stack.counts).toEqual({ import: 0, create: 0, update: 0, replace: 0, destroy: 0, move: 2, forget: 0, other: 0 });
    expect(stack.access).toEqual([]);
    expect(flags).toEqual([]);
  });

  test("adopting the guides estate's organization: imports only, no flag (adopting is not granting)", () => {
    const { stack, flags } = reviewOf('import-only', 'guides-organization');
    expect(stack.counts).toEqual({ import: 9, create: 0, update: 0, replace: 0, destroy: 0, move: 0, forget: 0, other: 0 });
    expect(stack.noChanges).toBe(false);
    expect(flags).toEqual([]);
  });

  test('adopting the guides estate: imports, and the one update of an imported user the zero-diff check reports, flagged', () => {
    const { stack, flags } = reviewOf('import-with-update', 'guides-identity-center');
    expect(stack.counts).toMatchObject({ import: 13, create: 0, update: 1, replace: 0, destroy: 0 });
    expect(stack.access).toEqual([]);
    expect(flags).toEqual(['RISK-IDENTITY-USER-CHANGED aws_identitystore_user.dev_one_at_guides_example_com', 'RISK-IMPORT-WITH-CHANGES aws_identitystore_user.dev_one_at_guides_example_com']);
  });
});

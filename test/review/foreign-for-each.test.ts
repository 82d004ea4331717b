/**
 * A plan from another tool's for_each layout, in Terraform's own `show -json` shape
 * (test/fixtures/plans/foreign-for-each/dev-identity-center.json, modelled on the aws-ia
 * terraform-aws-iam-identity-center module: `aws_ssoadmin_permission_set.pset["<name>"]`, attachments
 * and assignments keyed by strings, and configuration references to the whole block —
 * `["aws_ssoadmin_permission_set.pset", "each.value.pset_name", "each.value"]` — as Terraform's
 * jsonconfig writes a reference whose instance key is an expression).
 *
 * Rules recognise a permission set by its ARN when the plan knows it; a reference to a for_each
 * block names none of its sets, so it must not give every set of the block the attachments of all
 * of them (that flagged every ViewOnlyAccess grant as administrator-level, because the same block's
 * AdministratorAccess set got AdministratorAccess attached).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPlan } from '../../review/plan/read-plan';
import { reviewPlans } from '../../review/review';
import { main } from '../../review/cli';
import { EXIT_CODES } from '../../review/exit-codes';
import { FIXTURES } from './helpers';
import { writePlan, type Planned } from './plan-builder';

const FIXTURE = join(FIXTURES, 'foreign-for-each', 'dev-identity-center.json');
const ADMIN = 'arn:aws:sso:::permissionSet/ssoins-72236a571cf03aa7/ps-5b8e2f1a9c3d4e70';
const OPTIONS = { managementAccountIds: ['111111111111'], adminPermissionSet: 'AdministratorAccess' };

/** The fixture with `edit` applied to its parsed JSON, written to a scratch file and read back. */
function edited(edit: (plan: { resource_changes: Array<{ address: string; change: { after: Record<string, unknown> | null; after_unknown: Record<string, unknown> } }> }) => void) {
  const plan = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  edit(plan);
  const file = writePlan('project', []);
  require('node:fs').writeFileSync(file, JSON.stringify(plan));
  return readPlan(file, { stack: 'dev-identity-center' });
}

test('the fixture has the shape Terraform writes for for_each instances', () => {
  const plan = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  const assignment = plan.resource_changes.find((change: { type: string }) => change.type === 'aws_ssoadmin_account_assignment');
  expect(assignment).toEqual(expect.objectContaining({ address: 'aws_ssoadmin_account_assignment.account_assignment["Auditors.333333333333.ViewOnlyAccess"]', name: 'account_assignment', index: 'Auditors.333333333333.ViewOnlyAccess' }));
  const block = plan.configuration.root_module.resources.find((resource: { address: string }) => resource.address === 'aws_ssoadmin_managed_policy_attachment.pset_aws_managed_policy');
  expect(block.expressions.permission_set_arn.references).toEqual(['aws_ssoadmin_permission_set.pset', 'each.value.pset_name', 'each.value']);
  expect(block.for_each_expression).toBeDefined();
});

test('routine grants of a non-admin set in a block that also holds the admin set are not flagged; the CLI exits 0', async () => {
  const review = reviewPlans({ plans: [readPlan(FIXTURE)], ...OPTIONS });
  expect(review.findings).toEqual([]);
  expect(review.stacks[0].access.map((row) => [row.change, row.permissionSet.text, row.account.id])).toEqual([
    ['granted', 'ViewOnlyAccess', '333333333333'],
    ['granted', 'ViewOnlyAccess', '444444444444'],
  ]);
  const code = await main(['--management-account-id', '111111111111', '--admin-permission-set', 'AdministratorAccess', '--markdown', join(require('node:os').tmpdir(), 'foreign.md'), FIXTURE], { stdout: () => undefined, stderr: () => undefined });
  expect(code).toBe(EXIT_CODES.noRisk);
});

test('a grant of the administrator-level set of the same block is flagged, by its ARN', () => {
  const plan = edited((json) => {
    const change = json.resource_changes.find((item) => item.address.includes('444444444444'))!;
    change.change.after!.permission_set_arn = ADMIN;
  });
  const findings = reviewPlans({ plans: [plan], ...OPTIONS }).findings;
  expect(findings.map((finding) => [finding.ruleId, finding.address])).toEqual([
    ['RISK-ADMIN-GRANTED', 'aws_ssoadmin_account_assignment.account_assignment["Auditors.444444444444.ViewOnlyAccess"]'],
  ]);
  expect(findings[0].reason).toContain('AdministratorAccess is attached');
});

test('a grant whose set is known only after apply, referencing the block, may be any of its sets: flagged as such', () => {
  const plan = edited((json) => {
    const change = json.resource_changes.find((item) => item.address.includes('444444444444'))!;
    delete change.change.after!.permission_set_arn;
    change.change.after_unknown.permission_set_arn = true;
    // Both sets are new: their attachments get the ARNs at apply too.
    for (const item of json.resource_changes.filter((entry) => entry.address.includes('pset_aws_managed_policy'))) {
      delete item.change.after!.permission_set_arn;
      item.change.after_unknown.permission_set_arn = true;
    }
  });
  const findings = reviewPlans({ plans: [plan], ...OPTIONS }).findings;
  expect(findings.map((finding) => finding.ruleId)).toContain('RISK-ADMIN-GRANTED');
  expect(findings.find((finding) => finding.ruleId === 'RISK-ADMIN-GRANTED')!.reason).toContain('known only after apply');
});

test('in a plan that creates admin sets in another block only, a grant of a new set of a block without any is not flagged', () => {
  const newSet = (name: string, key: string): Planned => ({ type: 'aws_ssoadmin_permission_set', name: key, actions: ['create'], after: { name, instance_arn: 'i', session_duration: 'PT1H' }, afterUnknown: { arn: true, id: true } });
  const plan = readPlan(
    writePlan('foreign', [
      newSet('Readers', 'readers'),
      { type: 'aws_ssoadmin_managed_policy_attachment', name: 'readers', actions: ['create'], after: { instance_arn: 'i', managed_policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, afterUnknown: { id: true, permission_set_arn: true }, references: { permission_set_arn: 'aws_ssoadmin_permission_set.readers.arn' } },
      {
        type: 'aws_ssoadmin_account_assignment',
        name: 'readers_dev',
        actions: ['create'],
        after: { instance_arn: 'i', principal_id: 'g', principal_type: 'GROUP', target_id: '333333333333', target_type: 'AWS_ACCOUNT' },
        afterUnknown: { id: true, permission_set_arn: true },
        references: { permission_set_arn: 'aws_ssoadmin_permission_set.readers.arn' },
      },
    ]),
  );
  // The same plan's admin set, in a single block of the root module (as this project writes it).
  const admin = readPlan(
    writePlan('project', [
      newSet('Admin', 'admin'),
      { type: 'aws_ssoadmin_managed_policy_attachment', name: 'admin_administrator', actions: ['create'], after: { instance_arn: 'i', managed_policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }, afterUnknown: { id: true, permission_set_arn: true }, references: { permission_set_arn: 'aws_ssoadmin_permission_set.admin.arn' } },
    ], { stack: 'dev-admin-sets' }),
  );
  const findings = reviewPlans({ plans: [plan, admin], managementAccountIds: ['111111111111'] }).findings;
  expect(findings.filter((finding) => finding.ruleId === 'RISK-ADMIN-GRANTED')).toEqual([]);
});

/**
 * test/fixtures/plans/foreign-for-each/dev-sso-module.json: a module (`module.sso`) that creates its
 * permission sets with for_each and attaches policies to them in the same plan, so every
 * attachment's permission_set_arn is known only after apply. Its configuration references the sets
 * as Terraform's jsonconfig writes them inside a module: module-relative, the block alone when the
 * key is an expression (`aws_ssoadmin_permission_set.this[each.value.set].arn` →
 * `["aws_ssoadmin_permission_set.this", "each.value.set", "each.value"]`), the instance too when the
 * key is a constant (`…this["ReadOnly"].arn`, `…this["ReadOnly"]`, `…this`).
 */
const MODULE_FIXTURE = join(FIXTURES, 'foreign-for-each', 'dev-sso-module.json');

test('the module fixture has the shape Terraform writes: module-relative references, the ARN known after apply', () => {
  const plan = JSON.parse(readFileSync(MODULE_FIXTURE, 'utf8'));
  const attachment = plan.resource_changes.find((change: { address: string }) => change.address === 'module.sso.aws_ssoadmin_managed_policy_attachment.this["Admin.AdministratorAccess"]');
  expect(attachment).toEqual(expect.objectContaining({ module_address: 'module.sso', name: 'this', index: 'Admin.AdministratorAccess' }));
  expect(attachment.change.after_unknown.permission_set_arn).toBe(true);
  expect(attachment.change.after.permission_set_arn).toBeUndefined();
  const block = plan.configuration.root_module.module_calls.sso.module.resources.find((resource: { address: string }) => resource.address === 'aws_ssoadmin_managed_policy_attachment.this');
  expect(block.expressions.permission_set_arn.references).toEqual(['aws_ssoadmin_permission_set.this', 'each.value.set', 'each.value']);
});

test('an attachment whose set is created in the same plan is named after that set, through its for_each key or its reference; the CLI exits 0', async () => {
  const review = reviewPlans({ plans: [readPlan(MODULE_FIXTURE)], managementAccountIds: ['111111111111'], adminPermissionSet: 'Admin' });
  expect(review.findings).toEqual([]);
  expect(review.stacks[0].permissionSets.map((set) => [set.name, set.attachments.map((attachment) => attachment.policy)])).toEqual([
    ['Admin', ['AdministratorAccess']],
    // Billing through `aws_ssoadmin_permission_set.this["ReadOnly"]`, ViewOnlyAccess through its key `ReadOnly.ViewOnlyAccess`.
    ['ReadOnly', ['Billing', 'ViewOnlyAccess']],
  ]);
  const code = await main(['--management-account-id', '111111111111', '--markdown', join(require('node:os').tmpdir(), 'foreign-module.md'), MODULE_FIXTURE], { stdout: () => undefined, stderr: () => undefined });
  expect(code).toBe(EXIT_CODES.noRisk);
});

test('AdministratorAccess attached to a set created in the same plan is flagged, naming that set', () => {
  const plan = JSON.parse(readFileSync(MODULE_FIXTURE, 'utf8'));
  const change = plan.resource_changes.find((item: { address: string }) => item.address.endsWith('this["ReadOnly.ViewOnlyAccess"]'));
  change.address = 'module.sso.aws_ssoadmin_managed_policy_attachment.this["ReadOnly.AdministratorAccess"]';
  change.index = 'ReadOnly.AdministratorAccess';
  change.change.after.managed_policy_arn = 'arn:aws:iam::aws:policy/AdministratorAccess';
  const file = writePlan('project', []);
  require('node:fs').writeFileSync(file, JSON.stringify(plan));
  const findings = reviewPlans({ plans: [readPlan(file, { stack: 'dev-sso-module' })], managementAccountIds: ['111111111111'], adminPermissionSet: 'Admin' }).findings;
  expect(findings.map((finding) => [finding.ruleId, finding.address])).toEqual([
    ['RISK-ADMIN-POLICY-ATTACHED', 'module.sso.aws_ssoadmin_managed_policy_attachment.this["ReadOnly.AdministratorAccess"]'],
  ]);
  expect(findings[0].reason).toContain('permission set "ReadOnly"');
});

/** The module fixture with its instances re-keyed: `keys` maps an instance key to the new one (and a set's new name). */
function rekeyed(keys: Readonly<Record<string, string>>) {
  const plan = JSON.parse(readFileSync(MODULE_FIXTURE, 'utf8'));
  for (const change of plan.resource_changes) {
    const key = keys[change.index];
    if (key === undefined) continue;
    change.address = change.address.replace(JSON.stringify(change.index), JSON.stringify(key));
    change.index = key;
    if (change.type === 'aws_ssoadmin_permission_set') change.change.after.name = key;
  }
  const file = writePlan('project', []);
  require('node:fs').writeFileSync(file, JSON.stringify(plan));
  return reviewPlans({ plans: [readPlan(file, { stack: 'dev-sso-module' })], managementAccountIds: ['111111111111'], adminPermissionSet: 'AdministratorAccess' });
}
const attachedTo = (review: ReturnType<typeof reviewPlans>) => review.stacks[0].permissionSets.map((set) => [set.name, set.attachments.map((attachment) => attachment.policy)]);

test("aws-ia's attachment keys, `${set}.${policy_arn}`: a set named like the policy is one set, and the ARN after the set's key names no set", () => {
  // The set AdministratorAccess with AdministratorAccess: its key at both ends of the attachment's key, one set.
  const same = rekeyed({ Admin: 'AdministratorAccess', 'Admin.AdministratorAccess': 'AdministratorAccess.arn:aws:iam::aws:policy/AdministratorAccess' });
  expect(same.findings).toEqual([]);
  expect(attachedTo(same)).toContainEqual(['AdministratorAccess', ['AdministratorAccess']]);
  // ReadOnly given AdministratorAccess: the key starts with ReadOnly and ends with the set AdministratorAccess's key, inside the ARN.
  const other = rekeyed({ Admin: 'AdministratorAccess', 'ReadOnly.ViewOnlyAccess': 'ReadOnly.arn:aws:iam::aws:policy/job-function/AdministratorAccess' });
  expect(attachedTo(other)).toContainEqual(['ReadOnly', ['Billing', 'ViewOnlyAccess']]);
});

test('an attachment whose key names no set of the block is named by its key, never by the block name', () => {
  const review = rekeyed({ 'ReadOnly.ViewOnlyAccess': 'Ops-ViewOnlyAccess' });
  const names = review.stacks[0].permissionSets.map((set) => set.name);
  expect(names).toContain('Ops-ViewOnlyAccess');
  expect(names).not.toContain('this');
});

/**
 * A user added to a group gains what the group holds. Added to a group that holds an
 * administrator-level set, in prior state or by an assignment a reviewed plan creates, the user is
 * granted admin: RISK-ADMIN-GRANTED, as for an assignment of their own.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PriorGrants } from '../../review/plan/prior-grants';
import { readPlan } from '../../review/plan/read-plan';
import type { Plan, PriorResource, ResourceChange } from '../../review/plan/model';
import { reviewPlans } from '../../review/review';
import { change, plan } from './helpers';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6';
const ADMIN_SET = 'arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-00000000000000a1';
const READ_SET = 'arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-00000000000000b2';

/** The sets as prior_state holds them, each with its managed policy attachment. */
const priorSets: PriorResource[] = [
  { address: 'aws_ssoadmin_permission_set.admin', mode: 'managed', type: 'aws_ssoadmin_permission_set', name: 'admin', values: { arn: ADMIN_SET, name: 'Admin' }, sensitiveValues: {} },
  { address: 'aws_ssoadmin_permission_set.readonly', mode: 'managed', type: 'aws_ssoadmin_permission_set', name: 'readonly', values: { arn: READ_SET, name: 'ReadOnly' }, sensitiveValues: {} },
  ...[
    ['admin', ADMIN_SET, 'AdministratorAccess'],
    ['readonly', READ_SET, 'ReadOnlyAccess'],
  ].map(([key, arn, policy]): PriorResource => ({
    address: `aws_ssoadmin_managed_policy_attachment.${key}`,
    mode: 'managed',
    type: 'aws_ssoadmin_managed_policy_attachment',
    name: key,
    values: { instance_arn: INSTANCE, permission_set_arn: arn, managed_policy_arn: `arn:aws:iam::aws:policy/${policy}` },
    sensitiveValues: {},
  })),
];

const membership = (group: string, actions: string[] = ['create'], before: Record<string, string> | null = null): ResourceChange =>
  change({ address: `aws_identitystore_group_membership.${group}__jane`, actions, before, after: { group_id: group, member_id: 'u-jane', identity_store_id: 'd-1' } });

function withGrants(reviewed: Plan, grants: Array<[string, string, string]>): Plan {
  const priorGrants = new PriorGrants();
  for (const [principal, set, account] of grants) priorGrants.add(principal, set, account);
  return { ...reviewed, priorGrants };
}

const adminFindings = (plans: Plan[]) => reviewPlans({ plans }).findings.filter((finding) => finding.ruleId === 'RISK-ADMIN-GRANTED');

describe('a user added to a group', () => {
  test('that holds an administrator-level set in prior state: flagged, with the set and the accounts', () => {
    const reviewed = withGrants(plan([membership('g-ops')], { prior: priorSets }), [
      ['g-ops', ADMIN_SET, '111111111111'],
      ['g-ops', ADMIN_SET, '222222222222'],
      ['g-ops', READ_SET, '333333333333'],
    ]);
    const [found, ...more] = adminFindings([reviewed]);
    expect(more).toEqual([]);
    expect(found.address).toBe('aws_identitystore_group_membership.g-ops__jane');
    expect(found.reason).toContain('which holds Admin on accounts 111111111111, 222222222222');
    expect(found.reason).toContain('AdministratorAccess');
  });

  test('that holds only a read-only set, or nothing: not flagged', () => {
    expect(adminFindings([withGrants(plan([membership('g-readers')], { prior: priorSets }), [['g-readers', READ_SET, '111111111111']])])).toEqual([]);
    expect(adminFindings([withGrants(plan([membership('g-new')], { prior: priorSets }), [['g-ops', ADMIN_SET, '111111111111']])])).toEqual([]);
  });

  test('whose admin assignment this plan destroys: not flagged; whose admin assignment this plan creates: flagged', () => {
    const assignment = (actions: string[]) =>
      change({
        address: 'aws_ssoadmin_account_assignment.group_ops__admin__prod',
        actions,
        before: actions.includes('delete') ? { principal_id: 'g-ops', principal_type: 'GROUP', permission_set_arn: ADMIN_SET, target_id: '111111111111' } : null,
        after: actions.includes('create') ? { principal_id: 'g-ops', principal_type: 'GROUP', permission_set_arn: ADMIN_SET, target_id: '111111111111' } : null,
      });
    const revoked = withGrants(plan([assignment(['delete']), membership('g-ops')], { prior: priorSets }), [['g-ops', ADMIN_SET, '111111111111']]);
    expect(adminFindings([revoked]).map((finding) => finding.address)).toEqual([]);
    const granted = plan([assignment(['create']), membership('g-ops')], { prior: priorSets });
    expect(adminFindings([granted]).map((finding) => finding.address)).toEqual(['aws_ssoadmin_account_assignment.group_ops__admin__prod', 'aws_identitystore_group_membership.g-ops__jane']);
  });

  test("held in another stack's plan reviewed together (assignments in an access shard): flagged", () => {
    const identityCenter = plan([membership('g-ops')], { stack: 'prod-identity-center', prior: priorSets });
    const shard = withGrants(plan([], { stack: 'prod-access-1' }), [['g-ops', ADMIN_SET, '111111111111']]);
    expect(adminFindings([identityCenter, shard]).map((finding) => finding.stack)).toEqual(['prod-identity-center']);
  });

  test('re-created with the same group and member: nothing new, not flagged', () => {
    const recreated = withGrants(plan([membership('g-ops', ['delete', 'create'], { group_id: 'g-ops', member_id: 'u-jane', identity_store_id: 'd-1' })], { prior: priorSets }), [
      ['g-ops', ADMIN_SET, '111111111111'],
    ]);
    expect(adminFindings([recreated])).toEqual([]);
  });
});

describe("prior state's assignments as read from a plan file", () => {
  const dir = mkdtempSync(join(tmpdir(), 'membership-grants-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('are recorded whatever prior resources are kept, and the membership is flagged', () => {
    const state = (address: string, type: string, values: Record<string, unknown>) => ({ address, mode: 'managed', type, name: address.split('.')[1], values, sensitive_values: {} });
    const file = join(dir, 'prod-identity-center.json');
    writeFileSync(
      file,
      JSON.stringify({
        format_version: '1.2',
        terraform_version: '1.11.4',
        resource_changes: [
          {
            address: 'aws_identitystore_group_membership.ops__jane',
            mode: 'managed',
            type: 'aws_identitystore_group_membership',
            name: 'ops__jane',
            change: { actions: ['create'], before: null, after: { group_id: 'g-ops', member_id: 'u-jane', identity_store_id: 'd-1' }, after_unknown: { membership_id: true }, before_sensitive: false, after_sensitive: {} },
          },
        ],
        prior_state: {
          format_version: '1.0',
          values: {
            root_module: {
              resources: [
                state('aws_ssoadmin_permission_set.admin', 'aws_ssoadmin_permission_set', { arn: ADMIN_SET, name: 'Admin' }),
                state('aws_ssoadmin_managed_policy_attachment.admin', 'aws_ssoadmin_managed_policy_attachment', { permission_set_arn: ADMIN_SET, managed_policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }),
                state('aws_ssoadmin_account_assignment.group_ops__admin__prod', 'aws_ssoadmin_account_assignment', {
                  principal_id: 'g-ops',
                  principal_type: 'GROUP',
                  permission_set_arn: ADMIN_SET,
                  target_id: '111111111111',
                  target_type: 'AWS_ACCOUNT',
                }),
              ],
            },
          },
        },
      }),
    );
    const read = readPlan(file, { keepPriorTypes: new Set(['aws_ssoadmin_permission_set', 'aws_ssoadmin_managed_policy_attachment']) });
    expect(read.prior.map((resource) => resource.type)).not.toContain('aws_ssoadmin_account_assignment');
    expect([...(read.priorGrants?.all() ?? [])]).toEqual([{ principal: 'g-ops', set: ADMIN_SET, account: '111111111111' }]);
    expect(adminFindings([read]).map((finding) => finding.reason)).toEqual([expect.stringContaining('which holds Admin on account 111111111111')]);
  });
});

describe('an admin assignment that moves while a user joins its group', () => {
  const values = { principal_id: 'g-ops', principal_type: 'GROUP', permission_set_arn: ADMIN_SET, target_id: '111111111111' };
  const destroyed = change({ address: 'aws_ssoadmin_account_assignment.old_home', actions: ['delete'], before: values, after: null });
  const created = change({ address: 'aws_ssoadmin_account_assignment.new_home', actions: ['create'], before: null, after: values });

  test('is still held whatever the order of the plans (one shard destroys it, another creates it)', () => {
    const identityCenter = plan([membership('g-ops')], { stack: 'prod-identity-center', prior: priorSets });
    const from = withGrants(plan([destroyed], { stack: 'prod-access-1' }), [['g-ops', ADMIN_SET, '111111111111']]);
    const to = plan([created], { stack: 'prod-access-2' });
    const membershipFindings = (plans: Plan[]) => adminFindings(plans).filter((finding) => finding.address.includes('group_membership'));
    expect(membershipFindings([identityCenter, from, to])).toHaveLength(1);
    expect(membershipFindings([identityCenter, to, from])).toHaveLength(1);
  });

  test('is still held within one plan, whichever address sorts first', () => {
    const reviewed = withGrants(plan([created, destroyed, membership('g-ops')], { prior: priorSets }), [['g-ops', ADMIN_SET, '111111111111']]);
    expect(adminFindings([reviewed]).filter((finding) => finding.address.includes('group_membership'))).toHaveLength(1);
  });
});

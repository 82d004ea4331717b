/**
 * RISK-ADMIN-GRANT-WITHOUT-EXPIRY in the plan review: a new grant of an administrator-level set is
 * flagged when the environment's expiry.json (from --synth-dir) asks for expiries and the grant's
 * address is not among its temporary grants. Plans in `terraform show -json` shape (plan-builder.ts).
 */
import { reviewPlans } from '../../review/review';
import type { ExpiryPolicy } from '../../review/synth/read-synth';
import { plannedPlan, type Planned, type State } from '../review/plan-builder';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6';
const ADMIN_SET = 'arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-00000000000000a1';
const READ_SET = 'arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-00000000000000d1';
const GROUP_ID = '9067a1b2c3-11111111-2222-3333-4444-555555555555';
const PRIOR: State[] = [
  { type: 'aws_ssoadmin_permission_set', name: 'admin', values: { arn: ADMIN_SET, name: 'Admin', instance_arn: INSTANCE, session_duration: 'PT1H' } },
  { type: 'aws_ssoadmin_permission_set', name: 'readonly', values: { arn: READ_SET, name: 'ReadOnly', instance_arn: INSTANCE, session_duration: 'PT1H' } },
  { type: 'aws_ssoadmin_managed_policy_attachment', name: 'admin_administrator', values: { instance_arn: INSTANCE, permission_set_arn: ADMIN_SET, managed_policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess', managed_policy_name: 'AdministratorAccess' } },
  { type: 'aws_ssoadmin_managed_policy_attachment', name: 'readonly_readonly', values: { instance_arn: INSTANCE, permission_set_arn: READ_SET, managed_policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', managed_policy_name: 'ReadOnlyAccess' } },
  { type: 'aws_identitystore_group', name: 'platform', values: { group_id: GROUP_ID, display_name: 'Platform', identity_store_id: 'd-9067a1b2c3' } },
];
const grant = (name: string, set: string): Planned => ({
  type: 'aws_ssoadmin_account_assignment',
  name,
  actions: ['create'],
  after: { instance_arn: INSTANCE, permission_set_arn: set, principal_id: GROUP_ID, principal_type: 'GROUP', target_id: '333333333333', target_type: 'AWS_ACCOUNT', timeouts: null },
  afterUnknown: { id: true },
});

const flagged = (policy: ExpiryPolicy | undefined) =>
  reviewPlans({
    plans: [plannedPlan('project', [grant('group_platform__admin__open', ADMIN_SET), grant('group_platform__admin__timed', ADMIN_SET), grant('group_platform__readonly__open', READ_SET)], { stack: 'dev-identity-center', prior: PRIOR })],
    ...(policy ? { expiry: new Map([['dev', policy]]) } : {}),
  })
    .findings.filter((finding) => finding.ruleId === 'RISK-ADMIN-GRANT-WITHOUT-EXPIRY')
    .map((finding) => finding.address);

test('flags only the open-ended admin grant when the config asks for expiries', () => {
  expect(flagged({ requireExpiryFor: 'administrator-sets', temporary: new Set(['aws_ssoadmin_account_assignment.group_platform__admin__timed']) })).toEqual([
    'aws_ssoadmin_account_assignment.group_platform__admin__open',
  ]);
});

test('flags nothing when the config does not ask, or without --synth-dir', () => {
  expect(flagged({ requireExpiryFor: 'none', temporary: new Set() })).toEqual([]);
  expect(flagged(undefined)).toEqual([]);
});

/**
 * Every class of risky change the review must flag, and every safe class it must pass, on plans in
 * the real `terraform show -json` format, in this project's address layout and in a foreign
 * `module.iam.<type>.this["key"]` layout: rules go by type and content, never by address names.
 */
import { requireMfaPolicy } from '../../modules/mfa-policy';

const REQUIRE_MFA_POLICY = requireMfaPolicy('aws');
import { main } from '../../review/cli';
import { EXIT_CODES } from '../../review/exit-codes';
import { reviewPlans } from '../../review/review';
import { LAYOUTS, plannedPlan, policyText, writePlan, type Layout, type Planned, type State } from './plan-builder';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6';
const ADMIN_SET = `arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-00000000000000a1`;
const DEV_SET = `arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-00000000000000d1`;
const GROUP_ID = '9067a1b2c3-11111111-2222-3333-4444-555555555555';
const USER_ID = '9067a1b2c3-99999999-2222-3333-4444-555555555555';
const MANAGEMENT = '111111111111';
const MEMBER = '333333333333';
const MFA_ARN = 'arn:aws:iam::333333333333:policy/ForceMFA';

/** The Admin and Developer sets as they exist (prior state): Admin holds AdministratorAccess. */
const EXISTING_SETS: State[] = [
  { type: 'aws_ssoadmin_permission_set', name: 'admin', values: { arn: ADMIN_SET, name: 'Admin', instance_arn: INSTANCE, session_duration: 'PT1H' } },
  { type: 'aws_ssoadmin_permission_set', name: 'developer', values: { arn: DEV_SET, name: 'Developer', instance_arn: INSTANCE, session_duration: 'PT1H' } },
  {
    type: 'aws_ssoadmin_managed_policy_attachment',
    name: 'admin_administrator',
    values: { instance_arn: INSTANCE, permission_set_arn: ADMIN_SET, managed_policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess', managed_policy_name: 'AdministratorAccess' },
  },
  {
    type: 'aws_ssoadmin_managed_policy_attachment',
    name: 'developer_readonly',
    values: { instance_arn: INSTANCE, permission_set_arn: DEV_SET, managed_policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', managed_policy_name: 'ReadOnlyAccess' },
  },
  { type: 'aws_identitystore_group', name: 'platform', values: { group_id: GROUP_ID, display_name: 'Platform', identity_store_id: 'd-9067a1b2c3' } },
  { type: 'aws_identitystore_user', name: 'jane', values: { user_id: USER_ID, user_name: 'jane', display_name: 'Jane Doe', identity_store_id: 'd-9067a1b2c3' } },
];

const assignment = (name: string, set: string, principal: { type: 'USER' | 'GROUP'; id: string }, account: string): Planned => ({
  type: 'aws_ssoadmin_account_assignment',
  name,
  actions: ['create'],
  after: { instance_arn: INSTANCE, permission_set_arn: set, principal_id: principal.id, principal_type: principal.type, target_id: account, target_type: 'AWS_ACCOUNT', timeouts: null },
  afterUnknown: { id: true },
});

function flags(layout: Layout, resources: Planned[], prior: State[] = EXISTING_SETS, options: { top?: Record<string, unknown>; withOrganization?: boolean } = {}) {
  const plans = [plannedPlan(layout, resources, { prior, top: options.top })];
  if (options.withOrganization) {
    plans.push(
      plannedPlan(layout, [], {
        stack: 'dev-organization',
        prior: [{ type: 'aws_organizations_organization', name: 'organization', values: { id: 'o-abc123', master_account_id: MANAGEMENT, feature_set: 'ALL' } }],
      }),
    );
  }
  return reviewPlans({ plans }).findings;
}
const ids = (...args: Parameters<typeof flags>) => [...new Set(flags(...args).map((finding) => finding.ruleId))];

const mfaPolicy = JSON.stringify(REQUIRE_MFA_POLICY);
const wildcardStatement = { Effect: 'Allow', Action: 's3:*', Resource: '*' };

describe.each(LAYOUTS)('in the %s layout', (layout) => {
  describe('grants', () => {
    test('a new assignment of an administrator-level set to a group', () => {
      expect(ids(layout, [assignment('platform_admin_dev', ADMIN_SET, { type: 'GROUP', id: GROUP_ID }, MEMBER)], EXISTING_SETS, { withOrganization: true })).toEqual(['RISK-ADMIN-GRANTED']);
    });
    test('a set is administrator-level by content: an inline statement allowing IAM write', () => {
      const inline: State = {
        type: 'aws_ssoadmin_permission_set_inline_policy',
        name: 'developer',
        values: { instance_arn: INSTANCE, permission_set_arn: DEV_SET, inline_policy: policyText([{ Effect: 'Allow', Action: 'iam:Attach*', Resource: '*' }]) },
      };
      const found = flags(layout, [assignment('platform_developer_dev', DEV_SET, { type: 'GROUP', id: GROUP_ID }, MEMBER)], [...EXISTING_SETS, inline], { withOrganization: true });
      expect(found.map((finding) => finding.ruleId)).toEqual(['RISK-ADMIN-GRANTED']);
      expect(found[0].reason).toContain('allows IAM write: iam:AttachGroupPolicy');
    });
    test('a new assignment to a new set known only after apply, in a plan that creates an admin-level set', () => {
      const newSet: Planned = { type: 'aws_ssoadmin_permission_set', name: 'ops', actions: ['create'], after: { name: 'Ops', instance_arn: INSTANCE, session_duration: 'PT1H' }, afterUnknown: { arn: true, id: true } };
      const attach: Planned = {
        type: 'aws_ssoadmin_managed_policy_attachment',
        name: 'ops_administrator',
        actions: ['create'],
        after: { instance_arn: INSTANCE, managed_policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
        afterUnknown: { id: true, permission_set_arn: true, managed_policy_name: true },
        references: { permission_set_arn: 'aws_ssoadmin_permission_set.ops.arn' },
      };
      const grant: Planned = {
        ...assignment('platform_ops_dev', DEV_SET, { type: 'GROUP', id: GROUP_ID }, MEMBER),
        after: { instance_arn: INSTANCE, principal_id: GROUP_ID, principal_type: 'GROUP', target_id: MEMBER, target_type: 'AWS_ACCOUNT' },
        afterUnknown: { id: true, permission_set_arn: true },
        references: { permission_set_arn: 'aws_ssoadmin_permission_set.ops.arn' },
      };
      expect(ids(layout, [newSet, attach, grant], EXISTING_SETS, { withOrganization: true })).toEqual(['RISK-ADMIN-GRANTED', 'RISK-ADMIN-POLICY-ATTACHED']);
    });
    test('any grant to a user, even of a non-admin set', () => {
      expect(ids(layout, [assignment('jane_developer_dev', DEV_SET, { type: 'USER', id: USER_ID }, MEMBER)], EXISTING_SETS, { withOrganization: true })).toEqual(['RISK-GRANT-TO-USER']);
    });
    test('any grant on the management account, known from the organization in the plans', () => {
      const found = flags(layout, [assignment('platform_developer_mgmt', DEV_SET, { type: 'GROUP', id: GROUP_ID }, MANAGEMENT)], EXISTING_SETS, { withOrganization: true });
      expect(found.map((finding) => finding.ruleId)).toEqual(['RISK-GRANT-ON-MANAGEMENT']);
    });
    test('AdministratorAccess attached to a set other than Admin', () => {
      const attach: Planned = {
        type: 'aws_ssoadmin_managed_policy_attachment',
        name: 'developer_administrator',
        actions: ['create'],
        after: { instance_arn: INSTANCE, permission_set_arn: DEV_SET, managed_policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
        afterUnknown: { id: true, managed_policy_name: true },
      };
      expect(ids(layout, [attach])).toEqual(['RISK-ADMIN-POLICY-ATTACHED']);
    });
    test('inline statements that widen: wildcards, NotAction, iam:PassRole on *', () => {
      const inline = (statements: object[]): Planned => ({
        type: 'aws_ssoadmin_permission_set_inline_policy',
        name: 'developer',
        actions: ['update'],
        before: { instance_arn: INSTANCE, permission_set_arn: DEV_SET, inline_policy: policyText([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::logs/*' }]) },
        after: { instance_arn: INSTANCE, permission_set_arn: DEV_SET, inline_policy: policyText(statements) },
      });
      expect(ids(layout, [inline([wildcardStatement])])).toEqual(['RISK-WILDCARD-ALLOWED']);
      expect(ids(layout, [inline([{ Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::x' }])])).toEqual(['RISK-WILDCARD-ALLOWED']);
      expect(ids(layout, [inline([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }])])).toEqual(['RISK-PASSROLE-ANY']);
    });
  });

  describe('MFA and credentials', () => {
    const mfa = (actions: string[], after: string | null): Planned => ({
      type: 'aws_iam_policy',
      name: 'require_mfa',
      actions,
      before: { arn: MFA_ARN, name: 'ForceMFA', path: '/', policy: mfaPolicy },
      after: after === null ? null : { arn: MFA_ARN, name: 'ForceMFA', path: '/', policy: after },
    });
    test('the MFA-enforcing policy, recognised by content, deleted', () => {
      expect(ids(layout, [mfa(['delete'], null)])).toEqual(['RISK-MFA-POLICY-REMOVED']);
    });
    test('the MFA-enforcing policy updated so its Deny is narrowed', () => {
      const narrowed = {
        ...REQUIRE_MFA_POLICY,
        Statement: REQUIRE_MFA_POLICY.Statement.map((statement) =>
          statement.Effect === 'Deny' ? { ...statement, NotAction: [...(statement.NotAction as string[]), 'ec2:*'] } : statement,
        ),
      };
      expect(ids(layout, [mfa(['update'], JSON.stringify(narrowed))])).toEqual(['RISK-MFA-POLICY-REMOVED']);
    });
    test('the MFA-enforcing policy detached from a group', () => {
      const detach: Planned = { type: 'aws_iam_group_policy_attachment', name: 'developers_mfa', actions: ['delete'], before: { group: 'Developers', policy_arn: MFA_ARN, id: 'Developers-x' } };
      const prior: State[] = [{ type: 'aws_iam_policy', name: 'require_mfa', values: { arn: MFA_ARN, name: 'ForceMFA', policy: mfaPolicy } }];
      expect(ids(layout, [detach], prior)).toEqual(['RISK-MFA-POLICY-REMOVED']);
    });
    test('a login profile without password_reset_required or pgp_key', () => {
      const profile: Planned = { type: 'aws_iam_user_login_profile', name: 'breakglass', actions: ['create'], after: { user: 'breakglass', password_reset_required: false, pgp_key: null, password_length: 20 } };
      expect(ids(layout, [profile])).toEqual(['RISK-LOGIN-PROFILE-UNSAFE']);
    });
    test('an access key created', () => {
      const key: Planned = { type: 'aws_iam_access_key', name: 'ci', actions: ['create'], after: { user: 'ci', status: 'Active', pgp_key: null }, afterUnknown: { id: true, secret: true }, afterSensitive: { secret: true } };
      expect(ids(layout, [key])).toEqual(['RISK-ACCESS-KEY-CREATED']);
    });
    test('the password policy weakened against before and the CIS floor', () => {
      const cis = { minimum_password_length: 14, password_reuse_prevention: 24, require_uppercase_characters: true, require_lowercase_characters: true, require_numbers: true, require_symbols: true, allow_users_to_change_password: true, max_password_age: 90, hard_expiry: false };
      const policy: Planned = { type: 'aws_iam_account_password_policy', name: 'strict', actions: ['update'], before: cis, after: { ...cis, minimum_password_length: 8 } };
      const found = flags(layout, [policy]);
      expect(found.map((finding) => finding.ruleId)).toEqual(['RISK-PASSWORD-POLICY-WEAKENED']);
      expect(found[0].reason).toBe('weaker than before: minimum_password_length 14 → 8; below the CIS floor: minimum_password_length 8 < 14');
    });
    test("an identity-store user's email changed", () => {
      const emails = (value: string) => [{ value, primary: true, type: 'work' }];
      const user: Planned = {
        type: 'aws_identitystore_user',
        name: 'jane',
        actions: ['update'],
        before: { user_id: USER_ID, user_name: 'jane', display_name: 'Jane Doe', emails: emails('jane@example.com') },
        after: { user_id: USER_ID, user_name: 'jane', display_name: 'Jane Doe', emails: emails('jane@attacker.example') },
      };
      const found = flags(layout, [user]);
      expect(found.map((finding) => finding.ruleId)).toEqual(['RISK-IDENTITY-USER-CHANGED']);
      expect(found[0].reason).toContain('email jane@example.com → jane@attacker.example');
    });
  });

  describe('organization guardrails', () => {
    const organization = (after: Record<string, unknown>): Planned => ({
      type: 'aws_organizations_organization',
      name: 'organization',
      actions: ['update'],
      before: { id: 'o-abc123', master_account_id: MANAGEMENT, feature_set: 'ALL', enabled_policy_types: ['SERVICE_CONTROL_POLICY'], aws_service_access_principals: ['sso.amazonaws.com'] },
      after: { id: 'o-abc123', master_account_id: MANAGEMENT, feature_set: 'ALL', enabled_policy_types: ['SERVICE_CONTROL_POLICY'], aws_service_access_principals: ['sso.amazonaws.com'], ...after },
    });
    test('close_on_deletion turned on', () => {
      const account: Planned = { type: 'aws_organizations_account', name: 'sandbox', actions: ['update'], before: { id: MEMBER, name: 'Sandbox', close_on_deletion: false }, after: { id: MEMBER, name: 'Sandbox', close_on_deletion: true } };
      expect(ids(layout, [account], [])).toEqual(['RISK-CLOSE-ON-DELETION']);
    });
    test('feature_set changed', () => {
      expect(ids(layout, [organization({ feature_set: 'CONSOLIDATED_BILLING' })], [])).toEqual(['RISK-FEATURE-SET-CHANGED']);
    });
    test('a policy type and a trusted-access principal disabled', () => {
      const found = flags(layout, [organization({ enabled_policy_types: [], aws_service_access_principals: [] })], []);
      expect(found.map((finding) => finding.reason)).toEqual([
        'policy type SERVICE_CONTROL_POLICY is disabled for the whole organization',
        'trusted access for sso.amazonaws.com is disabled for the whole organization',
      ]);
    });
    test('centralized root access narrowed', () => {
      const features: Planned = {
        type: 'aws_iam_organizations_features',
        name: 'root',
        actions: ['update'],
        before: { id: 'o-abc123', enabled_features: ['RootCredentialsManagement', 'RootSessions'] },
        after: { id: 'o-abc123', enabled_features: ['RootCredentialsManagement'] },
      };
      expect(ids(layout, [features], [])).toEqual(['RISK-ROOT-ACCESS-NARROWED']);
    });
    test('a trust policy widened, and an inline_policy block of a role reviewed like a role policy', () => {
      const trust = (principal: object) => policyText([{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }]);
      const role: Planned = {
        type: 'aws_iam_role',
        name: 'deployer',
        actions: ['update'],
        before: { name: 'deployer', arn: 'arn:aws:iam::333333333333:role/deployer', assume_role_policy: trust({ Service: 'codebuild.amazonaws.com' }), inline_policy: [] },
        after: {
          name: 'deployer',
          arn: 'arn:aws:iam::333333333333:role/deployer',
          assume_role_policy: trust({ AWS: 'arn:aws:iam::999999999999:root' }),
          inline_policy: [{ name: 'everything', policy: policyText([wildcardStatement]) }],
        },
      };
      expect(ids(layout, [role], [])).toEqual(['RISK-TRUST-WIDENED', 'RISK-WILDCARD-ALLOWED']);
    });
    test('an SCP that loses its Deny', () => {
      const scp: Planned = {
        type: 'aws_organizations_policy',
        name: 'guardrails',
        actions: ['update'],
        before: { id: 'p-1', name: 'Guardrails', type: 'SERVICE_CONTROL_POLICY', content: policyText([{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }]) },
        after: { id: 'p-1', name: 'Guardrails', type: 'SERVICE_CONTROL_POLICY', content: policyText([{ Effect: 'Allow', Action: '*', Resource: '*' }]) },
      };
      expect(ids(layout, [scp], [])).toEqual(['RISK-SCP-DENY-REMOVED']);
    });
  });

  describe('changes the review cannot judge need approval', () => {
    test('a sensitive policy', () => {
      const inline: Planned = {
        type: 'aws_iam_role_policy',
        name: 'secret',
        actions: ['create'],
        after: { name: 'secret', role: 'deployer', policy: policyText([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::x/*' }]) },
        afterSensitive: { policy: true },
      };
      expect(ids(layout, [inline], [])).toEqual(['RISK-VALUE-UNREADABLE']);
    });
    test('an SCP replaced by content known only after apply', () => {
      const scp: Planned = {
        type: 'aws_organizations_policy',
        name: 'guardrails',
        actions: ['delete', 'create'],
        before: { id: 'p-1', name: 'Guardrails', type: 'SERVICE_CONTROL_POLICY', content: policyText([{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }]) },
        after: { name: 'Guardrails', type: 'SERVICE_CONTROL_POLICY' },
        afterUnknown: { id: true, content: true },
        references: { content: 'data.aws_iam_policy_document.guardrails.json' },
        replacePaths: [['name']],
      };
      expect(ids(layout, [scp], [])).toEqual(['RISK-VALUE-UNREADABLE', 'RISK-SCP-DELETED']);
    });
    test('complete: false and deferred_changes', () => {
      const found = flags(layout, [], [], { top: { complete: false, deferred_changes: [{ reason: 'provider_config_unknown', resource_change: {} }] } });
      expect(found.map((finding) => finding.ruleId)).toEqual(['RISK-PLAN-INCOMPLETE', 'RISK-PLAN-INCOMPLETE']);
    });
    test('an unknown action', () => {
      expect(ids(layout, [{ type: 'aws_iam_policy', name: 'x', actions: ['transmogrify'], before: { name: 'x', policy: policyText([]) } }], [])).toEqual(['RISK-UNKNOWN-ACTION']);
    });
  });

  describe("more of each class, under keys unlike this project's names", () => {
    const reasons = (...args: Parameters<typeof flags>) => flags(...args).map((finding) => `${finding.ruleId}: ${finding.reason}`);
    const ORGANIZATION_PRIOR: State[] = [{ type: 'aws_organizations_organization', name: 'org', values: { id: 'o-abc123', master_account_id: MANAGEMENT, feature_set: 'ALL' } }];

    test('an SCP attachment destroyed, and an SCP destroyed outright', () => {
      const attachment: Planned = { type: 'aws_organizations_policy_attachment', name: 'att01', actions: ['delete'], before: { id: 'ou-aaaa-11111111:p-1', policy_id: 'p-1', target_id: 'ou-aaaa-11111111', skip_destroy: false } };
      const scp: Planned = { type: 'aws_organizations_policy', name: 'Guard01', actions: ['delete'], before: { id: 'p-2', name: 'Guard', type: 'SERVICE_CONTROL_POLICY', content: policyText([{ Effect: 'Deny', Action: '*', Resource: '*' }]) } };
      expect(ids(layout, [attachment], [])).toEqual(['RISK-SCP-ATTACHMENT-DELETED']);
      expect(ids(layout, [scp], [])).toEqual(['RISK-SCP-DELETED']);
    });
    test('an SCP attachment with skip_destroy destroyed stays attached in AWS (Terraform only forgets it): not flagged', () => {
      const kept: Planned = { type: 'aws_organizations_policy_attachment', name: 'att02', actions: ['delete'], before: { id: 'ou-aaaa-11111111:p-1', policy_id: 'p-1', target_id: 'ou-aaaa-11111111', skip_destroy: true } };
      expect(ids(layout, [kept], [])).toEqual([]);
    });
    test("the MFA-enforcing policy's Deny removed entirely, and the policy detached from a role and from a user", () => {
      const policy: Planned = {
        type: 'aws_iam_policy',
        name: 'ForceMFA',
        actions: ['update'],
        before: { arn: MFA_ARN, name: 'ForceMFA', policy: mfaPolicy },
        after: { arn: MFA_ARN, name: 'ForceMFA', policy: policyText(REQUIRE_MFA_POLICY.Statement.filter((statement) => statement.Effect !== 'Deny')) },
      };
      expect(ids(layout, [policy])).toEqual(['RISK-MFA-POLICY-REMOVED']);
      const prior: State[] = [{ type: 'aws_iam_policy', name: 'ForceMFA', values: { arn: MFA_ARN, name: 'ForceMFA', policy: mfaPolicy } }];
      const role: Planned = { type: 'aws_iam_role_policy_attachment', name: 'x1', actions: ['delete'], before: { role: 'ops', policy_arn: MFA_ARN, id: 'ops-x' } };
      const user: Planned = { type: 'aws_iam_user_policy_attachment', name: 'x2', actions: ['delete'], before: { user: 'bob', policy_arn: MFA_ARN, id: 'bob-x' } };
      expect(reasons(layout, [role, user], prior)).toEqual([
        "RISK-MFA-POLICY-REMOVED: the MFA-enforcing policy's attachment to role ops is destroyed: it no longer requires MFA there",
        "RISK-MFA-POLICY-REMOVED: the MFA-enforcing policy's attachment to user bob is destroyed: it no longer requires MFA there",
      ]);
    });
    test('an Allow on NotResource', () => {
      const inline: Planned = {
        type: 'aws_ssoadmin_permission_set_inline_policy',
        name: 'DevKey',
        actions: ['create'],
        after: { instance_arn: INSTANCE, permission_set_arn: DEV_SET, inline_policy: policyText([{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' }]) },
      };
      expect(reasons(layout, [inline])).toEqual(['RISK-WILDCARD-ALLOWED: Inline policy of Developer newly allows NotResource (every resource except those listed): Allow s3:GetObject on every resource except arn:aws:s3:::secret/*']);
    });
    test('a login profile missing only its PGP key, and one missing only password_reset_required', () => {
      const profile = (name: string, after: Record<string, unknown>): Planned => ({ type: 'aws_iam_user_login_profile', name, actions: ['create'], after: { user: name, ...after } });
      expect(reasons(layout, [profile('u1', { password_reset_required: true, pgp_key: null }), profile('u2', { password_reset_required: false, pgp_key: 'keybase:x' })])).toEqual([
        'RISK-LOGIN-PROFILE-UNSAFE: console password for IAM user u1: no pgp_key: the password is stored in clear text in the Terraform state',
        'RISK-LOGIN-PROFILE-UNSAFE: console password for IAM user u2: password_reset_required is not true: the generated password never has to be changed',
      ]);
    });
    test('centralized root access destroyed', () => {
      const features: Planned = { type: 'aws_iam_organizations_features', name: 'rf', actions: ['delete'], before: { id: 'o-abc123', enabled_features: ['RootCredentialsManagement', 'RootSessions'] } };
      expect(ids(layout, [features], [])).toEqual(['RISK-ROOT-ACCESS-NARROWED']);
    });
    test('an assignment replaced onto the admin set is a new administrator grant', () => {
      const replaced: Planned = {
        ...assignment('g_dev', ADMIN_SET, { type: 'GROUP', id: GROUP_ID }, MEMBER),
        actions: ['delete', 'create'],
        before: { instance_arn: INSTANCE, permission_set_arn: DEV_SET, principal_id: GROUP_ID, principal_type: 'GROUP', target_id: MEMBER, target_type: 'AWS_ACCOUNT', id: 'x' },
        replacePaths: [['permission_set_arn']],
      };
      expect(ids(layout, [replaced], [...EXISTING_SETS, ...ORGANIZATION_PRIOR])).toEqual(['RISK-ADMIN-GRANTED', 'RISK-ASSIGNMENT-REPLACED']);
    });
    test('IAMFullAccess attached to a set other than the admin set', () => {
      const attachment: Planned = {
        type: 'aws_ssoadmin_managed_policy_attachment',
        name: 'DevKey.IAM',
        actions: ['create'],
        after: { instance_arn: INSTANCE, permission_set_arn: DEV_SET, managed_policy_arn: 'arn:aws:iam::aws:policy/IAMFullAccess' },
        afterUnknown: { id: true },
      };
      expect(ids(layout, [attachment])).toEqual(['RISK-ADMIN-POLICY-ATTACHED']);
    });
    test('an assignment whose account or set is read from a data source at apply needs approval: nobody sees it before it takes effect', () => {
      const lookup: Planned = { type: 'aws_organizations_organization', name: 'o', mode: 'data', actions: ['read'], after: {}, afterUnknown: { master_account_id: true, id: true } };
      const onUnknownAccount: Planned = {
        ...assignment('g_dev', DEV_SET, { type: 'GROUP', id: GROUP_ID }, MEMBER),
        after: { instance_arn: INSTANCE, permission_set_arn: DEV_SET, principal_id: GROUP_ID, principal_type: 'GROUP', target_type: 'AWS_ACCOUNT' },
        afterUnknown: { id: true, target_id: true },
        references: { target_id: 'data.aws_organizations_organization.o.master_account_id' },
      };
      expect(reasons(layout, [lookup, onUnknownAccount], [...EXISTING_SETS, ...ORGANIZATION_PRIOR])).toEqual([
        'RISK-VALUE-UNREADABLE: target_id is known only after apply: the review cannot judge what this aws_ssoadmin_account_assignment will allow',
      ]);
    });
    test('a policy document from a data source read at apply is unreadable, though the read is in the plan', () => {
      const document: Planned = { type: 'aws_iam_policy_document', name: 'deployer', mode: 'data', actions: ['read'], after: {}, afterUnknown: { json: true, id: true } };
      const policy: Planned = {
        type: 'aws_iam_role_policy',
        name: 'DeployerPolicy',
        actions: ['create'],
        after: { name: 'deployer', role: 'deployer' },
        afterUnknown: { id: true, policy: true },
        references: { policy: 'data.aws_iam_policy_document.deployer.json' },
      };
      expect(ids(layout, [document, policy], [])).toEqual(['RISK-VALUE-UNREADABLE']);
    });
    test("a user added to a group whose ID a data source reads only at apply needs approval; to a group this plan creates, it does not", () => {
      const lookup: Planned = {
        type: 'aws_identitystore_group',
        // aws-ia's layout: the lookup has the membership's key.
        name: 'nuzumaki_Admin',
        mode: 'data',
        actions: ['read'],
        // A plan writes a block as a list of one.
        after: { identity_store_id: 'd-9067a1b2c3', alternate_identifier: [{ external_id: [], unique_attribute: [{ attribute_path: 'DisplayName', attribute_value: 'Admins' }] }] },
        afterUnknown: { group_id: true, id: true, display_name: true },
      };
      const membership = (name: string, reference: string): Planned => ({
        type: 'aws_identitystore_group_membership',
        name,
        actions: ['create'],
        after: { identity_store_id: 'd-9067a1b2c3', member_id: USER_ID },
        afterUnknown: { group_id: true, membership_id: true, id: true },
        references: { group_id: reference },
      });
      const joins = membership('nuzumaki_Admin', 'data.aws_identitystore_group.nuzumaki_Admin.group_id');
      expect(reasons(layout, [lookup, joins])).toEqual([
        'RISK-VALUE-UNREADABLE: group_id is known only after apply: the review cannot judge what this aws_identitystore_group_membership will allow',
      ]);
      // The group is named by what the data source looks it up by.
      const [row] = reviewPlans({ plans: [plannedPlan(layout, [lookup, joins])] }).stacks[0].memberships;
      expect(row.group.text).toBe('Admins');
      const group: Planned = { type: 'aws_identitystore_group', name: 'Auditors01', actions: ['create'], after: { display_name: 'Auditors', identity_store_id: 'd-9067a1b2c3' }, afterUnknown: { group_id: true, id: true } };
      expect(ids(layout, [group, membership('jane_Auditors', 'aws_identitystore_group.Auditors01.group_id')])).toEqual([]);
    });
    test('a user added to a group that holds an administrator-level set in the prior state is granted admin', () => {
      const held: State = {
        type: 'aws_ssoadmin_account_assignment',
        name: 'Platform-Admin-333',
        values: { instance_arn: INSTANCE, permission_set_arn: ADMIN_SET, principal_id: GROUP_ID, principal_type: 'GROUP', target_id: MEMBER, target_type: 'AWS_ACCOUNT' },
      };
      const joins: Planned = { type: 'aws_identitystore_group_membership', name: 'jane_Platform', actions: ['create'], after: { identity_store_id: 'd-9067a1b2c3', group_id: GROUP_ID, member_id: USER_ID }, afterUnknown: { membership_id: true, id: true } };
      const found = flags(layout, [joins], [...EXISTING_SETS, held, ...ORGANIZATION_PRIOR]);
      expect(found.map((finding) => finding.ruleId)).toEqual(['RISK-ADMIN-GRANTED']);
      expect(found[0].reason).toContain('adds user jane to group Platform, which holds Admin on account');
    });
    test('a password policy below the CIS floor that moves toward it is not weakened; one that moves away is', () => {
      const policy = (before: Record<string, unknown>, after: Record<string, unknown>): Planned => ({ type: 'aws_iam_account_password_policy', name: 'Passwords01', actions: ['update'], before, after });
      expect(ids(layout, [policy({ minimum_password_length: 8, password_reuse_prevention: 5 }, { minimum_password_length: 10, password_reuse_prevention: 12 })], [])).toEqual([]);
      expect(reasons(layout, [policy({ minimum_password_length: 10, password_reuse_prevention: 5 }, { minimum_password_length: 8, password_reuse_prevention: 5 })], [])).toEqual([
        'RISK-PASSWORD-POLICY-WEAKENED: weaker than before: minimum_password_length 10 → 8',
      ]);
    });
    test('a replaced permission set, account or SCP is named from the side that goes, then the new one', () => {
      const set: Planned = {
        type: 'aws_ssoadmin_permission_set',
        name: 'ViewOnly01',
        actions: ['delete', 'create'],
        before: { arn: DEV_SET, name: 'ViewOnlyAccess', instance_arn: INSTANCE, session_duration: 'PT1H' },
        after: { name: 'ReadOnly', instance_arn: INSTANCE, session_duration: 'PT1H' },
        afterUnknown: { arn: true, id: true },
        replacePaths: [['name']],
      };
      expect(reasons(layout, [set], [])).toEqual([
        'RISK-PERMISSION-SET-DELETED: permission set "ViewOnlyAccess" (re-created as "ReadOnly") is replaced (forced by a change of name): everyone assigned to it loses that access in every account',
      ]);
    });
    test('an assignment on an account and with a set this plan creates is judged through them: not unreadable', () => {
      const account: Planned = { type: 'aws_organizations_account', name: 'Sandbox01', actions: ['create'], after: { name: 'Sandbox', email: 'sandbox@example.com', close_on_deletion: false }, afterUnknown: { id: true, arn: true } };
      const set: Planned = { type: 'aws_ssoadmin_permission_set', name: 'Viewer01', actions: ['create'], after: { name: 'Viewer', instance_arn: INSTANCE, session_duration: 'PT1H' }, afterUnknown: { arn: true, id: true } };
      const grant: Planned = {
        ...assignment('g_viewer', DEV_SET, { type: 'GROUP', id: GROUP_ID }, MEMBER),
        after: { instance_arn: INSTANCE, principal_id: GROUP_ID, principal_type: 'GROUP', target_type: 'AWS_ACCOUNT' },
        afterUnknown: { id: true, target_id: true, permission_set_arn: true },
        references: { target_id: 'aws_organizations_account.Sandbox01.id', permission_set_arn: 'aws_ssoadmin_permission_set.Viewer01.arn' },
      };
      expect(ids(layout, [account, set, grant], [...EXISTING_SETS, ...ORGANIZATION_PRIOR])).not.toContain('RISK-VALUE-UNREADABLE');
    });
  });

  describe('not flagged: exit 0', () => {
    const exitOf = async (file: string, ...more: string[]) => main([...more, file], { stdout: () => undefined, stderr: () => undefined });

    test('an import-only plan', async () => {
      const imported: Planned = { type: 'aws_iam_policy', name: 'require_mfa', actions: ['no-op'], before: { arn: MFA_ARN, name: 'ForceMFA', policy: mfaPolicy }, importing: { id: MFA_ARN } };
      expect(await exitOf(writePlan(layout, [imported]))).toBe(EXIT_CODES.noRisk);
    });
    test('a moved-only plan and no-ops', async () => {
      const moved: Planned = { type: 'aws_ssoadmin_permission_set', name: 'administrators', previousName: 'admin', actions: ['no-op'], before: { arn: ADMIN_SET, name: 'Admin' } };
      const same: Planned = { type: 'aws_iam_policy', name: 'require_mfa', actions: ['no-op'], before: { arn: MFA_ARN, name: 'ForceMFA', policy: mfaPolicy } };
      expect(await exitOf(writePlan(layout, [moved, same]))).toBe(EXIT_CODES.noRisk);
    });
    test('a routine grant of a non-admin set to a group on a member account', async () => {
      const org = writePlan(layout, [], { stack: 'dev-organization', prior: [{ type: 'aws_organizations_organization', name: 'organization', values: { id: 'o-abc123', master_account_id: MANAGEMENT } }] });
      const grant = writePlan(layout, [assignment('platform_developer_dev', DEV_SET, { type: 'GROUP', id: GROUP_ID }, MEMBER)], { prior: EXISTING_SETS });
      expect(await exitOf(grant, org)).toBe(EXIT_CODES.noRisk);
    });
    test('tightening changes: a statement narrowed, the password policy raised', async () => {
      const inline: Planned = {
        type: 'aws_ssoadmin_permission_set_inline_policy',
        name: 'developer',
        actions: ['update'],
        before: { instance_arn: INSTANCE, permission_set_arn: DEV_SET, inline_policy: policyText([wildcardStatement]) },
        after: { instance_arn: INSTANCE, permission_set_arn: DEV_SET, inline_policy: policyText([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::logs/*' }]) },
      };
      const password: Planned = { type: 'aws_iam_account_password_policy', name: 'strict', actions: ['update'], before: { minimum_password_length: 14, password_reuse_prevention: 24 }, after: { minimum_password_length: 16, password_reuse_prevention: 24 } };
      expect(await exitOf(writePlan(layout, [inline, password]))).toBe(EXIT_CODES.noRisk);
    });
    test("this project's own baseline added to a new account", async () => {
      const baseline: Planned[] = [
        { type: 'aws_iam_policy', name: 'require_mfa', actions: ['create'], after: { name: 'RequireMFA', path: '/', policy: mfaPolicy }, afterUnknown: { arn: true, id: true, policy_id: true } },
        { type: 'aws_iam_group', name: 'administrators', actions: ['create'], after: { name: 'Administrators', path: '/' }, afterUnknown: { arn: true, id: true, unique_id: true } },
        {
          type: 'aws_iam_group_policy_attachment',
          name: 'administrators__require_mfa',
          actions: ['create'],
          after: { group: 'Administrators' },
          afterUnknown: { id: true, policy_arn: true },
          references: { policy_arn: 'aws_iam_policy.require_mfa.arn' },
        },
        {
          type: 'aws_iam_account_password_policy',
          name: 'strict',
          actions: ['create'],
          after: { minimum_password_length: 14, password_reuse_prevention: 24, require_uppercase_characters: true, require_lowercase_characters: true, require_numbers: true, require_symbols: true, allow_users_to_change_password: true, hard_expiry: false },
          afterUnknown: { expire_passwords: true, id: true, max_password_age: true },
        },
        { type: 'aws_iam_user_login_profile', name: 'breakglass', actions: ['create'], after: { user: 'breakglass', password_reset_required: true, pgp_key: 'keybase:security' }, afterUnknown: { encrypted_password: true, id: true } },
      ];
      const file = writePlan(layout, baseline, { stack: 'dev-baseline' });
      expect(reviewPlans({ plans: [plannedPlan(layout, baseline, { stack: 'dev-baseline' })] }).findings).toEqual([]);
      expect(await exitOf(file)).toBe(EXIT_CODES.noRisk);
    });
  });
});

describe('malformed plans exit 4', () => {
  const exitOf = (file: string) => main([file], { stdout: () => undefined, stderr: () => undefined });
  const withTop = (top: Record<string, unknown>) => writePlan('project', [], { top });

  test.each([
    ['null', null],
    ['an object', { 'aws_iam_policy.x': { change: { actions: ['delete'] } } }],
  ])('resource_changes that is %s', async (_, value) => {
    expect(await exitOf(withTop({ resource_changes: value }))).toBe(EXIT_CODES.unreadableInput);
  });
  test('an invalid escape in a part of the file the review skips', async () => {
    const file = withTop({ variables: { note: { value: 'MARK' } } });
    const { readFileSync, writeFileSync } = await import('node:fs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('MARK', 'bad \\x escape'));
    expect(await exitOf(file)).toBe(EXIT_CODES.unreadableInput);
  });
  test('a short \\u escape', async () => {
    const file = withTop({ variables: { note: { value: 'MARK' } } });
    const { readFileSync, writeFileSync } = await import('node:fs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('MARK', 'bad \\u12 escape'));
    expect(await exitOf(file)).toBe(EXIT_CODES.unreadableInput);
  });
});

test('the management account can come from the synth (the account the config marks management: true)', async () => {
  const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const synthDir = mkdtempSync(join(tmpdir(), 'synth-facts-'));
  mkdirSync(join(synthDir, 'stacks'));
  mkdirSync(join(synthDir, 'environments', 'dev'), { recursive: true });
  writeFileSync(join(synthDir, 'environments', 'dev', 'security-rules.json'), JSON.stringify({ findings: [], errors: [], unusedSuppressions: [], managementAccountIds: [MANAGEMENT] }));
  const plan = writePlan('project', [assignment('platform_developer_mgmt', DEV_SET, { type: 'GROUP', id: GROUP_ID }, MANAGEMENT)], { prior: EXISTING_SETS });
  let stderr = '';
  const code = await main(['--synth-dir', synthDir, plan], { stdout: () => undefined, stderr: (text) => void (stderr += text) });
  expect(code).toBe(EXIT_CODES.approvalNeeded);
  expect(stderr).toContain('RISK-GRANT-ON-MANAGEMENT ×1');
});

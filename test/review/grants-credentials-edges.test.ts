/**
 * Grants, MFA and credentials written the ways other tools and people write them: `*:*`, empty
 * pgp_key strings, lifted permissions boundaries, exclusive attachment resources, values marked
 * sensitive or unknown at the leaf, renames that replace. Each in this project's layout and in a
 * foreign `module.iam.<type>.this["key"]` layout, in the real `terraform show -json` format.
 */
import { main } from '../../review/cli';
import { EXIT_CODES } from '../../review/exit-codes';
import { reviewPlans } from '../../review/review';
import { LAYOUTS, plannedPlan, policyText, writePlan, type Layout, type Planned, type State } from './plan-builder';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6';
const ADMIN_SET = 'arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-00000000000000a1';
const DEV_SET = 'arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-00000000000000d1';
const MFA_ARN = 'arn:aws:iam::333333333333:policy/ForceMFA';
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const MFA_DENY = { Sid: 'DenyWithoutMfa', Effect: 'Deny', NotAction: ['iam:EnableMFADevice', 'sts:GetSessionToken'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } };

/** The admin set is spelled "admin" here: --admin-permission-set Admin designates it all the same. */
const SETS: State[] = [
  { type: 'aws_ssoadmin_permission_set', name: 'admin', values: { arn: ADMIN_SET, name: 'admin', instance_arn: INSTANCE } },
  { type: 'aws_ssoadmin_permission_set', name: 'developer', values: { arn: DEV_SET, name: 'Developer', instance_arn: INSTANCE } },
];
const MFA_POLICY: State = { type: 'aws_iam_policy', name: 'force_mfa', values: { arn: MFA_ARN, name: 'ForceMFA', policy: policyText([MFA_DENY]) } };

function flags(layout: Layout, resources: Planned[], prior: State[] = SETS) {
  return reviewPlans({ plans: [plannedPlan(layout, resources, { prior })] }).findings;
}
const ids = (layout: Layout, resources: Planned[], prior?: State[]) => flags(layout, resources, prior).map((finding) => finding.ruleId);

describe.each(LAYOUTS)('in the %s layout', (layout) => {
  describe('grants', () => {
    test('Action "*:*" is a wildcard action, also on a narrow resource', () => {
      const policy: Planned = {
        type: 'aws_iam_policy',
        name: 'ci',
        actions: ['create'],
        after: { name: 'ci', path: '/', policy: policyText([{ Effect: 'Allow', Action: '*:*', Resource: 'arn:aws:s3:::artifacts/*' }]) },
        afterUnknown: { arn: true, id: true },
      };
      const found = flags(layout, [policy], []);
      expect(found.map((finding) => finding.ruleId)).toEqual(['RISK-WILDCARD-ALLOWED']);
      expect(found[0].reason).toContain('newly allows Action "*:*"');
    });

    const inline = (name: string, setArn: string, statements: object[]): Planned => ({
      type: 'aws_ssoadmin_permission_set_inline_policy',
      name,
      actions: ['create'],
      after: { instance_arn: INSTANCE, permission_set_arn: setArn, inline_policy: policyText(statements) },
      afterUnknown: { id: true },
    });
    test('an IAM-write inline statement on a non-admin set is flagged at the inline policy’s address', () => {
      const found = flags(layout, [inline('developer', DEV_SET, [{ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::333333333333:user/*' }])]);
      expect(found.map((finding) => [finding.ruleId, finding.address])).toEqual([
        ['RISK-ADMIN-POLICY-ATTACHED', layout === 'project' ? 'aws_ssoadmin_permission_set_inline_policy.developer' : 'module.iam.aws_ssoadmin_permission_set_inline_policy.this["developer"]'],
      ]);
    });
    test('the admin set is recognised whatever the case of its name, as when a policy is detached from it', () => {
      expect(ids(layout, [inline('admin', ADMIN_SET, [{ Effect: 'Allow', Action: 'iam:CreateUser', Resource: 'arn:aws:iam::333333333333:user/x' }])])).toEqual([]);
    });

    test('an assignment whose permission set, principal or account is sensitive cannot be judged: it needs a person', () => {
      const grant = (sensitive: string): Planned => ({
        type: 'aws_ssoadmin_account_assignment',
        name: 'platform_developer_dev',
        actions: ['create'],
        after: { instance_arn: INSTANCE, permission_set_arn: DEV_SET, principal_id: 'g-1', principal_type: 'GROUP', target_id: '333333333333', target_type: 'AWS_ACCOUNT' },
        afterUnknown: { id: true },
        afterSensitive: { [sensitive]: true },
      });
      for (const attr of ['permission_set_arn', 'principal_id', 'target_id']) {
        const found = flags(layout, [grant(attr)]);
        expect(found.map((finding) => [finding.ruleId, finding.reason])).toEqual([['RISK-VALUE-UNREADABLE', `${attr} is sensitive: the review cannot judge what this aws_ssoadmin_account_assignment will allow`]]);
      }
    });
    test('a customer managed policy is judged by the aws_iam_policy of its path and name in any reviewed plan', () => {
      const customerPolicy = (statements: object[]): State => ({
        type: 'aws_iam_policy',
        name: 'dev_extras',
        values: { arn: 'arn:aws:iam::333333333333:policy/team/DevExtras', name: 'DevExtras', path: '/team/', policy: policyText(statements) },
      });
      const attach: Planned = {
        type: 'aws_ssoadmin_customer_managed_policy_attachment',
        name: 'developer_devextras',
        actions: ['create'],
        after: { instance_arn: INSTANCE, permission_set_arn: DEV_SET, customer_managed_policy_reference: [{ name: 'DevExtras', path: '/team/' }] },
        afterUnknown: { id: true },
      };
      const review = (statements: object[]) =>
        reviewPlans({
          plans: [plannedPlan(layout, [attach], { prior: SETS }), plannedPlan(layout, [], { stack: 'dev-baseline', prior: [customerPolicy(statements)] })],
        }).findings;
      const found = review([{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }]);
      expect(found.map((finding) => finding.ruleId)).toEqual(['RISK-ADMIN-POLICY-ATTACHED']);
      expect(found[0].reason).toMatch(/^customer managed policy \/team\/DevExtras \(which allows IAM write: .*\) is attached to permission set "Developer"/);
      expect(review([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::x/*' }])).toEqual([]);
    });

    const boundary = (actions: string[], before: string | null, after: string | null, setArn = DEV_SET): Planned => {
      const block = (arn: string) => ({ instance_arn: INSTANCE, permission_set_arn: setArn, permissions_boundary: [{ managed_policy_arn: arn, customer_managed_policy_reference: [] }] });
      return {
        type: 'aws_ssoadmin_permissions_boundary_attachment',
        name: setArn === DEV_SET ? 'developer' : 'admin',
        actions,
        before: before === null ? null : { ...block(before), id: 'x' },
        after: after === null ? null : block(after),
        ...(actions.includes('create') ? { afterUnknown: { id: true } } : {}),
      };
    };
    test('a permissions boundary removed from a non-admin set, or replaced by AdministratorAccess, lifts its limit', () => {
      const removed = flags(layout, [boundary(['delete'], 'arn:aws:iam::aws:policy/PowerUserAccess', null)]);
      expect(removed.map((finding) => finding.ruleId)).toEqual(['RISK-ADMIN-POLICY-ATTACHED']);
      expect(removed[0].reason).toContain('the permissions boundary of permission set "Developer" (AWS managed PowerUserAccess) is removed');
      const widened = flags(layout, [boundary(['delete', 'create'], 'arn:aws:iam::aws:policy/PowerUserAccess', 'arn:aws:iam::aws:policy/AdministratorAccess')]);
      expect(widened.map((finding) => finding.reason)).toEqual([expect.stringContaining('is replaced by AWS managed AdministratorAccess: it no longer limits the set')]);
    });
    test('a boundary added (a limit), or lifted from the admin set, is not flagged', () => {
      expect(ids(layout, [boundary(['create'], null, 'arn:aws:iam::aws:policy/AdministratorAccess')])).toEqual([]);
      expect(ids(layout, [boundary(['delete'], 'arn:aws:iam::aws:policy/PowerUserAccess', null, ADMIN_SET)])).toEqual([]);
    });
  });

  describe('MFA', () => {
    test('a Deny that applies only when MFA is present enforces nothing: deleting it is not an MFA finding', () => {
      const policy: Planned = {
        type: 'aws_iam_policy',
        name: 'no_iam_with_mfa',
        actions: ['delete'],
        before: { arn: 'arn:aws:iam::333333333333:policy/x', name: 'x', policy: policyText([{ Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }]) },
      };
      expect(ids(layout, [policy], [])).toEqual([]);
    });
    test('a Null test on the key (no MFA context at all) is MFA-enforcing', () => {
      const policy: Planned = {
        type: 'aws_iam_policy',
        name: 'force_mfa',
        actions: ['delete'],
        before: { arn: MFA_ARN, name: 'ForceMFA', policy: policyText([{ ...MFA_DENY, Condition: { Null: { 'aws:MultiFactorAuthPresent': 'true' } } }]) },
      };
      expect(ids(layout, [policy], [])).toEqual(['RISK-MFA-POLICY-REMOVED']);
    });

    const exclusive = (actions: string[], after: string[] | null): Planned => ({
      type: 'aws_iam_group_policy_attachments_exclusive',
      name: 'admins',
      actions,
      before: { group_name: 'Admins', policy_arns: [MFA_ARN, READ_ONLY] },
      after: after === null ? null : { group_name: 'Admins', policy_arns: after },
    });
    test('the MFA policy leaving policy_arns of an exclusive attachment resource is a detach', () => {
      const found = flags(layout, [exclusive(['update'], [READ_ONLY])], [MFA_POLICY]);
      expect(found.map((finding) => finding.ruleId)).toEqual(['RISK-MFA-POLICY-REMOVED']);
      expect(found[0].reason).toContain('ForceMFA leaves policy_arns of group Admins');
    });
    test('destroying the exclusive resource leaves its policies attached, and another ARN leaving is no MFA finding', () => {
      expect(ids(layout, [exclusive(['delete'], null)], [MFA_POLICY])).toEqual([]);
      expect(ids(layout, [exclusive(['update'], [MFA_ARN])], [MFA_POLICY])).toEqual([]);
    });
  });

  describe('credentials', () => {
    test('a login profile with pgp_key "" stores the password in clear text, as one without', () => {
      const profile: Planned = {
        type: 'aws_iam_user_login_profile',
        name: 'breakglass',
        actions: ['create'],
        after: { user: 'breakglass', pgp_key: '', password_reset_required: true, password_length: 20 },
        afterUnknown: { id: true, encrypted_password: true, key_fingerprint: true, password: true },
        afterSensitive: { password: true },
      };
      const found = flags(layout, [profile], []);
      expect(found.map((finding) => finding.reason)).toEqual(['console password for IAM user breakglass: no pgp_key: the password is stored in clear text in the Terraform state']);
    });
    test('an access key with pgp_key "" says its secret is in clear text', () => {
      const key: Planned = { type: 'aws_iam_access_key', name: 'ci', actions: ['create'], after: { user: 'ci', status: 'Active', pgp_key: '' }, afterUnknown: { id: true, secret: true }, afterSensitive: { secret: true } };
      expect(flags(layout, [key], [])[0].reason).toBe('a new access key for IAM user ci; without pgp_key its secret is stored in clear text in the state');
    });

    const cis = { minimum_password_length: 14, password_reuse_prevention: 24, require_uppercase_characters: true, require_lowercase_characters: true, require_numbers: true, require_symbols: true, allow_users_to_change_password: true, max_password_age: 90, hard_expiry: false };
    test('a sensitive password-policy setting is not printed: it is left to RISK-VALUE-UNREADABLE', () => {
      const policy: Planned = { type: 'aws_iam_account_password_policy', name: 'strict', actions: ['update'], before: cis, after: { ...cis, minimum_password_length: 7 }, afterSensitive: { minimum_password_length: true } };
      const found = flags(layout, [policy], []);
      expect(found.map((finding) => finding.ruleId)).toEqual(['RISK-VALUE-UNREADABLE']);
      expect(JSON.stringify(found)).not.toContain('7');
    });
    test('a setting known only after apply is not judged as IAM’s default', () => {
      const { minimum_password_length: _, ...rest } = cis;
      const policy: Planned = {
        type: 'aws_iam_account_password_policy',
        name: 'strict',
        actions: ['update'],
        before: cis,
        after: rest,
        afterUnknown: { minimum_password_length: true },
        references: { minimum_password_length: 'data.aws_ssm_parameter.min_length.value' },
      };
      const found = flags(layout, [policy], []);
      expect(found.map((finding) => finding.ruleId)).toEqual(['RISK-VALUE-UNREADABLE']);
      expect(found[0].reason).toContain('minimum_password_length is known only after apply');
    });

    const emails = (value: string) => [{ value, primary: true, type: 'work' }];
    const user = (props: Partial<Planned>): Planned => ({
      type: 'aws_identitystore_user',
      name: 'jane',
      actions: ['update'],
      before: { identity_store_id: 'd-1', user_id: 'u-1', user_name: 'jane', display_name: 'Jane', emails: emails('jane@example.com') },
      after: { identity_store_id: 'd-1', user_id: 'u-1', user_name: 'jane', display_name: 'Jane', emails: emails('jane@example.com') },
      ...props,
    });
    test('a user name change replaces the user (user_name is ForceNew): still the takeover path, and the old name is shown', () => {
      const renamed = user({
        actions: ['delete', 'create'],
        after: { identity_store_id: 'd-1', user_name: 'jane.attacker', display_name: 'Jane', emails: emails('jane@example.com') },
        afterUnknown: { user_id: true, id: true },
        replacePaths: [['user_name']],
      });
      const found = flags(layout, [renamed], []);
      expect(found.map((finding) => [finding.ruleId, finding.reason])).toEqual([
        ['RISK-PRINCIPAL-DELETED', 'user "jane" (re-created as "jane.attacker") is replaced (forced by a change of user_name): its memberships and account assignments go with it'],
        ['RISK-IDENTITY-USER-CHANGED', 'Identity Center user jane: user name jane → jane.attacker'],
      ]);
    });
    test('an email marked sensitive at the leaf is compared but never shown', () => {
      const sensitive = { emails: [{ value: true }] };
      const changed = flags(layout, [user({ after: { identity_store_id: 'd-1', user_id: 'u-1', user_name: 'jane', display_name: 'Jane', emails: emails('jane@attacker.example') }, beforeSensitive: sensitive, afterSensitive: sensitive })], []);
      expect(changed.map((finding) => finding.reason)).toEqual(['Identity Center user jane: email (sensitive) → (sensitive)']);
      expect(JSON.stringify(changed)).not.toContain('example');
      const unchanged = flags(layout, [user({ after: { identity_store_id: 'd-1', user_id: 'u-1', user_name: 'jane', display_name: 'Jane D', emails: emails('jane@example.com') }, beforeSensitive: sensitive, afterSensitive: sensitive })], []);
      expect(unchanged).toEqual([]);
    });
    test('an email known only after apply is shown as such', () => {
      const unknown = user({ after: { identity_store_id: 'd-1', user_id: 'u-1', user_name: 'jane', display_name: 'Jane', emails: [{ primary: true, type: 'work' }] }, afterUnknown: { emails: [{ value: true }] } });
      expect(flags(layout, [unknown], []).map((finding) => finding.reason)).toEqual(['Identity Center user jane: email jane@example.com → (known after apply)']);
    });
  });

  test('the CLI exits 3 on a lifted boundary and 0 on a boundary added', async () => {
    const exitOf = (resources: Planned[]) => main(['--admin-permission-set', 'Admin', writePlan(layout, resources, { prior: SETS })], { stdout: () => undefined, stderr: () => undefined });
    const block = (arn: string) => ({ instance_arn: INSTANCE, permission_set_arn: DEV_SET, permissions_boundary: [{ managed_policy_arn: arn, customer_managed_policy_reference: [] }] });
    expect(await exitOf([{ type: 'aws_ssoadmin_permissions_boundary_attachment', name: 'developer', actions: ['delete'], before: { ...block('arn:aws:iam::aws:policy/PowerUserAccess'), id: 'x' } }])).toBe(EXIT_CODES.approvalNeeded);
    expect(await exitOf([{ type: 'aws_ssoadmin_permissions_boundary_attachment', name: 'developer', actions: ['create'], after: block('arn:aws:iam::aws:policy/PowerUserAccess'), afterUnknown: { id: true } }])).toBe(EXIT_CODES.noRisk);
  });
});

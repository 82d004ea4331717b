/** Import IDs in the formats the provider documents (see the doc path beside each function). */
import * as ids from '../../discovery/import-ids';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223aaaabbbbcccc';
const SET = 'arn:aws:sso:::permissionSet/ssoins-7223aaaabbbbcccc/ps-1111aaaa2222bbbb';
const ok = (id: string) => ({ ok: true, id });

describe('Organizations', () => {
  test('the organization is imported by its o- ID', () => expect(ids.organizationImportId('o-guides1234')).toEqual(ok('o-guides1234')));
  test('an OU is imported by its ou- ID', () => expect(ids.organizationalUnitImportId('ou-ab12-prod0001')).toEqual(ok('ou-ab12-prod0001')));
  test('an account is imported by its account ID', () => expect(ids.organizationsAccountImportId('444455556666')).toEqual(ok('444455556666')));
  test('an account can carry its IAM billing access as an _ALLOW or _DENY suffix', () => expect(ids.organizationsAccountImportId('444455556666', 'DENY')).toEqual(ok('444455556666_DENY')));
  test('an account ID that is not 12 digits is refused', () => expect(ids.organizationsAccountImportId('4444-5555-6666')).toEqual({ ok: false, reason: 'aws_organizations_account: "4444-5555-6666" is not a 12-digit account ID' }));
  test('a policy is imported by its p- ID', () => expect(ids.organizationsPolicyImportId('p-12345678')).toEqual(ok('p-12345678')));
  test('a policy attachment is imported as target:policy', () => expect(ids.organizationsPolicyAttachmentImportId('ou-ab12-prod0001', 'p-12345678')).toEqual(ok('ou-ab12-prod0001:p-12345678')));
});

describe('IAM Identity Center', () => {
  test('a permission set is imported as set ARN,instance ARN', () => expect(ids.permissionSetImportId(SET, INSTANCE)).toEqual(ok(`${SET},${INSTANCE}`)));
  test('a managed policy attachment is imported as policy ARN,set ARN,instance ARN', () =>
    expect(ids.managedPolicyAttachmentImportId('arn:aws:iam::aws:policy/AdministratorAccess', SET, INSTANCE)).toEqual(ok(`arn:aws:iam::aws:policy/AdministratorAccess,${SET},${INSTANCE}`)));
  test('a customer-managed policy attachment is imported as name,path,set ARN,instance ARN', () =>
    expect(ids.customerManagedPolicyAttachmentImportId('DenyBilling', '/', SET, INSTANCE)).toEqual(ok(`DenyBilling,/,${SET},${INSTANCE}`)));
  test('an inline policy is imported as set ARN,instance ARN', () => expect(ids.permissionSetInlinePolicyImportId(SET, INSTANCE)).toEqual(ok(`${SET},${INSTANCE}`)));
  test('a permissions boundary attachment is imported as set ARN,instance ARN', () => expect(ids.permissionsBoundaryAttachmentImportId(SET, INSTANCE)).toEqual(ok(`${SET},${INSTANCE}`)));
  test('an account assignment is imported as principal,type,account,AWS_ACCOUNT,set ARN,instance ARN in that order', () =>
    expect(ids.accountAssignmentImportId('9067-group', 'GROUP', '444455556666', SET, INSTANCE)).toEqual(ok(`9067-group,GROUP,444455556666,AWS_ACCOUNT,${SET},${INSTANCE}`)));
  test('access control attributes are imported by the instance ARN', () => expect(ids.instanceAccessControlAttributesImportId(INSTANCE)).toEqual(ok(INSTANCE)));
});

describe('a part containing the separator', () => {
  test('a customer-managed policy name with a comma is refused with the reason, not turned into a broken ID', () =>
    expect(ids.customerManagedPolicyAttachmentImportId('Deny,Billing', '/', SET, INSTANCE)).toEqual({
      ok: false,
      reason: 'aws_ssoadmin_customer_managed_policy_attachment is imported by an ID of ","-separated parts, and its policy name "Deny,Billing" contains ",": the provider would split it in the wrong place. Rename it in AWS, or leave it out of the config.',
    }));
  test('a policy path with a comma is refused', () => expect(ids.customerManagedPolicyAttachmentImportId('DenyBilling', '/team,a/', SET, INSTANCE).ok).toBe(false));
  test('a principal ID with a comma cannot make an account assignment ID', () => expect(ids.accountAssignmentImportId('a,b', 'USER', '444455556666', SET, INSTANCE).ok).toBe(false));
  test('a group name with a slash cannot make a user group membership ID', () => expect(ids.iamUserGroupMembershipImportId('alice', ['ops/admins']).ok).toBe(false));
  test('an empty part is refused rather than imported as ",,"', () => expect(ids.permissionSetImportId('', INSTANCE)).toEqual({ ok: false, reason: 'aws_ssoadmin_permission_set: permission set ARN is empty' }));
});

describe('identity store', () => {
  test('a user is imported as store ID/user ID', () => expect(ids.identityStoreUserImportId('d-9067bcfc3c', '9067-user')).toEqual(ok('d-9067bcfc3c/9067-user')));
  test('a group is imported as store ID/group ID', () => expect(ids.identityStoreGroupImportId('d-9067bcfc3c', '9067-group')).toEqual(ok('d-9067bcfc3c/9067-group')));
  test('a group membership is imported as store ID/membership ID', () => expect(ids.identityStoreGroupMembershipImportId('d-9067bcfc3c', '9067-m-1')).toEqual(ok('d-9067bcfc3c/9067-m-1')));
});

describe('IAM', () => {
  test('the account alias is imported by the alias', () => expect(ids.iamAccountAliasImportId('guides-management')).toEqual(ok('guides-management')));
  test('the password policy is imported by the literal iam-account-password-policy', () => expect(ids.iamAccountPasswordPolicyImportId()).toEqual(ok('iam-account-password-policy')));
  test('a group is imported by its name', () => expect(ids.iamGroupImportId('developers')).toEqual(ok('developers')));
  test('a user is imported by its name', () => expect(ids.iamUserImportId('primary-admin')).toEqual(ok('primary-admin')));
  test('a user group membership is imported as user/group/group', () => expect(ids.iamUserGroupMembershipImportId('user1', ['group1', 'group2'])).toEqual(ok('user1/group1/group2')));
  test('a user group membership without groups is refused', () => expect(ids.iamUserGroupMembershipImportId('user1', []).ok).toBe(false));
  test('a policy is imported by its ARN', () => expect(ids.iamPolicyImportId('arn:aws:iam::111122223333:policy/ops/DenyBilling')).toEqual(ok('arn:aws:iam::111122223333:policy/ops/DenyBilling')));
  test('a group policy attachment is imported as group/policy ARN, slashes in the ARN and all', () =>
    expect(ids.iamGroupPolicyAttachmentImportId('test-group', 'arn:aws:iam::111122223333:policy/ops/test-policy')).toEqual(ok('test-group/arn:aws:iam::111122223333:policy/ops/test-policy')));
  test('a login profile is imported by the user name', () => expect(ids.iamUserLoginProfileImportId('primary-admin')).toEqual(ok('primary-admin')));
  test('centralized root access features are imported by the organization ID', () => expect(ids.iamOrganizationsFeaturesImportId('o-guides1234')).toEqual(ok('o-guides1234')));
});

describe('Account Management', () => {
  test('an alternate contact of the current account is imported by its type', () => expect(ids.accountAlternateContactImportId('SECURITY')).toEqual(ok('SECURITY')));
  test('an alternate contact of another account is imported as account ID/type', () => expect(ids.accountAlternateContactImportId('OPERATIONS', '444455556666')).toEqual(ok('444455556666/OPERATIONS')));
});

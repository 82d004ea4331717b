/**
 * Import IDs, one function per Terraform resource type, in the format the Terraform AWS provider
 * documents in hashicorp/terraform-provider-aws `website/docs/r/<type>.html.markdown`, section
 * "Import". Each was checked against that file (the commit read is named beside it; the v6.25.0 tag
 * itself could not be fetched, see IMPORT-TRAPS.md); where the docs said less than the importer,
 * the importer's source is cited too.
 *
 * Several IDs join parts with "," or "/"; the provider splits them again on import. A part that
 * contains the separator cannot round-trip, so it is a typed failure with a reason, never a broken ID.
 */

export type ImportId = { readonly ok: true; readonly id: string } | { readonly ok: false; readonly reason: string };

function joined(type: string, separator: ',' | '/' | ':', parts: readonly string[], labels: readonly string[]): ImportId {
  for (const [index, part] of parts.entries()) {
    if (part === '') return { ok: false, reason: `${type}: ${labels[index]} is empty` };
    if (part.includes(separator)) {
      return {
        ok: false,
        reason: `${type} is imported by an ID of "${separator}"-separated parts, and its ${labels[index]} "${part}" contains "${separator}": the provider would split it in the wrong place. Rename it in AWS, or leave it out of the config.`,
      };
    }
  }
  return { ok: true, id: parts.join(separator) };
}

function single(type: string, label: string, value: string): ImportId {
  return value === '' ? { ok: false, reason: `${type}: ${label} is empty` } : { ok: true, id: value };
}

// ---- Organizations --------------------------------------------------------------------------

/** `o-1234567`. website/docs/r/organizations_organization.html.markdown (commit 1b18469b): "import the AWS organization using the `id`". */
export const organizationImportId = (organizationId: string) => single('aws_organizations_organization', 'organization ID', organizationId);

/** `ou-1234567`. website/docs/r/organizations_organizational_unit.html.markdown (commit 19978272): "using the `id`". */
export const organizationalUnitImportId = (ouId: string) => single('aws_organizations_organizational_unit', 'OU ID', ouId);

/**
 * `111111111111`, or `111111111111_ALLOW` / `_DENY` to also set iam_user_access_to_billing in
 * state. website/docs/r/organizations_account.html.markdown (commits 0620f2a6, 56dec8ba) documents
 * only "the `account_id`"; the `_<IAM User Access Status>` suffix is in the importer,
 * internal/service/organizations/account.go `resourceAccountImportState` (v2 SDK version):
 * "expected <account_id>_<IAM User Access Status> or <account_id>". AWS has no API that reads the
 * setting back, so pass it only when you know what the account was created with.
 */
export function organizationsAccountImportId(accountId: string, iamUserAccessToBilling?: 'ALLOW' | 'DENY'): ImportId {
  if (!/^\d{12}$/.test(accountId)) return { ok: false, reason: `aws_organizations_account: "${accountId}" is not a 12-digit account ID` };
  return { ok: true, id: iamUserAccessToBilling === undefined ? accountId : `${accountId}_${iamUserAccessToBilling}` };
}

/** `p-12345678`. website/docs/r/organizations_policy.html.markdown (commit 03244b8d): "by using the policy ID". */
export const organizationsPolicyImportId = (policyId: string) => single('aws_organizations_policy', 'policy ID', policyId);

/** `<target_id>:<policy_id>`, e.g. `123456789012:p-12345678`. website/docs/r/organizations_policy_attachment.html.markdown (commit 09e1b782): "by using the target ID and policy ID". */
export const organizationsPolicyAttachmentImportId = (targetId: string, policyId: string) =>
  joined('aws_organizations_policy_attachment', ':', [targetId, policyId], ['target ID', 'policy ID']);

// ---- IAM Identity Center (SSO Admin) --------------------------------------------------------

/** `<arn>,<instance_arn>`. website/docs/r/ssoadmin_permission_set.html.markdown (commit 02fe3b28): "using the `arn` and `instance_arn` separated by a comma". */
export const permissionSetImportId = (permissionSetArn: string, instanceArn: string) =>
  joined('aws_ssoadmin_permission_set', ',', [permissionSetArn, instanceArn], ['permission set ARN', 'instance ARN']);

/** `<managed_policy_arn>,<permission_set_arn>,<instance_arn>`. website/docs/r/ssoadmin_managed_policy_attachment.html.markdown (commit 03591add). */
export const managedPolicyAttachmentImportId = (managedPolicyArn: string, permissionSetArn: string, instanceArn: string) =>
  joined('aws_ssoadmin_managed_policy_attachment', ',', [managedPolicyArn, permissionSetArn, instanceArn], ['managed policy ARN', 'permission set ARN', 'instance ARN']);

/**
 * `<name>,<path>,<permission_set_arn>,<instance_arn>`. website/docs/r/ssoadmin_customer_managed_policy_attachment.html.markdown
 * (commit 00d53916): "using the `name`, `path`, `permission_set_arn`, and `instance_arn` separated by a comma".
 * IAM policy names may contain "," (`[\w+=,.@-]`), so this is the ID most likely to be refused.
 */
export const customerManagedPolicyAttachmentImportId = (policyName: string, policyPath: string, permissionSetArn: string, instanceArn: string) =>
  joined('aws_ssoadmin_customer_managed_policy_attachment', ',', [policyName, policyPath, permissionSetArn, instanceArn], ['policy name', 'policy path', 'permission set ARN', 'instance ARN']);

/** `<permission_set_arn>,<instance_arn>`. website/docs/r/ssoadmin_permission_set_inline_policy.html.markdown (commit 03591add). */
export const permissionSetInlinePolicyImportId = (permissionSetArn: string, instanceArn: string) =>
  joined('aws_ssoadmin_permission_set_inline_policy', ',', [permissionSetArn, instanceArn], ['permission set ARN', 'instance ARN']);

/** `<permission_set_arn>,<instance_arn>`. website/docs/r/ssoadmin_permissions_boundary_attachment.html.markdown (commit 03591add). */
export const permissionsBoundaryAttachmentImportId = (permissionSetArn: string, instanceArn: string) =>
  joined('aws_ssoadmin_permissions_boundary_attachment', ',', [permissionSetArn, instanceArn], ['permission set ARN', 'instance ARN']);

/**
 * `<principal_id>,<USER|GROUP>,<account_id>,AWS_ACCOUNT,<permission_set_arn>,<instance_arn>`, in
 * that order. website/docs/r/ssoadmin_account_assignment.html.markdown (commit 03591add): "using the
 * `principal_id`, `principal_type`, `target_id`, `target_type`, `permission_set_arn`, `instance_arn`
 * separated by commas"; internal/service/ssoadmin/account_assignment.go `ParseAccountAssignmentID`
 * expects "PRINCIPAL_ID,PRINCIPAL_TYPE,TARGET_ID,TARGET_TYPE,PERMISSION_SET_ARN,INSTANCE_ARN".
 */
export const accountAssignmentImportId = (principalId: string, principalType: 'USER' | 'GROUP', accountId: string, permissionSetArn: string, instanceArn: string) =>
  joined(
    'aws_ssoadmin_account_assignment',
    ',',
    [principalId, principalType, accountId, 'AWS_ACCOUNT', permissionSetArn, instanceArn],
    ['principal ID', 'principal type', 'account ID', 'target type', 'permission set ARN', 'instance ARN'],
  );

/** `<instance_arn>`. website/docs/r/ssoadmin_instance_access_control_attributes.html.markdown (commit 03591add): "using the `instance_arn`". */
export const instanceAccessControlAttributesImportId = (instanceArn: string) => single('aws_ssoadmin_instance_access_control_attributes', 'instance ARN', instanceArn);

// ---- Identity store -------------------------------------------------------------------------

/** `<identity_store_id>/<user_id>`. website/docs/r/identitystore_user.html.markdown (commit 1decc379): "using the combination `identity_store_id/user_id`". */
export const identityStoreUserImportId = (identityStoreId: string, userId: string) =>
  joined('aws_identitystore_user', '/', [identityStoreId, userId], ['identity store ID', 'user ID']);

/**
 * `<identity_store_id>/<group_id>`. website/docs/r/identitystore_group.html.markdown (commit 8a5c46c0):
 * "using the combination `identity_store_id/group_id`" (an older version, commit 3f74774e, showed a
 * bare group ID in its example: the newer text is the one followed).
 */
export const identityStoreGroupImportId = (identityStoreId: string, groupId: string) =>
  joined('aws_identitystore_group', '/', [identityStoreId, groupId], ['identity store ID', 'group ID']);

/** `<identity_store_id>/<membership_id>`. website/docs/r/identitystore_group_membership.html.markdown (commit 1a56eb4f). */
export const identityStoreGroupMembershipImportId = (identityStoreId: string, membershipId: string) =>
  joined('aws_identitystore_group_membership', '/', [identityStoreId, membershipId], ['identity store ID', 'membership ID']);

// ---- IAM ------------------------------------------------------------------------------------

/** `<account_alias>`. website/docs/r/iam_account_alias.html.markdown (commit 5303f572). */
export const iamAccountAliasImportId = (alias: string) => single('aws_iam_account_alias', 'account alias', alias);

/** The literal `iam-account-password-policy`. website/docs/r/iam_account_password_policy.html.markdown (commits 03ffdb07, 6c2bf3ff): "using the word `iam-account-password-policy`". */
export const iamAccountPasswordPolicyImportId = (): ImportId => ({ ok: true, id: 'iam-account-password-policy' });

/** `<name>`. website/docs/r/iam_group.html.markdown (commit 05389d46): "using the `name`". */
export const iamGroupImportId = (groupName: string) => single('aws_iam_group', 'group name', groupName);

/** `<name>`. website/docs/r/iam_user.html.markdown (commit 1e334cd6): "using the `name`". */
export const iamUserImportId = (userName: string) => single('aws_iam_user', 'user name', userName);

/**
 * `<user>/<group1>/<group2>…`. website/docs/r/iam_user_group_membership.html.markdown (commit afbdea23):
 * "using the user name and group names separated by `/`". (aws_iam_group_membership has no import at
 * provider 6.25: see IMPORT-TRAPS.md.)
 */
export function iamUserGroupMembershipImportId(userName: string, groupNames: readonly string[]): ImportId {
  if (groupNames.length === 0) return { ok: false, reason: 'aws_iam_user_group_membership: a membership needs at least one group' };
  return joined('aws_iam_user_group_membership', '/', [userName, ...groupNames], ['user name', ...groupNames.map((_, i) => `group name ${i + 1}`)]);
}

/** `<arn>`. website/docs/r/iam_policy.html.markdown (commit 1b95a29b): "using the `arn`". */
export const iamPolicyImportId = (policyArn: string) => single('aws_iam_policy', 'policy ARN', policyArn);

/**
 * `<group>/<policy_arn>`. website/docs/r/iam_group_policy_attachment.html.markdown (commit 7a57de64):
 * "using the group name and policy arn separated by `/`". The ARN itself contains "/", so only the
 * group name is checked for it.
 */
export function iamGroupPolicyAttachmentImportId(groupName: string, policyArn: string): ImportId {
  const group = joined('aws_iam_group_policy_attachment', '/', [groupName], ['group name']);
  if (!group.ok) return group;
  return policyArn === '' ? { ok: false, reason: 'aws_iam_group_policy_attachment: policy ARN is empty' } : { ok: true, id: `${groupName}/${policyArn}` };
}

/**
 * `<user name>`. website/docs/r/iam_user_login_profile.html.markdown (commit bdbe341d): "without
 * password information via the IAM User name" (see IMPORT-TRAPS.md for what that leaves out).
 */
export const iamUserLoginProfileImportId = (userName: string) => single('aws_iam_user_login_profile', 'user name', userName);

/** `<organization id>`. website/docs/r/iam_organizations_features.html.markdown (commit 108f85fd): "using the `id`" (the `o-` ID). */
export const iamOrganizationsFeaturesImportId = (organizationId: string) => single('aws_iam_organizations_features', 'organization ID', organizationId);

// ---- Account Management ---------------------------------------------------------------------

/**
 * `<TYPE>` for the account Terraform runs in, `<account_id>/<TYPE>` for another account.
 * website/docs/r/account_alternate_contact.html.markdown (commit 50249d78).
 */
export function accountAlternateContactImportId(type: 'BILLING' | 'OPERATIONS' | 'SECURITY', accountId?: string): ImportId {
  if (accountId === undefined) return { ok: true, id: type };
  if (!/^\d{12}$/.test(accountId)) return { ok: false, reason: `aws_account_alternate_contact: "${accountId}" is not a 12-digit account ID` };
  return { ok: true, id: `${accountId}/${type}` };
}

/**
 * Every IAM action discovery calls: all reads. Shown when a call is denied, so the fix is one
 * policy rather than one permission per run.
 */
export const DISCOVERY_PERMISSIONS: readonly string[] = [
  'organizations:DescribeOrganization',
  'organizations:ListRoots',
  'organizations:ListAWSServiceAccessForOrganization',
  'organizations:ListOrganizationalUnitsForParent',
  'organizations:ListAccountsForParent',
  'organizations:ListTagsForResource',
  'organizations:ListPolicies',
  'organizations:DescribePolicy',
  'organizations:ListTargetsForPolicy',
  'organizations:ListDelegatedAdministrators',
  'organizations:ListDelegatedServicesForAccount',
  'sso:ListInstances',
  'sso:DescribeInstanceAccessControlAttributeConfiguration',
  'sso:ListPermissionSets',
  'sso:DescribePermissionSet',
  'sso:ListTagsForResource',
  'sso:ListManagedPoliciesInPermissionSet',
  'sso:ListCustomerManagedPolicyReferencesInPermissionSet',
  'sso:GetInlinePolicyForPermissionSet',
  'sso:GetPermissionsBoundaryForPermissionSet',
  'sso:ListAccountsForProvisionedPermissionSet',
  'sso:ListAccountAssignments',
  'identitystore:ListUsers',
  'identitystore:ListGroups',
  'identitystore:ListGroupMemberships',
  'iam:ListAccountAliases',
  'iam:GetAccountPasswordPolicy',
  'iam:ListOrganizationsFeatures',
  'iam:ListGroups',
  'iam:ListAttachedGroupPolicies',
  'iam:ListGroupPolicies',
  'iam:ListUsers',
  'iam:GetUser',
  'iam:ListGroupsForUser',
  'iam:ListAttachedUserPolicies',
  'iam:ListUserPolicies',
  'iam:GetLoginProfile',
  'iam:ListAccessKeys',
  'iam:ListMFADevices',
  'account:GetAlternateContact',
];

/** The least-privilege policy document for the identity discovery runs as. */
export function discoveryPolicy(): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'ReadOnlyDiscovery', Effect: 'Allow', Action: DISCOVERY_PERMISSIONS, Resource: '*' }] }, null, 2);
}

/**
 * Import IDs in the formats the Terraform AWS provider (hashicorp/aws 6.25) documents in
 * website/docs/r/<type>.html.markdown, section "Import". The ssoadmin IDs are comma-separated, so
 * a part containing "," cannot be imported: that is an error with a reason, never a broken ID.
 */
export type ImportId = { readonly ok: true; readonly id: string } | { readonly ok: false; readonly reason: string };

function commaSeparated(type: string, parts: readonly string[]): ImportId {
  const bad = parts.find((part) => part.includes(','));
  if (bad !== undefined) return { ok: false, reason: `${type} is imported by an ID of comma-separated parts, and "${bad}" contains a comma: rename it in AWS first, or leave it out of the config` };
  return { ok: true, id: parts.join(',') };
}

/** ssoadmin_permission_set: `arn,instance_arn`. */
export const permissionSetId = (arn: string, instanceArn: string) => commaSeparated('aws_ssoadmin_permission_set', [arn, instanceArn]);
/** ssoadmin_managed_policy_attachment: `managed_policy_arn,permission_set_arn,instance_arn`. */
export const managedPolicyAttachmentId = (policyArn: string, setArn: string, instanceArn: string) =>
  commaSeparated('aws_ssoadmin_managed_policy_attachment', [policyArn, setArn, instanceArn]);
/** ssoadmin_customer_managed_policy_attachment: `name,path,permission_set_arn,instance_arn`. */
export const customerManagedPolicyAttachmentId = (name: string, path: string, setArn: string, instanceArn: string) =>
  commaSeparated('aws_ssoadmin_customer_managed_policy_attachment', [name, path, setArn, instanceArn]);
/** ssoadmin_permission_set_inline_policy: `permission_set_arn,instance_arn`. */
export const inlinePolicyId = (setArn: string, instanceArn: string) => commaSeparated('aws_ssoadmin_permission_set_inline_policy', [setArn, instanceArn]);
/** ssoadmin_permissions_boundary_attachment: `permission_set_arn,instance_arn`. */
export const permissionsBoundaryId = (setArn: string, instanceArn: string) => commaSeparated('aws_ssoadmin_permissions_boundary_attachment', [setArn, instanceArn]);
/** ssoadmin_account_assignment: `principal_id,principal_type,target_id,target_type,permission_set_arn,instance_arn`. */
export const accountAssignmentId = (principalId: string, principalType: 'USER' | 'GROUP', accountId: string, setArn: string, instanceArn: string) =>
  commaSeparated('aws_ssoadmin_account_assignment', [principalId, principalType, accountId, 'AWS_ACCOUNT', setArn, instanceArn]);
/** identitystore_user, identitystore_group, identitystore_group_membership: `identity_store_id/id`. */
export const identityStoreId = (identityStore: string, id: string): ImportId => ({ ok: true, id: `${identityStore}/${id}` });
/** organizations_organization, _organizational_unit, _account: the object's own ID. */
export const organizationsId = (id: string): ImportId => ({ ok: true, id });
/** ssoadmin_instance_access_control_attributes: the instance ARN. */
export const accessControlAttributesId = (instanceArn: string): ImportId => ({ ok: true, id: instanceArn });

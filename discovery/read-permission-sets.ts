/**
 * Permission sets with everything Terraform sets on them: the set itself, its tags, AWS-managed
 * and customer-managed policies, inline policy, permissions boundary, and the accounts it is
 * provisioned to (the input for reading assignments).
 */
import {
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  ListAccountsForProvisionedPermissionSetCommand,
  ListCustomerManagedPolicyReferencesInPermissionSetCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListPermissionSetsCommand,
  ListTagsForResourceCommand,
  type PermissionsBoundary,
} from '@aws-sdk/client-sso-admin';
import { noneWhen } from './caller';
import { compareText, defined, readEach, tagsOf, type ReadContext } from './context';
import type { DiscoveredPermissionSet } from './estate';
import { allPages } from './pages';

function boundaryOf(boundary: PermissionsBoundary | undefined): DiscoveredPermissionSet['permissionsBoundary'] {
  if (boundary?.ManagedPolicyArn) return { managedPolicyArn: boundary.ManagedPolicyArn };
  const reference = boundary?.CustomerManagedPolicyReference;
  if (reference?.Name) return { customerManagedPolicy: { name: reference.Name, path: reference.Path ?? '/' } };
  return undefined;
}

async function readPermissionSet(ctx: ReadContext, instanceArn: string, arn: string): Promise<DiscoveredPermissionSet> {
  const ids = { InstanceArn: instanceArn, PermissionSetArn: arn };
  const [described, tags, managed, customer, inline, boundary, accounts] = await ctx.caller.all([
    ctx.sso(new DescribePermissionSetCommand(ids)),
    ctx.caller.optional('tags of permission sets', allPages((NextToken) => ctx.sso(new ListTagsForResourceCommand({ InstanceArn: instanceArn, ResourceArn: arn, NextToken })), (page) => page.Tags)),
    allPages((NextToken) => ctx.sso(new ListManagedPoliciesInPermissionSetCommand({ ...ids, NextToken })), (page) => page.AttachedManagedPolicies),
    allPages((NextToken) => ctx.sso(new ListCustomerManagedPolicyReferencesInPermissionSetCommand({ ...ids, NextToken })), (page) => page.CustomerManagedPolicyReferences),
    ctx.sso(new GetInlinePolicyForPermissionSetCommand(ids)),
    // A set without a boundary answers ResourceNotFound rather than an empty boundary.
    noneWhen(ctx.sso(new GetPermissionsBoundaryForPermissionSetCommand(ids)), ['ResourceNotFoundException']),
    allPages((NextToken) => ctx.sso(new ListAccountsForProvisionedPermissionSetCommand({ ...ids, NextToken })), (page) => page.AccountIds),
  ]);
  const set = described.PermissionSet;
  const managedPolicies = managed
    .filter((policy) => policy.Arn !== undefined)
    .map((policy) => ({ arn: policy.Arn ?? '', name: policy.Name ?? '' }))
    .sort((a, b) => compareText(a.arn, b.arn));
  return defined({
    arn,
    name: set?.Name ?? '',
    description: set?.Description,
    sessionDuration: set?.SessionDuration,
    relayState: set?.RelayState,
    createdDate: set?.CreatedDate?.toISOString(),
    tags: tagsOf(tags),
    managedPolicyArns: managedPolicies.map((policy) => policy.arn),
    managedPolicies,
    customerManagedPolicies: customer
      .filter((policy) => policy.Name !== undefined)
      .map((policy) => ({ name: policy.Name ?? '', path: policy.Path ?? '/' }))
      .sort((a, b) => compareText(a.name, b.name) || compareText(a.path, b.path)),
    // AWS answers an empty string for a set without an inline policy.
    inlinePolicy: inline.InlinePolicy ? inline.InlinePolicy : undefined,
    permissionsBoundary: boundaryOf(boundary?.PermissionsBoundary),
    provisionedAccountIds: [...accounts].sort(),
  });
}

export async function readPermissionSets(ctx: ReadContext, instanceArn: string): Promise<DiscoveredPermissionSet[]> {
  const arns = await allPages((NextToken) => ctx.sso(new ListPermissionSetsCommand({ InstanceArn: instanceArn, NextToken })), (page) => page.PermissionSets);
  const sets = await readEach(ctx, 'permission sets', arns, (arn) => readPermissionSet(ctx, instanceArn, arn));
  return sets.sort((a, b) => compareText(a.name, b.name));
}

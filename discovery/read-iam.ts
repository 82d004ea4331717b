/**
 * IAM of the account discovery runs in: alias, password policy, centralized root access, and the
 * IAM groups and users people clicked together before (or instead of) Identity Center.
 */
import {
  GetAccountPasswordPolicyCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListAccountAliasesCommand,
  ListMFADevicesCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupPoliciesCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  ListOrganizationsFeaturesCommand,
  ListUserPoliciesCommand,
  ListUsersCommand,
  type AttachedPolicy,
  type Group,
  type User,
} from '@aws-sdk/client-iam';
import { noneWhen } from './caller';
import { compareText, defined, readEach, tagsOf, type ReadContext } from './context';
import type { DiscoveredIam, DiscoveredIamGroup, DiscoveredIamUser } from './estate';
import { allPages, type Page } from './pages';

/** ListOrganizationsFeatures fails this way when there is nothing to list rather than a denial. */
const NO_ORGANIZATIONS_FEATURES = ['ServiceAccessNotEnabledException', 'OrganizationNotFoundException', 'OrganizationNotInAllFeaturesModeException'];

/** What IAM answers for "there is none" (no password policy, no login profile). */
const NO_SUCH_ENTITY = ['NoSuchEntityException', 'NoSuchEntity'];

/** IAM pages with Marker/IsTruncated, not NextToken: map them onto the same loop. */
function iamPages<P extends { readonly IsTruncated?: boolean; readonly Marker?: string }, T>(
  fetch: (marker: string | undefined) => Promise<P>,
  itemsOf: (page: P) => readonly T[] | undefined,
): Promise<T[]> {
  return allPages<P & Page, T>((marker) => fetch(marker).then((page): P & Page => ({ ...page, NextToken: page.IsTruncated ? page.Marker : undefined })), itemsOf);
}

const sortedArns = (policies: readonly AttachedPolicy[]) => policies.flatMap((policy) => (policy.PolicyArn ? [policy.PolicyArn] : [])).sort(compareText);
const sortedNames = (names: readonly string[]) => [...names].sort(compareText);

async function readGroup(ctx: ReadContext, group: Group): Promise<DiscoveredIamGroup> {
  const GroupName = group.GroupName ?? '';
  const [attached, inline] = await ctx.caller.all([
    iamPages((Marker) => ctx.iam(new ListAttachedGroupPoliciesCommand({ GroupName, Marker })), (page) => page.AttachedPolicies),
    iamPages((Marker) => ctx.iam(new ListGroupPoliciesCommand({ GroupName, Marker })), (page) => page.PolicyNames),
  ]);
  return { name: GroupName, arn: group.Arn ?? '', path: group.Path ?? '/', attachedPolicyArns: sortedArns(attached), inlinePolicyNames: sortedNames(inline) };
}

async function readUser(ctx: ReadContext, listed: User): Promise<DiscoveredIamUser> {
  const UserName = listed.UserName ?? '';
  const [described, groups, attached, inline, loginProfile, accessKeys, mfaDevices] = await ctx.caller.all([
    // ListUsers leaves out Tags and PermissionsBoundary (its documented behaviour); GetUser has both.
    ctx.iam(new GetUserCommand({ UserName })),
    iamPages((Marker) => ctx.iam(new ListGroupsForUserCommand({ UserName, Marker })), (page) => page.Groups),
    iamPages((Marker) => ctx.iam(new ListAttachedUserPoliciesCommand({ UserName, Marker })), (page) => page.AttachedPolicies),
    iamPages((Marker) => ctx.iam(new ListUserPoliciesCommand({ UserName, Marker })), (page) => page.PolicyNames),
    // A user without a console password answers NoSuchEntity: that is "no console access".
    noneWhen(ctx.iam(new GetLoginProfileCommand({ UserName })), NO_SUCH_ENTITY),
    // For the baseline's controls (long-lived keys, users without MFA); nothing adopted depends on them.
    ctx.caller.optional('access keys of IAM users', iamPages((Marker) => ctx.iam(new ListAccessKeysCommand({ UserName, Marker })), (page) => page.AccessKeyMetadata)),
    ctx.caller.optional('MFA devices of IAM users', iamPages((Marker) => ctx.iam(new ListMFADevicesCommand({ UserName, Marker })), (page) => page.MFADevices)),
  ]);
  const user = described.User ?? listed;
  return defined({
    name: UserName,
    arn: user.Arn ?? listed.Arn ?? '',
    path: user.Path ?? listed.Path ?? '/',
    tags: tagsOf(user.Tags),
    groups: sortedNames(groups.flatMap((group) => (group.GroupName ? [group.GroupName] : []))),
    attachedPolicyArns: sortedArns(attached),
    inlinePolicyNames: sortedNames(inline),
    consoleAccess: loginProfile?.LoginProfile !== undefined,
    permissionsBoundaryArn: user.PermissionsBoundary?.PermissionsBoundaryArn,
    accessKeys: accessKeys
      ?.map((key) => defined({ id: key.AccessKeyId ?? '', status: key.Status ?? '', createdDate: key.CreateDate?.toISOString() }))
      .sort((a, b) => compareText(a.id, b.id)),
    mfaDevices: mfaDevices?.map((device) => defined({ serialNumber: device.SerialNumber ?? '', enabledDate: device.EnableDate?.toISOString() })),
  });
}

async function readGroups(ctx: ReadContext): Promise<DiscoveredIamGroup[]> {
  const groups = await iamPages((Marker) => ctx.iam(new ListGroupsCommand({ Marker })), (page) => page.Groups);
  const read = await readEach(ctx, 'IAM groups', groups, (group) => readGroup(ctx, group));
  return read.sort((a, b) => compareText(a.name, b.name));
}

async function readUsers(ctx: ReadContext): Promise<DiscoveredIamUser[]> {
  const users = await iamPages((Marker) => ctx.iam(new ListUsersCommand({ Marker })), (page) => page.Users);
  const read = await readEach(ctx, 'IAM users', users, (user) => readUser(ctx, user));
  return read.sort((a, b) => compareText(a.name, b.name));
}

export async function readIam(ctx: ReadContext): Promise<DiscoveredIam> {
  const [aliases, passwordPolicy, features, groups, users] = await ctx.caller.all([
    iamPages((Marker) => ctx.iam(new ListAccountAliasesCommand({ Marker })), (page) => page.AccountAliases),
    // An account that never set a policy answers NoSuchEntity: that is "no policy", not a failure.
    noneWhen(ctx.iam(new GetAccountPasswordPolicyCommand({})), NO_SUCH_ENTITY),
    noneWhen(ctx.iam(new ListOrganizationsFeaturesCommand({})), NO_ORGANIZATIONS_FEATURES),
    readGroups(ctx),
    readUsers(ctx),
  ]);
  const policy = passwordPolicy?.PasswordPolicy;
  return defined({
    accountAlias: aliases[0],
    passwordPolicy: policy
      ? defined({
          minimumPasswordLength: policy.MinimumPasswordLength,
          requireSymbols: policy.RequireSymbols,
          requireNumbers: policy.RequireNumbers,
          requireUppercaseCharacters: policy.RequireUppercaseCharacters,
          requireLowercaseCharacters: policy.RequireLowercaseCharacters,
          allowUsersToChangePassword: policy.AllowUsersToChangePassword,
          expirePasswords: policy.ExpirePasswords,
          maxPasswordAge: policy.MaxPasswordAge,
          passwordReusePrevention: policy.PasswordReusePrevention,
          hardExpiry: policy.HardExpiry,
        })
      : undefined,
    organizationsFeatures: [...(features?.EnabledFeatures ?? [])].sort(),
    groups,
    users,
  });
}

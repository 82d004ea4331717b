/** Users with every profile field, groups, and who is in which group. */
import { ListGroupMembershipsCommand, ListGroupsCommand, ListUsersCommand, type ExternalId as SdkExternalId, type User } from '@aws-sdk/client-identitystore';
import { compareText, defined, type ReadContext } from './context';
import type { DiscoveredGroup, DiscoveredMembership, DiscoveredUser, ExternalId, ProfileValue } from './estate';
import { allPages } from './pages';
import { mapWithConcurrency } from './pool';

function externalIdsOf(ids: readonly SdkExternalId[] | undefined): ExternalId[] | undefined {
  if (!ids || ids.length === 0) return undefined;
  return ids.map((id) => ({ issuer: id.Issuer ?? '', id: id.Id ?? '' }));
}

function valuesOf(values: ReadonlyArray<{ Value?: string; Type?: string; Primary?: boolean }> | undefined): ProfileValue[] {
  return (values ?? []).map((value) => defined({ value: value.Value, type: value.Type, primary: value.Primary }));
}

function userOf(user: User): DiscoveredUser {
  const emails = valuesOf(user.Emails);
  const name = user.Name
    ? defined({
        formatted: user.Name.Formatted,
        familyName: user.Name.FamilyName,
        givenName: user.Name.GivenName,
        middleName: user.Name.MiddleName,
        honorificPrefix: user.Name.HonorificPrefix,
        honorificSuffix: user.Name.HonorificSuffix,
      })
    : undefined;
  return defined({
    id: user.UserId ?? '',
    userName: user.UserName ?? '',
    displayName: user.DisplayName,
    name,
    givenName: user.Name?.GivenName,
    familyName: user.Name?.FamilyName,
    middleName: user.Name?.MiddleName,
    email: (emails.find((email) => email.primary) ?? emails[0])?.value,
    emails,
    addresses: (user.Addresses ?? []).map((address) =>
      defined({
        streetAddress: address.StreetAddress,
        locality: address.Locality,
        region: address.Region,
        postalCode: address.PostalCode,
        country: address.Country,
        formatted: address.Formatted,
        type: address.Type,
        primary: address.Primary,
      }),
    ),
    phoneNumbers: valuesOf(user.PhoneNumbers),
    nickname: user.NickName,
    profileUrl: user.ProfileUrl,
    userType: user.UserType,
    title: user.Title,
    preferredLanguage: user.PreferredLanguage,
    locale: user.Locale,
    timezone: user.Timezone,
    status: user.UserStatus,
    website: user.Website,
    birthdate: user.Birthdate,
    photos: user.Photos && user.Photos.length > 0 ? valuesOf(user.Photos) : undefined,
    roles: user.Roles && user.Roles.length > 0 ? valuesOf(user.Roles) : undefined,
    externalIds: externalIdsOf(user.ExternalIds),
  });
}

export async function readUsers(ctx: ReadContext, identityStoreId: string): Promise<DiscoveredUser[]> {
  ctx.progress.begin('users', 0);
  const users = await allPages(
    async (NextToken) => {
      const page = await ctx.identityStore(new ListUsersCommand({ IdentityStoreId: identityStoreId, NextToken }));
      page.Users?.forEach(() => ctx.progress.advance('users'));
      return page;
    },
    (page) => page.Users,
  );
  ctx.progress.end('users');
  return users.map(userOf).sort((a, b) => compareText(a.userName, b.userName));
}

export async function readGroups(ctx: ReadContext, identityStoreId: string): Promise<DiscoveredGroup[]> {
  const groups = await allPages((NextToken) => ctx.identityStore(new ListGroupsCommand({ IdentityStoreId: identityStoreId, NextToken })), (page) => page.Groups);
  return groups
    .map((group) => defined({ id: group.GroupId ?? '', displayName: group.DisplayName ?? '', description: group.Description, externalIds: externalIdsOf(group.ExternalIds) }))
    .sort((a, b) => compareText(a.displayName, b.displayName));
}

/** One ListGroupMemberships per group: fewer calls than one per user, as groups are fewer than users. */
export async function readMemberships(ctx: ReadContext, identityStoreId: string, groups: readonly DiscoveredGroup[]): Promise<DiscoveredMembership[]> {
  ctx.progress.begin('group memberships', groups.length);
  const perGroup = await mapWithConcurrency(groups, ctx.concurrency, async (group) => {
    const memberships = await ctx.caller.settle(() =>
      allPages((NextToken) => ctx.identityStore(new ListGroupMembershipsCommand({ IdentityStoreId: identityStoreId, GroupId: group.id, NextToken })), (page) => page.GroupMemberships),
    );
    ctx.progress.advance('group memberships');
    return (memberships ?? []).flatMap((membership): DiscoveredMembership[] => {
      // MemberId is a union that today only holds users; anything else is not a user membership.
      const userId = membership.MemberId?.UserId;
      return userId === undefined ? [] : [{ membershipId: membership.MembershipId ?? '', groupId: group.id, userId }];
    });
  });
  ctx.progress.end('group memberships');
  return perGroup.flat();
}

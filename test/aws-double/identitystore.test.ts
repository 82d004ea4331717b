/**
 * Identity Store in the AWS double, through the real SDK v3 client over HTTP: the shapes of the
 * Identity Store API reference (API_CreateUser.html, API_DescribeUser.html, API_UpdateUser.html,
 * API_GetUserId.html, API_GetGroupId.html, API_ListGroupMemberships.html, …) and the error codes the
 * provider branches on (ResourceNotFoundException = gone; ConflictException on a duplicate).
 */
import {
  ConflictException,
  CreateGroupCommand,
  CreateGroupMembershipCommand,
  CreateUserCommand,
  DeleteGroupMembershipCommand,
  DeleteUserCommand,
  DescribeGroupCommand,
  DescribeGroupMembershipCommand,
  DescribeUserCommand,
  GetGroupIdCommand,
  GetGroupMembershipIdCommand,
  GetUserIdCommand,
  IdentitystoreClient,
  IsMemberInGroupsCommand,
  ListGroupMembershipsCommand,
  ListGroupMembershipsForMemberCommand,
  ListGroupsCommand,
  ListUsersCommand,
  ResourceNotFoundException,
  UpdateGroupCommand,
  UpdateUserCommand,
  ValidationException,
  type AttributeOperation,
} from '@aws-sdk/client-identitystore';
import { ListInstancesCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';

import { doubleClientConfig } from './sdk-clients';
import { startAwsDouble, type AwsDouble } from './server';
import { identityCenterOf } from './services/identity-center';
import { identityStoreDouble } from './services/identitystore';
import { ssoAdminDouble } from './services/sso-admin';

// The formats the API reference gives (API_GetUserId.html, API_DescribeUser.html).
const STORE_ID = /^d-[0-9a-f]{10}$/;
const NAME = { GivenName: 'Given', FamilyName: 'Family' };
const PRINCIPAL_ID = /^([0-9a-f]{10}-|)[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

describe('Identity Store in the AWS double (JSON 1.1, AWSIdentityStore)', () => {
  let double: AwsDouble;
  let client: IdentitystoreClient;
  let IdentityStoreId: string;

  beforeAll(async () => {
    double = await startAwsDouble({ services: [ssoAdminDouble, identityStoreDouble] });
    client = new IdentitystoreClient(doubleClientConfig(double.url));
    IdentityStoreId = identityCenterOf(double.world).instance.identityStoreId;
  });
  afterAll(() => double.close());
  afterEach(() => expect(double.unanswered()).toEqual([]));

  it('the identity store is the one ListInstances links to the instance', async () => {
    const { Instances } = await new SSOAdminClient(doubleClientConfig(double.url)).send(new ListInstancesCommand({}));
    expect(Instances?.[0]?.IdentityStoreId).toBe(IdentityStoreId);
    expect(IdentityStoreId).toMatch(STORE_ID);
  });

  it('CreateUser answers a UserId in AWS format; DescribeUser returns every attribute given', async () => {
    const { UserId, IdentityStoreId: storeInAnswer } = await client.send(
      new CreateUserCommand({
        IdentityStoreId,
        UserName: 'carol.smith@example.com',
        DisplayName: 'Carol Smith',
        Name: { GivenName: 'Carol', FamilyName: 'Smith', Formatted: 'Carol Smith' },
        Emails: [{ Value: 'carol.smith@example.com', Type: 'work', Primary: true }],
        PhoneNumbers: [{ Value: '+44 20 7946 0000', Type: 'work', Primary: true }],
        Addresses: [{ StreetAddress: '1 Main St', Locality: 'London', PostalCode: 'N1', Country: 'GB', Primary: true }],
        Title: 'Engineer',
        Timezone: 'Europe/London',
      }),
    );
    expect(storeInAnswer).toBe(IdentityStoreId);
    expect(UserId).toMatch(PRINCIPAL_ID);
    expect(UserId!.slice(0, 10)).toBe(IdentityStoreId.slice(2));
    const user = await client.send(new DescribeUserCommand({ IdentityStoreId, UserId }));
    expect(user).toMatchObject({
      IdentityStoreId,
      UserId,
      UserName: 'carol.smith@example.com',
      DisplayName: 'Carol Smith',
      Name: { GivenName: 'Carol', FamilyName: 'Smith', Formatted: 'Carol Smith' },
      Emails: [{ Value: 'carol.smith@example.com', Type: 'work', Primary: true }],
      PhoneNumbers: [{ Value: '+44 20 7946 0000', Type: 'work', Primary: true }],
      Addresses: [{ StreetAddress: '1 Main St', Locality: 'London', PostalCode: 'N1', Country: 'GB', Primary: true }],
      Title: 'Engineer',
      Timezone: 'Europe/London',
      UserStatus: 'ENABLED',
    });
    expect(user.CreatedAt).toBeInstanceOf(Date);
    expect(user.NickName).toBeUndefined();
    expect(user.ExternalIds).toBeUndefined();
  });

  it('CreateUser refuses what the reference does: no Name or DisplayName (required in Identity Center), two emails, a space in UserName', async () => {
    const base = { IdentityStoreId, UserName: 'valid.name', DisplayName: 'Valid', Name: NAME };
    await expect(client.send(new CreateUserCommand({ ...base, Name: undefined }))).rejects.toBeInstanceOf(ValidationException);
    await expect(client.send(new CreateUserCommand({ ...base, DisplayName: undefined }))).rejects.toBeInstanceOf(ValidationException);
    await expect(client.send(new CreateUserCommand({ ...base, Emails: [{ Value: 'a@example.com' }, { Value: 'b@example.com' }] }))).rejects.toBeInstanceOf(ValidationException);
    await expect(client.send(new CreateUserCommand({ ...base, UserName: 'has space' }))).rejects.toBeInstanceOf(ValidationException);
    await expect(client.send(new CreateUserCommand({ ...base, Title: '' }))).rejects.toBeInstanceOf(ValidationException);
  });

  it('a second user with the same UserName is a ConflictException', async () => {
    await expect(client.send(new CreateUserCommand({ IdentityStoreId, UserName: 'carol.smith@example.com', DisplayName: 'Other', Name: NAME }))).rejects.toBeInstanceOf(ConflictException);
  });

  it('UpdateUser applies the provider’s operations: lower camel paths, sub-attributes, whole lists, null to remove', async () => {
    const { UserId } = await client.send(new GetUserIdCommand({ IdentityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'UserName', AttributeValue: 'carol.smith@example.com' } } }));
    // The shapes internal/service/identitystore/user.go sends: a list as objects of lower camel keys.
    const operations: AttributeOperation[] = [
      { AttributePath: 'displayName', AttributeValue: 'Carol S.' },
      { AttributePath: 'name.middleName', AttributeValue: 'Ann' },
      { AttributePath: 'emails', AttributeValue: [{ primary: true, type: 'home', value: 'carol@home.example.com' }] },
      { AttributePath: 'addresses', AttributeValue: [{ primary: false, streetAddress: '2 High St', postalCode: 'E1' }] },
      { AttributePath: 'title', AttributeValue: null },
      { AttributePath: 'nickName', AttributeValue: 'cs' },
    ];
    await client.send(new UpdateUserCommand({ IdentityStoreId, UserId, Operations: operations }));
    const user = await client.send(new DescribeUserCommand({ IdentityStoreId, UserId }));
    expect(user.DisplayName).toBe('Carol S.');
    expect(user.Name).toEqual({ GivenName: 'Carol', FamilyName: 'Smith', Formatted: 'Carol Smith', MiddleName: 'Ann' });
    expect(user.Emails).toEqual([{ Primary: true, Type: 'home', Value: 'carol@home.example.com' }]);
    expect(user.Addresses).toEqual([{ Primary: false, StreetAddress: '2 High St', PostalCode: 'E1' }]);
    expect(user.Title).toBeUndefined();
    expect(user.NickName).toBe('cs');
    expect(user.UpdatedAt!.getTime()).toBeGreaterThanOrEqual(user.CreatedAt!.getTime());
  });

  it('an UpdateUser with one invalid operation changes nothing (ValidationException)', async () => {
    const { UserId } = await client.send(new GetUserIdCommand({ IdentityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'carol.smith@example.com' } } }));
    await expect(
      client.send(new UpdateUserCommand({ IdentityStoreId, UserId, Operations: [{ AttributePath: 'nickName', AttributeValue: 'changed' }, { AttributePath: 'shoeSize', AttributeValue: '9' }] })),
    ).rejects.toBeInstanceOf(ValidationException);
    expect((await client.send(new DescribeUserCommand({ IdentityStoreId, UserId }))).NickName).toBe('cs');
  });

  it('GetUserId finds a user by userName, by emails.value and by external ID; an unknown one is ResourceNotFoundException', async () => {
    const { UserId } = await client.send(new CreateUserCommand({ IdentityStoreId, UserName: 'scim.user', DisplayName: 'Scim User', Name: NAME, Emails: [{ Value: 'scim@example.com', Primary: true }] }));
    // A SCIM-provisioned user's external ID: set as the IdP would, since no API call can.
    identityCenterOf(double.world).users.get(UserId!)!.ExternalIds = [{ Issuer: 'https://scim.example.com', Id: '00u1scim' }];
    const byName = await client.send(new GetUserIdCommand({ IdentityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'scim.user' } } }));
    const byEmail = await client.send(new GetUserIdCommand({ IdentityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'emails.value', AttributeValue: 'scim@example.com' } } }));
    const byExternal = await client.send(new GetUserIdCommand({ IdentityStoreId, AlternateIdentifier: { ExternalId: { Issuer: 'https://scim.example.com', Id: '00u1scim' } } }));
    expect([byName.UserId, byEmail.UserId, byExternal.UserId]).toEqual([UserId, UserId, UserId]);
    expect((await client.send(new DescribeUserCommand({ IdentityStoreId, UserId }))).ExternalIds).toEqual([{ Issuer: 'https://scim.example.com', Id: '00u1scim' }]);
    await expect(
      client.send(new GetUserIdCommand({ IdentityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'nobody' } } })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(
      client.send(new GetUserIdCommand({ IdentityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'title', AttributeValue: 'Engineer' } } })),
    ).rejects.toBeInstanceOf(ValidationException);
  });

  it('groups: create, duplicate name is ConflictException, GetGroupId by displayName, UpdateGroup, ListGroups with Filters', async () => {
    const { GroupId } = await client.send(new CreateGroupCommand({ IdentityStoreId, DisplayName: 'Payments Engineers', Description: 'Payments' }));
    expect(GroupId).toMatch(PRINCIPAL_ID);
    await expect(client.send(new CreateGroupCommand({ IdentityStoreId, DisplayName: 'Payments Engineers' }))).rejects.toBeInstanceOf(ConflictException);
    const found = await client.send(new GetGroupIdCommand({ IdentityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'DisplayName', AttributeValue: 'Payments Engineers' } } }));
    expect(found).toMatchObject({ GroupId, IdentityStoreId });
    await client.send(new UpdateGroupCommand({ IdentityStoreId, GroupId, Operations: [{ AttributePath: 'description', AttributeValue: 'Payments team' }] }));
    expect(await client.send(new DescribeGroupCommand({ IdentityStoreId, GroupId }))).toMatchObject({ GroupId, DisplayName: 'Payments Engineers', Description: 'Payments team', IdentityStoreId });
    await client.send(new CreateGroupCommand({ IdentityStoreId, DisplayName: 'Platform' }));
    const { Groups } = await client.send(new ListGroupsCommand({ IdentityStoreId, Filters: [{ AttributePath: 'DisplayName', AttributeValue: 'Platform' }] }));
    expect(Groups?.map((group) => group.DisplayName)).toEqual(['Platform']);
    await expect(client.send(new DescribeGroupCommand({ IdentityStoreId, GroupId: '9067a1b2c3-00000000-0000-4000-8000-000000000000' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('memberships: create, describe, duplicate ConflictException, GetGroupMembershipId, IsMemberInGroups, delete', async () => {
    const { UserId } = await client.send(new GetUserIdCommand({ IdentityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'carol.smith@example.com' } } }));
    const { GroupId } = await client.send(new GetGroupIdCommand({ IdentityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'displayName', AttributeValue: 'Platform' } } }));
    const { MembershipId } = await client.send(new CreateGroupMembershipCommand({ IdentityStoreId, GroupId, MemberId: { UserId: UserId! } }));
    expect(MembershipId).toMatch(PRINCIPAL_ID);
    expect(await client.send(new DescribeGroupMembershipCommand({ IdentityStoreId, MembershipId }))).toMatchObject({ IdentityStoreId, MembershipId, GroupId, MemberId: { UserId: UserId! } });
    await expect(client.send(new CreateGroupMembershipCommand({ IdentityStoreId, GroupId, MemberId: { UserId: UserId! } }))).rejects.toBeInstanceOf(ConflictException);
    expect((await client.send(new GetGroupMembershipIdCommand({ IdentityStoreId, GroupId, MemberId: { UserId: UserId! } }))).MembershipId).toBe(MembershipId);
    const { GroupMemberships } = await client.send(new ListGroupMembershipsCommand({ IdentityStoreId, GroupId }));
    expect(GroupMemberships).toEqual([expect.objectContaining({ IdentityStoreId, MembershipId, GroupId, MemberId: { UserId: UserId! } })]);
    const forMember = await client.send(new ListGroupMembershipsForMemberCommand({ IdentityStoreId, MemberId: { UserId: UserId! } }));
    expect(forMember.GroupMemberships?.map((m) => m.GroupId)).toEqual([GroupId]);
    const { GroupId: payments } = await client.send(new GetGroupIdCommand({ IdentityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'displayName', AttributeValue: 'Payments Engineers' } } }));
    const { Results } = await client.send(new IsMemberInGroupsCommand({ IdentityStoreId, MemberId: { UserId: UserId! }, GroupIds: [GroupId!, payments!] }));
    expect(Results).toEqual([
      { GroupId, MemberId: { UserId }, MembershipExists: true },
      { GroupId: payments, MemberId: { UserId }, MembershipExists: false },
    ]);
    await client.send(new DeleteGroupMembershipCommand({ IdentityStoreId, MembershipId }));
    await expect(client.send(new DescribeGroupMembershipCommand({ IdentityStoreId, MembershipId }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(client.send(new DeleteGroupMembershipCommand({ IdentityStoreId, MembershipId }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('a membership of a user that does not exist is ResourceNotFoundException', async () => {
    const { GroupId } = await client.send(new GetGroupIdCommand({ IdentityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'displayName', AttributeValue: 'Platform' } } }));
    await expect(
      client.send(new CreateGroupMembershipCommand({ IdentityStoreId, GroupId, MemberId: { UserId: '9067a1b2c3-00000000-0000-4000-8000-000000000000' } })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('deleting a user removes its memberships; describing it then is ResourceNotFoundException', async () => {
    const { UserId } = await client.send(new CreateUserCommand({ IdentityStoreId, UserName: 'leaver', DisplayName: 'Leaver', Name: NAME }));
    const { GroupId } = await client.send(new GetGroupIdCommand({ IdentityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'displayName', AttributeValue: 'Platform' } } }));
    await client.send(new CreateGroupMembershipCommand({ IdentityStoreId, GroupId, MemberId: { UserId: UserId! } }));
    await client.send(new DeleteUserCommand({ IdentityStoreId, UserId }));
    await expect(client.send(new DescribeUserCommand({ IdentityStoreId, UserId }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(client.send(new DeleteUserCommand({ IdentityStoreId, UserId }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    expect((await client.send(new ListGroupMembershipsCommand({ IdentityStoreId, GroupId }))).GroupMemberships).toEqual([]);
  });

  it('ListUsers pages with NextToken and filters by UserName', async () => {
    for (let index = 0; index < 5; index += 1) await client.send(new CreateUserCommand({ IdentityStoreId, UserName: `page.user.${index}`, DisplayName: `Page ${index}`, Name: NAME }));
    const names: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const answer = await client.send(new ListUsersCommand({ IdentityStoreId, MaxResults: 2, NextToken }));
      expect(answer.Users!.length).toBeLessThanOrEqual(2);
      names.push(...answer.Users!.map((user) => user.UserName!));
      NextToken = answer.NextToken;
      pages += 1;
    } while (NextToken);
    expect(pages).toBe(Math.ceil(names.length / 2));
    expect(names).toEqual(expect.arrayContaining(['carol.smith@example.com', 'scim.user', 'page.user.0', 'page.user.4']));
    expect(new Set(names).size).toBe(names.length);
    const filtered = await client.send(new ListUsersCommand({ IdentityStoreId, Filters: [{ AttributePath: 'UserName', AttributeValue: 'page.user.3' }] }));
    expect(filtered.Users?.map((user) => user.DisplayName)).toEqual(['Page 3']);
    await expect(client.send(new ListUsersCommand({ IdentityStoreId, MaxResults: 101 }))).rejects.toBeInstanceOf(ValidationException);
  });

  it('another identity store ID is ResourceNotFoundException', async () => {
    await expect(client.send(new ListUsersCommand({ IdentityStoreId: 'd-0000000000' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

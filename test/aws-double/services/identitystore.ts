/**
 * Identity Store in the AWS double: users, groups, group memberships and their lookups, in AWS JSON 1.1
 * (`X-Amz-Target: AWSIdentityStore.<Operation>`, signing name `identitystore`).
 *
 * Shapes and errors from the Identity Store API reference
 * (https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_Operations.html, one
 * page per operation, e.g. API_CreateUser.html, API_UpdateUser.html, API_GetGroupMembershipId.html)
 * and the SDK v3 model (node_modules/@aws-sdk/client-identitystore/dist-types/models/models_0.d.ts).
 * The calls the hashicorp/aws provider makes, from its source (internal/service/identitystore/):
 * - aws_identitystore_user (user.go): CreateUser, DescribeUser, UpdateUser with `Operations` whose
 *   paths are the API's lower camel case attribute names (`displayName`, `name.givenName`, `emails`,
 *   a list value with lower camel keys, null to unset), DeleteUser (ResourceNotFoundException = gone);
 * - aws_identitystore_group (group.go): CreateGroup, DescribeGroup, UpdateGroup, DeleteGroup;
 * - aws_identitystore_group_membership (group_membership.go): CreateGroupMembership,
 *   DescribeGroupMembership, DeleteGroupMembership;
 * - data sources aws_identitystore_user / _group (user_data_source.go, group_data_source.go):
 *   GetUserId / GetGroupId by `AlternateIdentifier` (a unique attribute or an external ID), then
 *   DescribeUser / DescribeGroup; the deprecated `filter` uses ListUsers / ListGroups with `Filters`.
 * Discovery (discovery/read-identity-store.ts) pages ListUsers, ListGroups and ListGroupMemberships.
 *
 * Errors: ResourceNotFoundException for an unknown store, user, group or membership;
 * ConflictException for a second user with the same UserName, group with the same DisplayName or
 * membership of the same user in the same group (the reference's UNIQUENESS_CONSTRAINT_VIOLATION);
 * ValidationException for a missing or malformed parameter (a bad NextToken too); each with the HTTP
 * status of the SDK model (identityCenterError in identity-center.ts). What is simpler than AWS: no
 * Extensions, no eventual consistency, and user names compare exactly.
 */
import type { AwsServiceError, ServiceDouble } from '../service';
import type { ServiceFactory, World } from '../world';
import { copyRecord, identityCenterError, identityCenterOf, pageOf, type ExternalId, type GroupRecord, type IdentityCenter, type MembershipRecord, type UserRecord } from './identity-center';

/** MaxResults is 1–100 in every List operation's reference; without it the double answers 100. */
const MAX_RESULTS = 100;

type Input = Record<string, unknown>;

function required(input: Input, name: string): string {
  const value = input[name];
  if (typeof value !== 'string' || value === '') throw identityCenterError('ValidationException', `1 validation error detected: Value at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`);
  return value;
}

/**
 * The user's and group's string attributes: 1–1024 characters of `[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r  　]`
 * (API_CreateUser.html, API_Name.html, API_Email.html, API_Address.html, API_CreateGroup.html);
 * UserName 1–128 of `[\p{L}\p{M}\p{S}\p{N}\p{P}]` (no spaces).
 */
const ATTRIBUTE_STRING = /^[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r \u00A0\u3000]{1,1024}$/u;
const USER_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;

function checkString(value: unknown, path: string, pattern = ATTRIBUTE_STRING): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw identityCenterError('ValidationException', `1 validation error detected: Value at '${path}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern.source}`);
  }
  return value;
}

function optionalString(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  return checkString(value, lowerFirst(name));
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function upperFirst(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function maxResults(input: Input): unknown {
  const max = input.MaxResults;
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > MAX_RESULTS)) {
    throw identityCenterError('ValidationException', `1 validation error detected: Value '${String(max)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and ${MAX_RESULTS}`);
  }
  return max;
}

function notFound(resourceType: 'USER' | 'GROUP' | 'GROUP_MEMBERSHIP' | 'IDENTITY_STORE', id: string): AwsServiceError {
  return identityCenterError('ResourceNotFoundException', `${resourceType} not found. ResourceId: ${id}`);
}

function conflict(message: string): AwsServiceError {
  return identityCenterError('ConflictException', `${message} (Reason: UNIQUENESS_CONSTRAINT_VIOLATION)`);
}

/** Lists of objects (emails, addresses, …) as the API takes them: objects with known string/boolean members. */
/** Emails, Addresses and PhoneNumbers: "Array Members: Fixed number of 1 item." (API_CreateUser.html). */
const SINGLE_ITEM_LISTS = new Set(['Emails', 'Addresses', 'PhoneNumbers']);

function objectList(input: Input, name: string, members: readonly string[]): Array<Record<string, unknown>> | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw identityCenterError('ValidationException', `${name} must be a list`);
  if (SINGLE_ITEM_LISTS.has(name) && value.length !== 1) {
    throw identityCenterError('ValidationException', `1 validation error detected: Value at '${lowerFirst(name)}' failed to satisfy constraint: Member must have length less than or equal to 1 and greater than or equal to 1`);
  }
  return value.map((item) => pickMembers(item, members, name));
}

function pickMembers(item: unknown, members: readonly string[], context: string): Record<string, unknown> {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) throw identityCenterError('ValidationException', `${context} items must be objects`);
  const picked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    // Update operations spell members in lower camel case (`streetAddress`), Create in Pascal case.
    const member = members.find((candidate) => candidate.toLowerCase() === key.toLowerCase());
    if (!member) throw identityCenterError('ValidationException', `${context} has no attribute ${key}`);
    if (value === null || value === undefined) continue;
    if (member === 'Primary') {
      if (typeof value !== 'boolean') throw identityCenterError('ValidationException', `${context}.${member} has an invalid value ${JSON.stringify(value)}`);
    } else checkString(value, `${lowerFirst(context)}.${lowerFirst(member)}`);
    picked[member] = value;
  }
  return picked;
}

const NAME_MEMBERS = ['Formatted', 'FamilyName', 'GivenName', 'MiddleName', 'HonorificPrefix', 'HonorificSuffix'] as const;
const VALUE_MEMBERS = ['Value', 'Type', 'Primary'] as const;
const ADDRESS_MEMBERS = ['StreetAddress', 'Locality', 'Region', 'PostalCode', 'Country', 'Formatted', 'Type', 'Primary'] as const;
const PHOTO_MEMBERS = ['Value', 'Type', 'Display', 'Primary'] as const;

/** The user's attributes that are plain strings, as CreateUser and DescribeUser spell them. */
const USER_STRINGS = ['DisplayName', 'NickName', 'ProfileUrl', 'UserType', 'Title', 'PreferredLanguage', 'Locale', 'Timezone', 'Website', 'Birthdate'] as const;
/** The user's attributes that are lists of objects, with their members. */
const USER_LISTS: Readonly<Record<string, readonly string[]>> = {
  Emails: VALUE_MEMBERS,
  Addresses: ADDRESS_MEMBERS,
  PhoneNumbers: VALUE_MEMBERS,
  Photos: PHOTO_MEMBERS,
  Roles: VALUE_MEMBERS,
};

function nameOf(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  return pickMembers(value, NAME_MEMBERS, 'Name') as Record<string, string>;
}

function userShape(user: UserRecord, identityStoreId: string): Record<string, unknown> {
  return { ...user, IdentityStoreId: identityStoreId };
}

function groupShape(group: GroupRecord, identityStoreId: string): Record<string, unknown> {
  return { ...group, IdentityStoreId: identityStoreId };
}

function membershipShape(membership: MembershipRecord, identityStoreId: string): Record<string, unknown> {
  return { IdentityStoreId: identityStoreId, MembershipId: membership.MembershipId, GroupId: membership.GroupId, MemberId: { UserId: membership.UserId }, CreatedAt: membership.CreatedAt };
}

function externalIdOf(value: unknown): ExternalId | undefined {
  if (value === undefined || value === null) return undefined;
  const { Issuer, Id } = value as { Issuer?: unknown; Id?: unknown };
  if (typeof Issuer !== 'string' || typeof Id !== 'string') throw identityCenterError('ValidationException', 'ExternalId needs Issuer and Id');
  return { Issuer, Id };
}

function hasExternalId(ids: readonly ExternalId[] | undefined, wanted: ExternalId): boolean {
  return (ids ?? []).some((id) => id.Issuer === wanted.Issuer && id.Id === wanted.Id);
}

/** `AlternateIdentifier`: a union of `ExternalId` and `UniqueAttribute` (exactly one). */
function alternateIdentifier(input: Input): { external?: ExternalId; path?: string; value?: unknown } {
  const alternate = input.AlternateIdentifier as { ExternalId?: unknown; UniqueAttribute?: { AttributePath?: unknown; AttributeValue?: unknown } } | undefined;
  if (!alternate || typeof alternate !== 'object') throw identityCenterError('ValidationException', 'AlternateIdentifier is required');
  const external = externalIdOf(alternate.ExternalId);
  const unique = alternate.UniqueAttribute;
  if ((external === undefined) === (unique === undefined)) throw identityCenterError('ValidationException', 'AlternateIdentifier must have exactly one of ExternalId and UniqueAttribute');
  if (external) return { external };
  if (typeof unique?.AttributePath !== 'string') throw identityCenterError('ValidationException', 'UniqueAttribute.AttributePath is required');
  return { path: unique.AttributePath.toLowerCase(), value: unique.AttributeValue };
}

function memberUserId(input: Input): string {
  const member = input.MemberId as { UserId?: unknown } | undefined;
  if (!member || typeof member.UserId !== 'string' || member.UserId === '') throw identityCenterError('ValidationException', 'MemberId.UserId is required');
  return member.UserId;
}

/** `Filters` (deprecated, still honoured): one attribute path, matched exactly. */
function filtersOf(input: Input, allowedPath: string): string[] {
  const filters = input.Filters;
  if (filters === undefined || filters === null) return [];
  if (!Array.isArray(filters)) throw identityCenterError('ValidationException', 'Filters must be a list');
  return filters.map((filter: { AttributePath?: unknown; AttributeValue?: unknown }) => {
    if (typeof filter.AttributePath !== 'string' || filter.AttributePath.toLowerCase() !== allowedPath.toLowerCase()) {
      throw identityCenterError('ValidationException', `Filters support the attribute path ${allowedPath} only; got ${String(filter.AttributePath)}`);
    }
    if (typeof filter.AttributeValue !== 'string') throw identityCenterError('ValidationException', 'Filter.AttributeValue must be a string');
    return filter.AttributeValue;
  });
}

/**
 * One `AttributeOperation` of UpdateUser: the path is the attribute's name in lower camel case,
 * optionally `name.<member>`; a null or absent value removes the attribute.
 */
function applyUserOperation(user: UserRecord, path: string, value: unknown): void {
  const [head, member, ...rest] = path.split('.');
  if (rest.length > 0) throw identityCenterError('ValidationException', `Unsupported attribute path ${path}`);
  const field = upperFirst(head);
  const record = user as unknown as Record<string, unknown>;
  const remove = value === null || value === undefined;
  if (field === 'UserName') {
    if (member !== undefined) throw identityCenterError('ValidationException', `Unsupported attribute path ${path}`);
    user.UserName = checkString(value, 'userName', USER_NAME);
    return;
  }
  if (field === 'Name') {
    if (member === undefined) {
      if (remove) delete user.Name;
      else user.Name = nameOf(value);
      return;
    }
    const name = NAME_MEMBERS.find((candidate) => candidate.toLowerCase() === member.toLowerCase());
    if (!name) throw identityCenterError('ValidationException', `Unsupported attribute path ${path}`);
    const next = { ...(user.Name ?? {}) };
    if (remove) delete next[name];
    else next[name] = checkString(value, path);
    user.Name = next;
    return;
  }
  if (member !== undefined) throw identityCenterError('ValidationException', `Unsupported attribute path ${path}`);
  const stringField = USER_STRINGS.find((candidate) => candidate.toLowerCase() === field.toLowerCase());
  if (stringField) {
    if (remove) {
      if (stringField === 'DisplayName') throw identityCenterError('ValidationException', 'displayName cannot be removed');
      delete record[stringField];
    } else record[stringField] = checkString(value, path);
    return;
  }
  const listField = Object.keys(USER_LISTS).find((candidate) => candidate.toLowerCase() === field.toLowerCase());
  if (listField) {
    if (remove) delete record[listField];
    else record[listField] = objectList({ [listField]: value }, listField, USER_LISTS[listField]);
    return;
  }
  throw identityCenterError('ValidationException', `Unsupported attribute path ${path}`);
}

function applyGroupOperation(group: GroupRecord, path: string, value: unknown): void {
  const lower = path.toLowerCase();
  if (lower === 'displayname') {
    group.DisplayName = checkString(value, 'displayName');
  } else if (lower === 'description') {
    if (value === null || value === undefined) delete group.Description;
    else group.Description = checkString(value, 'description');
  } else {
    throw identityCenterError('ValidationException', `Unsupported attribute path ${path}`);
  }
}

function operationsOf(input: Input): Array<{ path: string; value: unknown }> {
  const operations = input.Operations;
  if (!Array.isArray(operations) || operations.length === 0) throw identityCenterError('ValidationException', 'Operations must have at least 1 item');
  return operations.map((operation: { AttributePath?: unknown; AttributeValue?: unknown }) => {
    if (typeof operation.AttributePath !== 'string' || operation.AttributePath === '') throw identityCenterError('ValidationException', 'AttributePath is required');
    return { path: operation.AttributePath, value: operation.AttributeValue };
  });
}

export function identityStoreOperations(world: World, center: IdentityCenter): ServiceDouble['operations'] {
  const storeId = center.instance.identityStoreId;
  const { users, groups, memberships } = center;

  function store(input: Input): string {
    const id = required(input, 'IdentityStoreId');
    if (id !== storeId) throw notFound('IDENTITY_STORE', id);
    return id;
  }
  function userOf(id: string): UserRecord {
    const user = users.get(id);
    if (!user) throw notFound('USER', id);
    return user;
  }
  function groupOf(id: string): GroupRecord {
    const group = groups.get(id);
    if (!group) throw notFound('GROUP', id);
    return group;
  }
  function membershipOf(groupId: string, userId: string): MembershipRecord | undefined {
    for (const membership of memberships.values()) if (membership.GroupId === groupId && membership.UserId === userId) return membership;
    return undefined;
  }
  function userNameTaken(userName: string, except?: string): boolean {
    for (const user of users.values()) if (user.UserName === userName && user.UserId !== except) return true;
    return false;
  }
  function groupNameTaken(displayName: string, except?: string): boolean {
    for (const group of groups.values()) if (group.DisplayName === displayName && group.GroupId !== except) return true;
    return false;
  }

  return {
    // https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_CreateUser.html
    CreateUser(input) {
      const identityStoreId = store(input);
      // "When used in IAM Identity Center, this parameter is required" for DisplayName and Name (API_CreateUser.html).
      const userName = checkString(required(input, 'UserName'), 'userName', USER_NAME);
      required(input, 'DisplayName');
      if (input.Name === undefined || input.Name === null) throw identityCenterError('ValidationException', 'Name is required when used in IAM Identity Center');
      if (userNameTaken(userName)) throw conflict(`Duplicate UserName: ${userName}`);
      const now = world.now();
      const user: UserRecord = { UserId: center.newPrincipalId(), UserName: userName, UserStatus: 'ENABLED', CreatedAt: now, UpdatedAt: now };
      const record = user as unknown as Record<string, unknown>;
      for (const field of USER_STRINGS) {
        const value = optionalString(input, field);
        if (value !== undefined) record[field] = value;
      }
      const name = nameOf(input.Name);
      if (name) user.Name = name;
      for (const [field, members] of Object.entries(USER_LISTS)) {
        const list = objectList(input, field, members);
        if (list) record[field] = list;
      }
      users.set(user.UserId, user);
      return { IdentityStoreId: identityStoreId, UserId: user.UserId };
    },
    // https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_DescribeUser.html
    DescribeUser(input) {
      const identityStoreId = store(input);
      return userShape(userOf(required(input, 'UserId')), identityStoreId);
    },
    // https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_UpdateUser.html
    UpdateUser(input) {
      store(input);
      const user = userOf(required(input, 'UserId'));
      const operations = operationsOf(input);
      // All or nothing: the operations apply to a copy that replaces the user once every one is valid.
      const next: UserRecord = copyRecord(user);
      for (const { path, value } of operations) applyUserOperation(next, path, value);
      if (next.UserName !== user.UserName && userNameTaken(next.UserName, user.UserId)) throw conflict(`Duplicate UserName: ${next.UserName}`);
      next.UpdatedAt = world.now();
      users.set(user.UserId, next);
      return {};
    },
    // https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_DeleteUser.html
    DeleteUser(input) {
      store(input);
      const user = userOf(required(input, 'UserId'));
      users.delete(user.UserId);
      for (const [id, membership] of memberships) if (membership.UserId === user.UserId) memberships.delete(id);
      return {};
    },
    // https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_ListUsers.html
    ListUsers(input) {
      const identityStoreId = store(input);
      const wanted = filtersOf(input, 'UserName');
      const all = [...users.values()].filter((user) => wanted.every((value) => user.UserName === value));
      const { items, next } = pageOf(all, input.NextToken, maxResults(input), MAX_RESULTS);
      return { Users: items.map((user) => userShape(user, identityStoreId)), ...(next ? { NextToken: next } : {}) };
    },
    // https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_GetUserId.html
    // "For the unique attribute, the only valid paths are userName and emails.value."
    GetUserId(input) {
      const identityStoreId = store(input);
      const { external, path, value } = alternateIdentifier(input);
      let found: UserRecord | undefined;
      if (external) {
        found = [...users.values()].find((user) => hasExternalId(user.ExternalIds, external));
      } else if (path === 'username') {
        found = [...users.values()].find((user) => user.UserName === value);
      } else if (path === 'emails.value') {
        found = [...users.values()].find((user) => (user.Emails ?? []).some((email) => email.Value === value));
      } else {
        throw identityCenterError('ValidationException', `Invalid AttributePath for a user's unique attribute: the valid paths are userName and emails.value`);
      }
      if (!found) throw notFound('USER', external ? `${external.Issuer}:${external.Id}` : String(value));
      return { IdentityStoreId: identityStoreId, UserId: found.UserId };
    },

    // https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_CreateGroup.html
    CreateGroup(input) {
      const identityStoreId = store(input);
      const displayName = checkString(required(input, 'DisplayName'), 'displayName');
      if (groupNameTaken(displayName)) throw conflict(`Duplicate GroupDisplayName: ${displayName}`);
      const description = optionalString(input, 'Description');
      const now = world.now();
      const group: GroupRecord = { GroupId: center.newPrincipalId(), DisplayName: displayName, CreatedAt: now, UpdatedAt: now };
      if (description !== undefined) group.Description = description;
      groups.set(group.GroupId, group);
      return { IdentityStoreId: identityStoreId, GroupId: group.GroupId };
    },
    // https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_DescribeGroup.html
    DescribeGroup(input) {
      const identityStoreId = store(input);
      return groupShape(groupOf(required(input, 'GroupId')), identityStoreId);
    },
    // https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_UpdateGroup.html
    UpdateGroup(input) {
      store(input);
      const group = groupOf(required(input, 'GroupId'));
      const next: GroupRecord = copyRecord(group);
      for (const { path, value } of operationsOf(input)) applyGroupOperation(next, path, value);
      if (next.DisplayName !== group.DisplayName && groupNameTaken(next.DisplayName, group.GroupId)) throw conflict(`Duplicate GroupDisplayName: ${next.DisplayName}`);
      next.UpdatedAt = world.now();
      groups.set(group.GroupId, next);
      return {};
    },
    // https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_DeleteGroup.html
    DeleteGroup(input) {
      store(input);
      const group = groupOf(required(input, 'GroupId'));
      groups.delete(group.GroupId);
      for (const [id, membership] of memberships) if (membership.GroupId === group.GroupId) memberships.delete(id);
      return {};
    },
    // https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_ListGroups.html
    ListGroups(input) {
      const identityStoreId = store(input);
      const wanted = filtersOf(input, 'DisplayName');
      const all = [...groups.values()].filter((group) => wanted.every((value) => group.DisplayName === value));
      const { items, next } = pageOf(all, input.NextToken, maxResults(input), MAX_RESULTS);
      return { Groups: items.map((group) => groupShape(group, identityStoreId)), ...(next ? { NextToken: next } : {}) };
    },
    // https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_GetGroupId.html
    // The unique attribute of a group is displayName.
    GetGroupId(input) {
      const identityStoreId = store(input);
      const { external, path, value } = alternateIdentifier(input);
      let found: GroupRecord | undefined;
      if (external) found = [...groups.values()].find((group) => hasExternalId(group.ExternalIds, external));
      else if (path === 'displayname') found = [...groups.values()].find((group) => group.DisplayName === value);
      else throw identityCenterError('ValidationException', `Invalid AttributePath for a group's unique attribute: the valid path is displayName`);
      if (!found) throw notFound('GROUP', external ? `${external.Issuer}:${external.Id}` : String(value));
      return { IdentityStoreId: identityStoreId, GroupId: found.GroupId };
    },

    // https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_CreateGroupMembership.html
    CreateGroupMembership(input) {
      const identityStoreId = store(input);
      const group = groupOf(required(input, 'GroupId'));
      const user = userOf(memberUserId(input));
      if (membershipOf(group.GroupId, user.UserId)) throw conflict(`Member ${user.UserId} is already in group ${group.GroupId}`);
      const membership: MembershipRecord = { MembershipId: center.newPrincipalId(), GroupId: group.GroupId, UserId: user.UserId, CreatedAt: world.now() };
      memberships.set(membership.MembershipId, membership);
      return { IdentityStoreId: identityStoreId, MembershipId: membership.MembershipId };
    },
    // https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_DescribeGroupMembership.html
    DescribeGroupMembership(input) {
      const identityStoreId = store(input);
      const id = required(input, 'MembershipId');
      const membership = memberships.get(id);
      if (!membership) throw notFound('GROUP_MEMBERSHIP', id);
      return membershipShape(membership, identityStoreId);
    },
    // https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_DeleteGroupMembership.html
    DeleteGroupMembership(input) {
      store(input);
      const id = required(input, 'MembershipId');
      if (!memberships.delete(id)) throw notFound('GROUP_MEMBERSHIP', id);
      return {};
    },
    // https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_ListGroupMemberships.html
    ListGroupMemberships(input) {
      const identityStoreId = store(input);
      const group = groupOf(required(input, 'GroupId'));
      const all = [...memberships.values()].filter((membership) => membership.GroupId === group.GroupId);
      const { items, next } = pageOf(all, input.NextToken, maxResults(input), MAX_RESULTS);
      return { GroupMemberships: items.map((membership) => membershipShape(membership, identityStoreId)), ...(next ? { NextToken: next } : {}) };
    },
    // https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_ListGroupMembershipsForMember.html
    ListGroupMembershipsForMember(input) {
      const identityStoreId = store(input);
      const user = userOf(memberUserId(input));
      const all = [...memberships.values()].filter((membership) => membership.UserId === user.UserId);
      const { items, next } = pageOf(all, input.NextToken, maxResults(input), MAX_RESULTS);
      return { GroupMemberships: items.map((membership) => membershipShape(membership, identityStoreId)), ...(next ? { NextToken: next } : {}) };
    },
    // https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_GetGroupMembershipId.html
    GetGroupMembershipId(input) {
      const identityStoreId = store(input);
      const groupId = required(input, 'GroupId');
      const userId = memberUserId(input);
      const membership = membershipOf(groupId, userId);
      if (!membership) throw notFound('GROUP_MEMBERSHIP', `${groupId}/${userId}`);
      return { IdentityStoreId: identityStoreId, MembershipId: membership.MembershipId };
    },
    // https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_IsMemberInGroups.html
    IsMemberInGroups(input) {
      store(input);
      const userId = memberUserId(input);
      const groupIds = input.GroupIds;
      if (!Array.isArray(groupIds) || groupIds.length === 0 || groupIds.length > 100 || groupIds.some((id) => typeof id !== 'string')) {
        throw identityCenterError('ValidationException', 'GroupIds must have 1 to 100 group IDs');
      }
      return { Results: (groupIds as string[]).map((groupId) => ({ GroupId: groupId, MemberId: { UserId: userId }, MembershipExists: membershipOf(groupId, userId) !== undefined })) };
    },
  };
}

export const identityStoreDouble: ServiceFactory = (world) => ({
  signingName: 'identitystore',
  protocol: 'json',
  targetPrefix: 'AWSIdentityStore',
  operations: identityStoreOperations(world, identityCenterOf(world)),
});

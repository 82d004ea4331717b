/**
 * A recorded estate (test/fixtures/estates: SDK responses keyed by service and operation, each with
 * the input of the call it answered) rebuilt in the AWS double through the double's own write
 * operations, in the order a person or Control Tower would have made it: organization, trusted
 * services, policy types, OUs, accounts (CreateAccount, MoveAccount, tags), policies and their
 * attachments, delegated administrators; Identity Store users, groups, memberships; permission sets,
 * their policies, assignments; IAM alias, password policy, root access features, groups, users,
 * login profiles, access keys; alternate contacts; and last the accounts that were closed.
 *
 * IDs are the double's own (the recording's account, OU, policy, principal and permission set IDs
 * are mapped), except the management account, which the double is started with. Two things no API
 * call can make are set on the double's records, as the header of services/identity-center.ts
 * allows: the `ExternalIds` of principals an identity provider provisioned over SCIM, a second email
 * (SCIM can give several, CreateUser one), and a user's `UserStatus: DISABLED`. The management
 * account's name and email are set in the world before CreateOrganization (it signed up with them).
 */
import type { Recording, RecordedCall } from '../discovery/recorded-clients';
import type { AwsDouble } from '../aws-double/server';
import { identityCenterOf } from '../aws-double/services/identity-center';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface SeededIds {
  /** Recorded ID → the double's: accounts, OUs, root, policies, users, groups, permission set ARNs. */
  readonly ids: Map<string, string>;
  readonly managementAccountId: string;
  readonly region: string;
}

/** The management account and region a double for this recording is started with. */
export function recordingHome(recording: Recording): { managementAccountId: string; region: string } {
  const organization = outputs(recording, 'organizations', 'DescribeOrganization')[0]?.Organization as Json;
  return { managementAccountId: organization.MasterAccountId, region: recording.region };
}

function calls(recording: Recording, service: string, operation: string): readonly RecordedCall[] {
  return (recording.responses as unknown as Record<string, Record<string, readonly RecordedCall[]>>)[service]?.[operation] ?? [];
}

function outputs(recording: Recording, service: string, operation: string): Json[] {
  return calls(recording, service, operation)
    .filter((call) => call.output)
    .map((call) => call.output as Json);
}

/** The recorded output for the call whose input has these values (undefined: not recorded, or an error). */
function answer(recording: Recording, service: string, operation: string, input: Json): Json | undefined {
  return calls(recording, service, operation).find((call) => Object.entries(input).every(([key, value]) => (call.input as Json | undefined)?.[key] === value))?.output as Json | undefined;
}

/** Every page of a paginated recorded answer for a parent. */
function pages(recording: Recording, service: string, operation: string, input: Json): Json[] {
  return calls(recording, service, operation)
    .filter((call) => call.output && Object.entries(input).every(([key, value]) => (call.input as Json | undefined)?.[key] === value))
    .map((call) => call.output as Json);
}

const defined = (value: Json): Json => Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined && item !== null));

export function seedRecording(double: AwsDouble, recording: Recording): SeededIds {
  const { managementAccountId, region } = recordingHome(recording);
  if (double.world.managementAccountId !== managementAccountId) throw new Error(`start the double with managementAccountId ${managementAccountId} for this recording`);
  const ids = new Map<string, string>([[managementAccountId, managementAccountId]]);
  const invoke = (service: string, operation: string, input: Json, accountId?: string): Json => {
    try {
      return double.invoke(service, operation, defined(input), accountId) as Json;
    } catch (error) {
      throw new Error(`seeding ${service} ${operation} ${JSON.stringify(input).slice(0, 300)}: ${(error as Error).name}: ${(error as Error).message}`);
    }
  };
  const mapped = (id: string): string => {
    const found = ids.get(id);
    if (!found) throw new Error(`seeding: no double ID for the recorded ${id}`);
    return found;
  };

  // Organizations. The management account signed up with its name and email before there was an organization.
  const organization = outputs(recording, 'organizations', 'DescribeOrganization')[0].Organization as Json;
  const management = double.world.accounts.get(managementAccountId)!;
  const recordedManagement = calls(recording, 'organizations', 'ListAccountsForParent')
    .flatMap((call) => ((call.output as Json | undefined)?.Accounts ?? []) as Json[])
    .find((account) => account.Id === managementAccountId);
  management.name = recordedManagement?.Name ?? management.name;
  management.email = organization.MasterAccountEmail ?? management.email;
  invoke('organizations', 'CreateOrganization', { FeatureSet: organization.FeatureSet });
  const [recordedRoot] = outputs(recording, 'organizations', 'ListRoots')[0].Roots as Json[];
  const [doubleRoot] = invoke('organizations', 'ListRoots', {}).Roots as Json[];
  ids.set(recordedRoot.Id, doubleRoot.Id);
  for (const { ServicePrincipal } of (outputs(recording, 'organizations', 'ListAWSServiceAccessForOrganization')[0]?.EnabledServicePrincipals ?? []) as Json[]) {
    invoke('organizations', 'EnableAWSServiceAccess', { ServicePrincipal });
  }
  for (const type of (recordedRoot.PolicyTypes ?? []) as Json[]) {
    if (type.Status === 'ENABLED') invoke('organizations', 'EnablePolicyType', { RootId: doubleRoot.Id, PolicyType: type.Type });
  }
  const tagsOf = (resourceId: string): Json[] => (answer(recording, 'organizations', 'ListTagsForResource', { ResourceId: resourceId })?.Tags ?? []) as Json[];
  const closed: Array<{ id: string; status: string }> = [];
  const parents = [recordedRoot.Id as string];
  while (parents.length > 0) {
    const parent = parents.shift()!;
    for (const page of pages(recording, 'organizations', 'ListOrganizationalUnitsForParent', { ParentId: parent })) {
      for (const ou of page.OrganizationalUnits as Json[]) {
        const tags = tagsOf(ou.Id);
        const created = invoke('organizations', 'CreateOrganizationalUnit', { ParentId: mapped(parent), Name: ou.Name, ...(tags.length ? { Tags: tags } : {}) });
        ids.set(ou.Id, created.OrganizationalUnit.Id);
        parents.push(ou.Id);
      }
    }
    for (const page of pages(recording, 'organizations', 'ListAccountsForParent', { ParentId: parent })) {
      for (const account of page.Accounts as Json[]) {
        const tags = tagsOf(account.Id);
        if (account.Id === managementAccountId) {
          if (tags.length) invoke('organizations', 'TagResource', { ResourceId: managementAccountId, Tags: tags });
          continue;
        }
        const request = invoke('organizations', 'CreateAccount', { Email: account.Email, AccountName: account.Name, ...(tags.length ? { Tags: tags } : {}) });
        const status = invoke('organizations', 'DescribeCreateAccountStatus', { CreateAccountRequestId: request.CreateAccountStatus.Id }).CreateAccountStatus as Json;
        if (status.State !== 'SUCCEEDED') throw new Error(`seeding: CreateAccount of ${account.Name} is ${status.State} (start the double with asyncSteps 0)`);
        ids.set(account.Id, status.AccountId);
        if (parent !== recordedRoot.Id) invoke('organizations', 'MoveAccount', { AccountId: status.AccountId, SourceParentId: doubleRoot.Id, DestinationParentId: mapped(parent) });
        if (account.Status !== 'ACTIVE') closed.push({ id: status.AccountId, status: account.Status });
      }
    }
  }
  for (const { Filter } of calls(recording, 'organizations', 'ListPolicies').map((call) => call.input as Json)) {
    for (const page of pages(recording, 'organizations', 'ListPolicies', { Filter })) {
      for (const summary of page.Policies as Json[]) {
        if (summary.AwsManaged) {
          ids.set(summary.Id, summary.Id);
        } else {
          // A policy discovery lists but does not read (a resource control policy): any valid document of its type.
          const content = (answer(recording, 'organizations', 'DescribePolicy', { PolicyId: summary.Id })?.Policy as Json | undefined)?.Content ?? JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:SourceOrgID': organization.Id } } }] });
          const tags = tagsOf(summary.Id);
          const created = invoke('organizations', 'CreatePolicy', { Name: summary.Name, Description: summary.Description ?? '', Type: summary.Type, Content: content, ...(tags.length ? { Tags: tags } : {}) });
          ids.set(summary.Id, created.Policy.PolicySummary.Id);
        }
        const attached = new Set(
          ((invoke('organizations', 'ListTargetsForPolicy', { PolicyId: mapped(summary.Id) }).Targets ?? []) as Json[]).map((target) => target.TargetId as string),
        );
        const recordedTargets = answer(recording, 'organizations', 'ListTargetsForPolicy', { PolicyId: summary.Id })?.Targets as Json[] | undefined;
        if (!recordedTargets) continue;
        const wanted = new Set(recordedTargets.map((target) => mapped(target.TargetId)));
        // AWS attaches its FullAWSAccess to every root, OU and account while the type is enabled, and
        // keeps at least one policy of the type on each (DetachPolicy: ConstraintViolationException), so
        // it stays where the recordings list only the root.
        for (const target of wanted) if (!attached.has(target)) invoke('organizations', 'AttachPolicy', { PolicyId: mapped(summary.Id), TargetId: target });
      }
    }
  }
  for (const administrator of (outputs(recording, 'organizations', 'ListDelegatedAdministrators')[0]?.DelegatedAdministrators ?? []) as Json[]) {
    for (const service of (answer(recording, 'organizations', 'ListDelegatedServicesForAccount', { AccountId: administrator.Id })?.DelegatedServices ?? []) as Json[]) {
      invoke('organizations', 'RegisterDelegatedAdministrator', { AccountId: mapped(administrator.Id), ServicePrincipal: service.ServicePrincipal });
    }
  }

  // Identity Store.
  const center = identityCenterOf(double.world);
  const store = center.instance.identityStoreId;
  for (const page of outputs(recording, 'identitystore', 'ListUsers')) {
    for (const user of page.Users as Json[]) {
      const { UserId, IdentityStoreId: _store, ExternalIds, UserStatus, CreatedAt: _c, UpdatedAt: _u, CreatedBy: _cb, UpdatedBy: _ub, Emails, ...fields } = user;
      // CreateUser takes one email (API_CreateUser.html: Emails, "Fixed number of 1 item"); an IdP can
      // provision more over SCIM, so the others are set on the record.
      const emails = (Emails ?? []) as Json[];
      const first = emails.find((email) => email.Primary) ?? emails[0];
      const created = invoke('identitystore', 'CreateUser', { IdentityStoreId: store, ...fields, ...(first ? { Emails: [first] } : {}) });
      ids.set(UserId, created.UserId);
      const record = center.users.get(created.UserId);
      if (record && emails.length > 1) record.Emails = emails;
      if (record && ExternalIds) record.ExternalIds = ExternalIds;
      if (record && UserStatus === 'DISABLED') record.UserStatus = 'DISABLED';
    }
  }
  for (const page of outputs(recording, 'identitystore', 'ListGroups')) {
    for (const group of page.Groups as Json[]) {
      const created = invoke('identitystore', 'CreateGroup', { IdentityStoreId: store, DisplayName: group.DisplayName, Description: group.Description });
      ids.set(group.GroupId, created.GroupId);
      const record = center.groups.get(created.GroupId);
      if (record && group.ExternalIds) record.ExternalIds = group.ExternalIds;
    }
  }
  for (const page of outputs(recording, 'identitystore', 'ListGroupMemberships')) {
    for (const membership of page.GroupMemberships as Json[]) {
      invoke('identitystore', 'CreateGroupMembership', { IdentityStoreId: store, GroupId: mapped(membership.GroupId), MemberId: { UserId: mapped(membership.MemberId.UserId) } });
    }
  }

  // SSO Admin.
  const [recordedInstance] = outputs(recording, 'sso', 'ListInstances')[0].Instances as Json[];
  const instance = { InstanceArn: center.instance.arn };
  const recordedInstanceInput = { InstanceArn: recordedInstance.InstanceArn };
  const attributes = answer(recording, 'sso', 'DescribeInstanceAccessControlAttributeConfiguration', recordedInstanceInput);
  if (attributes?.InstanceAccessControlAttributeConfiguration) {
    invoke('sso', 'CreateInstanceAccessControlAttributeConfiguration', { ...instance, InstanceAccessControlAttributeConfiguration: attributes.InstanceAccessControlAttributeConfiguration });
  }
  for (const page of outputs(recording, 'sso', 'ListPermissionSets')) {
    for (const recordedArn of page.PermissionSets as string[]) {
      const setInput = { ...recordedInstanceInput, PermissionSetArn: recordedArn };
      const described = answer(recording, 'sso', 'DescribePermissionSet', setInput)!.PermissionSet as Json;
      const tags = (answer(recording, 'sso', 'ListTagsForResource', { ...recordedInstanceInput, ResourceArn: recordedArn })?.Tags ?? []) as Json[];
      const created = invoke('sso', 'CreatePermissionSet', { ...instance, Name: described.Name, Description: described.Description, SessionDuration: described.SessionDuration, RelayState: described.RelayState, ...(tags.length ? { Tags: tags } : {}) });
      const arn = created.PermissionSet.PermissionSetArn as string;
      ids.set(recordedArn, arn);
      const target = { ...instance, PermissionSetArn: arn };
      for (const policy of (answer(recording, 'sso', 'ListManagedPoliciesInPermissionSet', setInput)?.AttachedManagedPolicies ?? []) as Json[]) {
        invoke('sso', 'AttachManagedPolicyToPermissionSet', { ...target, ManagedPolicyArn: policy.Arn });
      }
      for (const reference of (answer(recording, 'sso', 'ListCustomerManagedPolicyReferencesInPermissionSet', setInput)?.CustomerManagedPolicyReferences ?? []) as Json[]) {
        invoke('sso', 'AttachCustomerManagedPolicyReferenceToPermissionSet', { ...target, CustomerManagedPolicyReference: reference });
      }
      const inline = answer(recording, 'sso', 'GetInlinePolicyForPermissionSet', setInput)?.InlinePolicy as string | undefined;
      if (inline) invoke('sso', 'PutInlinePolicyToPermissionSet', { ...target, InlinePolicy: inline });
      const boundary = answer(recording, 'sso', 'GetPermissionsBoundaryForPermissionSet', setInput)?.PermissionsBoundary as Json | undefined;
      if (boundary) invoke('sso', 'PutPermissionsBoundaryToPermissionSet', { ...target, PermissionsBoundary: boundary });
    }
  }
  const deletedPrincipals = new Set<string>();
  for (const call of calls(recording, 'sso', 'ListAccountAssignments')) {
    for (const assignment of ((call.output as Json | undefined)?.AccountAssignments ?? []) as Json[]) {
      let principal = ids.get(assignment.PrincipalId);
      if (!principal) {
        // An assignment to a principal deleted since: made while it existed, then the principal goes.
        principal = invoke('identitystore', 'CreateUser', { IdentityStoreId: store, UserName: `deleted-${assignment.PrincipalId}`, DisplayName: 'Deleted', Name: { GivenName: 'Deleted', FamilyName: 'User' } }).UserId as string;
        ids.set(assignment.PrincipalId, principal);
        deletedPrincipals.add(principal);
      }
      invoke('sso', 'CreateAccountAssignment', { ...instance, PermissionSetArn: mapped(assignment.PermissionSetArn), PrincipalType: assignment.PrincipalType, PrincipalId: principal, TargetType: 'AWS_ACCOUNT', TargetId: mapped(assignment.AccountId) });
    }
  }
  for (const principal of deletedPrincipals) invoke('identitystore', 'DeleteUser', { IdentityStoreId: store, UserId: principal });

  // IAM, in the management account.
  for (const alias of (outputs(recording, 'iam', 'ListAccountAliases')[0]?.AccountAliases ?? []) as string[]) invoke('iam', 'CreateAccountAlias', { AccountAlias: alias });
  const passwordPolicy = outputs(recording, 'iam', 'GetAccountPasswordPolicy')[0]?.PasswordPolicy as Json | undefined;
  if (passwordPolicy) {
    const { ExpirePasswords: _expire, ...settable } = passwordPolicy;
    invoke('iam', 'UpdateAccountPasswordPolicy', settable);
  }
  for (const feature of (outputs(recording, 'iam', 'ListOrganizationsFeatures')[0]?.EnabledFeatures ?? []) as string[]) {
    invoke('iam', feature === 'RootCredentialsManagement' ? 'EnableOrganizationsRootCredentialsManagement' : 'EnableOrganizationsRootSessions', {});
  }
  for (const group of (outputs(recording, 'iam', 'ListGroups')[0]?.Groups ?? []) as Json[]) {
    invoke('iam', 'CreateGroup', { GroupName: group.GroupName, Path: group.Path });
    for (const policy of (answer(recording, 'iam', 'ListAttachedGroupPolicies', { GroupName: group.GroupName })?.AttachedPolicies ?? []) as Json[]) {
      invoke('iam', 'AttachGroupPolicy', { GroupName: group.GroupName, PolicyArn: policy.PolicyArn });
    }
  }
  for (const listed of (outputs(recording, 'iam', 'ListUsers')[0]?.Users ?? []) as Json[]) {
    const user = (answer(recording, 'iam', 'GetUser', { UserName: listed.UserName })?.User ?? listed) as Json;
    invoke('iam', 'CreateUser', { UserName: user.UserName, Path: user.Path, ...(user.Tags?.length ? { Tags: user.Tags } : {}) });
    for (const group of (answer(recording, 'iam', 'ListGroupsForUser', { UserName: user.UserName })?.Groups ?? []) as Json[]) {
      invoke('iam', 'AddUserToGroup', { GroupName: group.GroupName, UserName: user.UserName });
    }
    for (const policy of (answer(recording, 'iam', 'ListAttachedUserPolicies', { UserName: user.UserName })?.AttachedPolicies ?? []) as Json[]) {
      invoke('iam', 'AttachUserPolicy', { UserName: user.UserName, PolicyArn: policy.PolicyArn });
    }
    const profile = answer(recording, 'iam', 'GetLoginProfile', { UserName: user.UserName })?.LoginProfile as Json | undefined;
    if (profile) invoke('iam', 'CreateLoginProfile', { UserName: user.UserName, Password: 'Seeded-Console-Password-1!', PasswordResetRequired: profile.PasswordResetRequired ?? false });
    for (const device of (answer(recording, 'iam', 'ListMFADevices', { UserName: user.UserName })?.MFADevices ?? []) as Json[]) {
      // A virtual device named as the recorded serial number's last part (…:mfa/<name>), enabled with two codes.
      const name = String(device.SerialNumber).split('/').pop()!;
      const virtual = invoke('iam', 'CreateVirtualMFADevice', { VirtualMFADeviceName: name }).VirtualMFADevice as Json;
      invoke('iam', 'EnableMFADevice', { UserName: user.UserName, SerialNumber: virtual.SerialNumber, AuthenticationCode1: '123456', AuthenticationCode2: '654321' });
    }
    for (const key of (answer(recording, 'iam', 'ListAccessKeys', { UserName: user.UserName })?.AccessKeyMetadata ?? []) as Json[]) {
      const created = invoke('iam', 'CreateAccessKey', { UserName: user.UserName }).AccessKey as Json;
      if (key.Status === 'Inactive') invoke('iam', 'UpdateAccessKey', { UserName: user.UserName, AccessKeyId: created.AccessKeyId, Status: 'Inactive' });
    }
  }

  // Account: alternate contacts of the management account.
  for (const call of calls(recording, 'account', 'GetAlternateContact')) {
    const contact = (call.output as Json | undefined)?.AlternateContact as Json | undefined;
    if (contact) invoke('account', 'PutAlternateContact', { AlternateContactType: contact.AlternateContactType, Name: contact.Name, Title: contact.Title, EmailAddress: contact.EmailAddress, PhoneNumber: contact.PhoneNumber });
  }

  // Last: accounts closed since (their assignments were made while they were open). With asyncSteps 0
  // CloseAccount suspends at once, so a recorded PENDING_CLOSURE account is SUSPENDED here: both are
  // closed accounts to discovery and adoption.
  for (const account of closed) invoke('organizations', 'CloseAccount', { AccountId: account.id });
  return { ids, managementAccountId, region };
}

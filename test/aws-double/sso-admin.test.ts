/**
 * SSO Admin in the AWS double, through the real SDK v3 client over HTTP: the shapes of the IAM
 * Identity Center API reference (API_ListInstances.html, API_CreatePermissionSet.html,
 * API_ProvisionPermissionSet.html, API_CreateAccountAssignment.html, …) and the error codes the
 * provider branches on (ResourceNotFoundException = gone; ConflictException on a duplicate name or
 * deleting a set still provisioned).
 */
import { CreateGroupCommand, CreateUserCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import {
  AttachCustomerManagedPolicyReferenceToPermissionSetCommand,
  AttachManagedPolicyToPermissionSetCommand,
  ConflictException,
  CreateAccountAssignmentCommand,
  CreateInstanceAccessControlAttributeConfigurationCommand,
  CreatePermissionSetCommand,
  DeleteAccountAssignmentCommand,
  DeleteInlinePolicyFromPermissionSetCommand,
  DeleteInstanceAccessControlAttributeConfigurationCommand,
  DeletePermissionsBoundaryFromPermissionSetCommand,
  DeletePermissionSetCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  DescribeAccountAssignmentDeletionStatusCommand,
  DescribeInstanceAccessControlAttributeConfigurationCommand,
  DescribePermissionSetCommand,
  DescribePermissionSetProvisioningStatusCommand,
  DetachCustomerManagedPolicyReferenceFromPermissionSetCommand,
  DetachManagedPolicyFromPermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  ListAccountAssignmentsCommand,
  ListAccountAssignmentsForPrincipalCommand,
  ListAccountsForProvisionedPermissionSetCommand,
  ListCustomerManagedPolicyReferencesInPermissionSetCommand,
  ListInstancesCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListPermissionSetsCommand,
  ListPermissionSetsProvisionedToAccountCommand,
  ListTagsForResourceCommand,
  ProvisionPermissionSetCommand,
  PutInlinePolicyToPermissionSetCommand,
  PutPermissionsBoundaryToPermissionSetCommand,
  ResourceNotFoundException,
  SSOAdminClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateInstanceAccessControlAttributeConfigurationCommand,
  UpdatePermissionSetCommand,
  ValidationException,
} from '@aws-sdk/client-sso-admin';

import { doubleClientConfig } from './sdk-clients';
import { startAwsDouble } from './server';
import { setCustomerPolicyLookup } from './services/identity-center';
import { identityStoreDouble } from './services/identitystore';
import { ssoAdminDouble } from './services/sso-admin';

// The formats the API reference gives (API_InstanceMetadata.html, API_PermissionSet.html).
const INSTANCE_ARN = /^arn:aws:sso:::instance\/ssoins-[0-9a-f]{16}$/;
const PERMISSION_SET_ARN = /^arn:aws:sso:::permissionSet\/ssoins-[0-9a-f]{16}\/ps-[0-9a-f]{16}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MEMBER = '222222222222';

async function setUp(asyncSteps: number) {
  const double = await startAwsDouble({ services: [ssoAdminDouble, identityStoreDouble], asyncSteps });
  double.world.accounts.set(MEMBER, { id: MEMBER, name: 'prod', email: 'prod@example.com', status: 'ACTIVE' });
  double.world.accounts.set('333333333333', { id: '333333333333', name: 'gone', email: 'gone@example.com', status: 'SUSPENDED' });
  const sso = new SSOAdminClient(doubleClientConfig(double.url));
  const { Instances } = await sso.send(new ListInstancesCommand({}));
  const { InstanceArn, IdentityStoreId } = Instances![0];
  const store = new IdentitystoreClient(doubleClientConfig(double.url));
  const { UserId } = await store.send(new CreateUserCommand({ IdentityStoreId, UserName: 'carol', DisplayName: 'Carol', Name: { GivenName: 'Carol', FamilyName: 'Smith' } }));
  const { GroupId } = await store.send(new CreateGroupCommand({ IdentityStoreId, DisplayName: 'Platform' }));
  return { double, sso, InstanceArn: InstanceArn!, IdentityStoreId: IdentityStoreId!, UserId: UserId!, GroupId: GroupId! };
}

describe('SSO Admin in the AWS double (JSON 1.1, SWBExternalService)', () => {
  let env: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    env = await setUp(0);
  });
  afterAll(() => env.double.close());
  afterEach(() => expect(env.double.unanswered()).toEqual([]));

  it('ListInstances answers the one instance of the management account, its identity store linked', async () => {
    const { Instances, NextToken } = await env.sso.send(new ListInstancesCommand({}));
    expect(NextToken).toBeUndefined();
    expect(Instances).toHaveLength(1);
    expect(Instances![0]).toMatchObject({ InstanceArn: expect.stringMatching(INSTANCE_ARN), IdentityStoreId: expect.stringMatching(/^d-[0-9a-f]{10}$/), OwnerAccountId: '111111111111', Status: 'ACTIVE' });
    expect(Instances![0].CreatedDate).toBeInstanceOf(Date);
  });

  it('a member account sees no instance, and the instance is ResourceNotFoundException to it', async () => {
    const keys = env.double.world.credentials.issue({ accountId: MEMBER, arn: `arn:aws:sts::${MEMBER}:assumed-role/OrganizationAccountAccessRole/test` });
    const member = new SSOAdminClient(doubleClientConfig(env.double.url, keys));
    expect((await member.send(new ListInstancesCommand({}))).Instances).toEqual([]);
    await expect(member.send(new ListPermissionSetsCommand({ InstanceArn: env.InstanceArn }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('CreatePermissionSet answers the set with the defaults AWS fills in; Describe and ListTagsForResource read it back', async () => {
    const { PermissionSet } = await env.sso.send(
      new CreatePermissionSetCommand({ InstanceArn: env.InstanceArn, Name: 'Admin', Description: 'Administrators', Tags: [{ Key: 'team', Value: 'platform' }] }),
    );
    expect(PermissionSet).toMatchObject({ Name: 'Admin', Description: 'Administrators', SessionDuration: 'PT1H', PermissionSetArn: expect.stringMatching(PERMISSION_SET_ARN) });
    expect(PermissionSet!.PermissionSetArn!.split('/')[1]).toBe(env.InstanceArn.split('/')[1]);
    expect(PermissionSet!.RelayState).toBeUndefined();
    expect(PermissionSet!.CreatedDate).toBeInstanceOf(Date);
    const described = await env.sso.send(new DescribePermissionSetCommand({ InstanceArn: env.InstanceArn, PermissionSetArn: PermissionSet!.PermissionSetArn }));
    expect(described.PermissionSet).toEqual(PermissionSet);
    const { Tags } = await env.sso.send(new ListTagsForResourceCommand({ InstanceArn: env.InstanceArn, ResourceArn: PermissionSet!.PermissionSetArn }));
    expect(Tags).toEqual([{ Key: 'team', Value: 'platform' }]);
  });

  it('a second set of the same name is ConflictException (HTTP 409); a bad session duration ValidationException (400)', async () => {
    const conflict = await env.sso.send(new CreatePermissionSetCommand({ InstanceArn: env.InstanceArn, Name: 'Admin' })).catch((error: unknown) => error as ConflictException);
    expect(conflict.$metadata.httpStatusCode).toBe(409);
    await expect(env.sso.send(new CreatePermissionSetCommand({ InstanceArn: env.InstanceArn, Name: 'Admin' }))).rejects.toThrow(
      expect.objectContaining({ name: 'ConflictException', message: 'PermissionSet with name Admin already exists.' }),
    );
    await expect(env.sso.send(new CreatePermissionSetCommand({ InstanceArn: env.InstanceArn, Name: 'Long', SessionDuration: 'PT13H' }))).rejects.toBeInstanceOf(ValidationException);
    await expect(env.sso.send(new CreatePermissionSetCommand({ InstanceArn: env.InstanceArn, Name: 'Bad', SessionDuration: '1 hour' }))).rejects.toBeInstanceOf(ValidationException);
    // API_PermissionSet.html: a description is Latin-1 only, a relay state ASCII only, a name [\w+=,.@-]{1,32}.
    await expect(env.sso.send(new CreatePermissionSetCommand({ InstanceArn: env.InstanceArn, Name: 'Cjk', Description: '日本語' }))).rejects.toBeInstanceOf(ValidationException);
    await expect(env.sso.send(new CreatePermissionSetCommand({ InstanceArn: env.InstanceArn, Name: 'Relay', RelayState: 'https://example.com/Zürich' }))).rejects.toBeInstanceOf(ValidationException);
    await expect(env.sso.send(new CreatePermissionSetCommand({ InstanceArn: env.InstanceArn, Name: 'has space' }))).rejects.toBeInstanceOf(ValidationException);
    await expect(env.sso.send(new CreatePermissionSetCommand({ InstanceArn: env.InstanceArn, Name: 'Tagged', Tags: [{ Key: 'bad!', Value: 'x' }] }))).rejects.toBeInstanceOf(ValidationException);
    const latin1 = await env.sso.send(new CreatePermissionSetCommand({ InstanceArn: env.InstanceArn, Name: 'Latin1', Description: 'Résumé "quoted" back\\slash ${aws:username}' }));
    await env.sso.send(new DeletePermissionSetCommand({ InstanceArn: env.InstanceArn, PermissionSetArn: latin1.PermissionSet!.PermissionSetArn }));
  });

  it('UpdatePermissionSet keeps Description when absent (provider issue #41897) but clears RelayState when absent (#17411)', async () => {
    const arn = await setArn('Admin');
    await env.sso.send(new UpdatePermissionSetCommand({ InstanceArn: env.InstanceArn, PermissionSetArn: arn, SessionDuration: 'PT4H', RelayState: 'https://console.aws.amazon.com/' }));
    let set = (await env.sso.send(new DescribePermissionSetCommand({ InstanceArn: env.InstanceArn, PermissionSetArn: arn }))).PermissionSet!;
    expect(set).toMatchObject({ SessionDuration: 'PT4H', RelayState: 'https://console.aws.amazon.com/', Description: 'Administrators' });
    await env.sso.send(new UpdatePermissionSetCommand({ InstanceArn: env.InstanceArn, PermissionSetArn: arn, SessionDuration: 'PT4H' }));
    set = (await env.sso.send(new DescribePermissionSetCommand({ InstanceArn: env.InstanceArn, PermissionSetArn: arn }))).PermissionSet!;
    expect(set.RelayState).toBeUndefined();
    expect(set.Description).toBe('Administrators');
  });

  it('tags: TagResource and UntagResource', async () => {
    const arn = await setArn('Admin');
    await env.sso.send(new TagResourceCommand({ InstanceArn: env.InstanceArn, ResourceArn: arn, Tags: [{ Key: 'cost', Value: '42' }] }));
    await env.sso.send(new UntagResourceCommand({ InstanceArn: env.InstanceArn, ResourceArn: arn, TagKeys: ['team'] }));
    expect((await env.sso.send(new ListTagsForResourceCommand({ InstanceArn: env.InstanceArn, ResourceArn: arn }))).Tags).toEqual([{ Key: 'cost', Value: '42' }]);
  });

  it('an unknown permission set is ResourceNotFoundException (HTTP 404), a malformed ARN ValidationException', async () => {
    const unknown = `arn:aws:sso:::permissionSet/${env.InstanceArn.split('/')[1]}/ps-ffffffffffffffff`;
    const missing = await env.sso.send(new DescribePermissionSetCommand({ InstanceArn: env.InstanceArn, PermissionSetArn: unknown })).catch((error: unknown) => error as ResourceNotFoundException);
    expect(missing.$metadata.httpStatusCode).toBe(404);
    await expect(env.sso.send(new DescribePermissionSetCommand({ InstanceArn: env.InstanceArn, PermissionSetArn: unknown }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(env.sso.send(new DeletePermissionSetCommand({ InstanceArn: env.InstanceArn, PermissionSetArn: unknown }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(env.sso.send(new DescribePermissionSetCommand({ InstanceArn: env.InstanceArn, PermissionSetArn: 'arn:aws:sso:::permissionSet/nope' }))).rejects.toBeInstanceOf(ValidationException);
  });

  it('managed policies: attach answers the name, a second attach is ConflictException, detach of one not attached ResourceNotFoundException', async () => {
    const arn = await setArn('Admin');
    const ids = { InstanceArn: env.InstanceArn, PermissionSetArn: arn };
    await env.sso.send(new AttachManagedPolicyToPermissionSetCommand({ ...ids, ManagedPolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    await env.sso.send(new AttachManagedPolicyToPermissionSetCommand({ ...ids, ManagedPolicyArn: 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess' }));
    await expect(env.sso.send(new AttachManagedPolicyToPermissionSetCommand({ ...ids, ManagedPolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }))).rejects.toBeInstanceOf(ConflictException);
    const { AttachedManagedPolicies } = await env.sso.send(new ListManagedPoliciesInPermissionSetCommand(ids));
    expect(AttachedManagedPolicies).toEqual([
      { Name: 'AdministratorAccess', Arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
      { Name: 'ViewOnlyAccess', Arn: 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess' },
    ]);
    // Only AWS managed policies attach by ARN; a customer's policy is a reference by name.
    await expect(env.sso.send(new AttachManagedPolicyToPermissionSetCommand({ ...ids, ManagedPolicyArn: 'arn:aws:iam::111111111111:policy/Mine' }))).rejects.toBeInstanceOf(ValidationException);
    await env.sso.send(new DetachManagedPolicyFromPermissionSetCommand({ ...ids, ManagedPolicyArn: 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess' }));
    await expect(env.sso.send(new DetachManagedPolicyFromPermissionSetCommand({ ...ids, ManagedPolicyArn: 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('customer managed policy references: the path defaults to /, duplicates are ConflictException', async () => {
    const ids = { InstanceArn: env.InstanceArn, PermissionSetArn: await setArn('Admin') };
    await env.sso.send(new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({ ...ids, CustomerManagedPolicyReference: { Name: 'ReadLogs' } }));
    await env.sso.send(new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({ ...ids, CustomerManagedPolicyReference: { Name: 'ReadLogs', Path: '/team/' } }));
    await expect(
      env.sso.send(new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({ ...ids, CustomerManagedPolicyReference: { Name: 'ReadLogs', Path: '/' } })),
    ).rejects.toBeInstanceOf(ConflictException);
    expect((await env.sso.send(new ListCustomerManagedPolicyReferencesInPermissionSetCommand(ids))).CustomerManagedPolicyReferences).toEqual([
      { Name: 'ReadLogs', Path: '/' },
      { Name: 'ReadLogs', Path: '/team/' },
    ]);
    await env.sso.send(new DetachCustomerManagedPolicyReferenceFromPermissionSetCommand({ ...ids, CustomerManagedPolicyReference: { Name: 'ReadLogs', Path: '/team/' } }));
    await expect(
      env.sso.send(new DetachCustomerManagedPolicyReferenceFromPermissionSetCommand({ ...ids, CustomerManagedPolicyReference: { Name: 'ReadLogs', Path: '/team/' } })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('permissions boundary: none is ResourceNotFoundException; put replaces; delete', async () => {
    const ids = { InstanceArn: env.InstanceArn, PermissionSetArn: await setArn('Admin') };
    await expect(env.sso.send(new GetPermissionsBoundaryForPermissionSetCommand(ids))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await env.sso.send(new PutPermissionsBoundaryToPermissionSetCommand({ ...ids, PermissionsBoundary: { ManagedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' } }));
    await env.sso.send(new PutPermissionsBoundaryToPermissionSetCommand({ ...ids, PermissionsBoundary: { CustomerManagedPolicyReference: { Name: 'Boundary' } } }));
    expect((await env.sso.send(new GetPermissionsBoundaryForPermissionSetCommand(ids))).PermissionsBoundary).toEqual({ CustomerManagedPolicyReference: { Name: 'Boundary', Path: '/' } });
    await env.sso.send(new DeletePermissionsBoundaryFromPermissionSetCommand(ids));
    await expect(env.sso.send(new DeletePermissionsBoundaryFromPermissionSetCommand(ids))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('inline policy: none reads as an empty string; the policy reads back as put; not JSON is ValidationException', async () => {
    const ids = { InstanceArn: env.InstanceArn, PermissionSetArn: await setArn('Admin') };
    expect((await env.sso.send(new GetInlinePolicyForPermissionSetCommand(ids))).InlinePolicy).toBe('');
    const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
    await env.sso.send(new PutInlinePolicyToPermissionSetCommand({ ...ids, InlinePolicy: policy }));
    expect((await env.sso.send(new GetInlinePolicyForPermissionSetCommand(ids))).InlinePolicy).toBe(policy);
    await expect(env.sso.send(new PutInlinePolicyToPermissionSetCommand({ ...ids, InlinePolicy: '{not json' }))).rejects.toBeInstanceOf(ValidationException);
    await env.sso.send(new DeleteInlinePolicyFromPermissionSetCommand(ids));
    expect((await env.sso.send(new GetInlinePolicyForPermissionSetCommand(ids))).InlinePolicy).toBe('');
  });

  it('ProvisionPermissionSet answers IN_PROGRESS with a request id; with asyncSteps 0 the first status read is SUCCEEDED', async () => {
    const arn = await setArn('Admin');
    const { PermissionSetProvisioningStatus: started } = await env.sso.send(
      new ProvisionPermissionSetCommand({ InstanceArn: env.InstanceArn, PermissionSetArn: arn, TargetType: 'ALL_PROVISIONED_ACCOUNTS' }),
    );
    expect(started).toMatchObject({ Status: 'IN_PROGRESS', PermissionSetArn: arn, RequestId: expect.stringMatching(UUID) });
    const { PermissionSetProvisioningStatus } = await env.sso.send(
      new DescribePermissionSetProvisioningStatusCommand({ InstanceArn: env.InstanceArn, ProvisionPermissionSetRequestId: started!.RequestId }),
    );
    expect(PermissionSetProvisioningStatus).toMatchObject({ Status: 'SUCCEEDED', RequestId: started!.RequestId, PermissionSetArn: arn });
    expect(PermissionSetProvisioningStatus!.CreatedDate).toBeInstanceOf(Date);
    await expect(
      env.sso.send(new DescribePermissionSetProvisioningStatusCommand({ InstanceArn: env.InstanceArn, ProvisionPermissionSetRequestId: '00000000-0000-4000-8000-000000000000' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('CreateAccountAssignment provisions the set to the account; the assignment lists by set and account and by principal', async () => {
    const arn = await setArn('Admin');
    const assignment = { InstanceArn: env.InstanceArn, PermissionSetArn: arn, TargetId: MEMBER, TargetType: 'AWS_ACCOUNT' as const, PrincipalType: 'GROUP' as const, PrincipalId: env.GroupId };
    const { AccountAssignmentCreationStatus: started } = await env.sso.send(new CreateAccountAssignmentCommand(assignment));
    expect(started).toMatchObject({ Status: 'IN_PROGRESS', RequestId: expect.stringMatching(UUID), TargetId: MEMBER, TargetType: 'AWS_ACCOUNT', PermissionSetArn: arn, PrincipalType: 'GROUP', PrincipalId: env.GroupId });
    const { AccountAssignmentCreationStatus: done } = await env.sso.send(
      new DescribeAccountAssignmentCreationStatusCommand({ InstanceArn: env.InstanceArn, AccountAssignmentCreationRequestId: started!.RequestId }),
    );
    expect(done).toMatchObject({ Status: 'SUCCEEDED', RequestId: started!.RequestId });
    // The provider creates only after finding none; a repeated create changes nothing.
    await env.sso.send(new CreateAccountAssignmentCommand(assignment));
    const { AccountAssignments } = await env.sso.send(new ListAccountAssignmentsCommand({ InstanceArn: env.InstanceArn, AccountId: MEMBER, PermissionSetArn: arn }));
    expect(AccountAssignments).toEqual([{ AccountId: MEMBER, PermissionSetArn: arn, PrincipalType: 'GROUP', PrincipalId: env.GroupId }]);
    const forPrincipal = await env.sso.send(new ListAccountAssignmentsForPrincipalCommand({ InstanceArn: env.InstanceArn, PrincipalId: env.GroupId, PrincipalType: 'GROUP' }));
    expect(forPrincipal.AccountAssignments).toEqual([{ AccountId: MEMBER, PermissionSetArn: arn, PrincipalId: env.GroupId, PrincipalType: 'GROUP' }]);
    expect((await env.sso.send(new ListAccountsForProvisionedPermissionSetCommand({ InstanceArn: env.InstanceArn, PermissionSetArn: arn }))).AccountIds).toEqual([MEMBER]);
    expect((await env.sso.send(new ListPermissionSetsProvisionedToAccountCommand({ InstanceArn: env.InstanceArn, AccountId: MEMBER }))).PermissionSets).toEqual([arn]);
  });

  it('a policy change leaves the account on an older version until ProvisionPermissionSet', async () => {
    const arn = await setArn('Admin');
    const ids = { InstanceArn: env.InstanceArn, PermissionSetArn: arn };
    await env.sso.send(new AttachManagedPolicyToPermissionSetCommand({ ...ids, ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    const outdated = await env.sso.send(new ListAccountsForProvisionedPermissionSetCommand({ ...ids, ProvisioningStatus: 'LATEST_PERMISSION_SET_NOT_PROVISIONED' }));
    expect(outdated.AccountIds).toEqual([MEMBER]);
    await env.sso.send(new ProvisionPermissionSetCommand({ ...ids, TargetType: 'ALL_PROVISIONED_ACCOUNTS' }));
    expect((await env.sso.send(new ListAccountsForProvisionedPermissionSetCommand({ ...ids, ProvisioningStatus: 'LATEST_PERMISSION_SET_PROVISIONED' }))).AccountIds).toEqual([MEMBER]);
  });

  it('a set still provisioned cannot be deleted (ConflictException); after its last assignment goes it can', async () => {
    const arn = await setArn('Admin');
    await expect(env.sso.send(new DeletePermissionSetCommand({ InstanceArn: env.InstanceArn, PermissionSetArn: arn }))).rejects.toBeInstanceOf(ConflictException);
    const assignment = { InstanceArn: env.InstanceArn, PermissionSetArn: arn, TargetId: MEMBER, TargetType: 'AWS_ACCOUNT' as const, PrincipalType: 'GROUP' as const, PrincipalId: env.GroupId };
    const { AccountAssignmentDeletionStatus: started } = await env.sso.send(new DeleteAccountAssignmentCommand(assignment));
    expect(started).toMatchObject({ Status: 'IN_PROGRESS', RequestId: expect.stringMatching(UUID), PrincipalId: env.GroupId });
    const { AccountAssignmentDeletionStatus: done } = await env.sso.send(
      new DescribeAccountAssignmentDeletionStatusCommand({ InstanceArn: env.InstanceArn, AccountAssignmentDeletionRequestId: started!.RequestId }),
    );
    expect(done!.Status).toBe('SUCCEEDED');
    await expect(env.sso.send(new DeleteAccountAssignmentCommand(assignment))).rejects.toBeInstanceOf(ResourceNotFoundException);
    expect((await env.sso.send(new ListAccountsForProvisionedPermissionSetCommand({ InstanceArn: env.InstanceArn, PermissionSetArn: arn }))).AccountIds).toEqual([]);
    await env.sso.send(new DeletePermissionSetCommand({ InstanceArn: env.InstanceArn, PermissionSetArn: arn }));
    await expect(env.sso.send(new DescribePermissionSetCommand({ InstanceArn: env.InstanceArn, PermissionSetArn: arn }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('an assignment to a suspended account or of a principal not in the store FAILS with a reason', async () => {
    const { PermissionSet } = await env.sso.send(new CreatePermissionSetCommand({ InstanceArn: env.InstanceArn, Name: 'ReadOnly' }));
    const base = { InstanceArn: env.InstanceArn, PermissionSetArn: PermissionSet!.PermissionSetArn, TargetType: 'AWS_ACCOUNT' as const };
    const suspended = await env.sso.send(new CreateAccountAssignmentCommand({ ...base, TargetId: '333333333333', PrincipalType: 'USER', PrincipalId: env.UserId }));
    const stranger = await env.sso.send(
      new CreateAccountAssignmentCommand({ ...base, TargetId: MEMBER, PrincipalType: 'USER', PrincipalId: `${env.IdentityStoreId.slice(2)}-00000000-0000-4000-8000-000000000000` }),
    );
    for (const started of [suspended, stranger]) {
      const { AccountAssignmentCreationStatus } = await env.sso.send(
        new DescribeAccountAssignmentCreationStatusCommand({ InstanceArn: env.InstanceArn, AccountAssignmentCreationRequestId: started.AccountAssignmentCreationStatus!.RequestId }),
      );
      expect(AccountAssignmentCreationStatus).toMatchObject({ Status: 'FAILED', FailureReason: expect.any(String) });
    }
    expect((await env.sso.send(new ListAccountsForProvisionedPermissionSetCommand(base))).AccountIds).toEqual([]);
    await expect(env.sso.send(new CreateAccountAssignmentCommand({ ...base, TargetId: MEMBER, PrincipalType: 'USER', PrincipalId: 'not-an-id' }))).rejects.toBeInstanceOf(ValidationException);
  });

  it('access control attributes: ResourceNotFoundException until created, ConflictException on a second create, update, delete', async () => {
    const InstanceArn = env.InstanceArn;
    await expect(env.sso.send(new DescribeInstanceAccessControlAttributeConfigurationCommand({ InstanceArn }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    const configuration = { AccessControlAttributes: [{ Key: 'CostCenter', Value: { Source: ['${path:enterprise.costCenter}'] } }] };
    await env.sso.send(new CreateInstanceAccessControlAttributeConfigurationCommand({ InstanceArn, InstanceAccessControlAttributeConfiguration: configuration }));
    await expect(
      env.sso.send(new CreateInstanceAccessControlAttributeConfigurationCommand({ InstanceArn, InstanceAccessControlAttributeConfiguration: configuration })),
    ).rejects.toBeInstanceOf(ConflictException);
    expect(await env.sso.send(new DescribeInstanceAccessControlAttributeConfigurationCommand({ InstanceArn }))).toMatchObject({ Status: 'ENABLED', InstanceAccessControlAttributeConfiguration: configuration });
    const updated = { AccessControlAttributes: [{ Key: 'Team', Value: { Source: ['${path:enterprise.department}'] } }] };
    await env.sso.send(new UpdateInstanceAccessControlAttributeConfigurationCommand({ InstanceArn, InstanceAccessControlAttributeConfiguration: updated }));
    expect((await env.sso.send(new DescribeInstanceAccessControlAttributeConfigurationCommand({ InstanceArn }))).InstanceAccessControlAttributeConfiguration).toEqual(updated);
    await env.sso.send(new DeleteInstanceAccessControlAttributeConfigurationCommand({ InstanceArn }));
    await expect(env.sso.send(new DescribeInstanceAccessControlAttributeConfigurationCommand({ InstanceArn }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('an access control attribute takes exactly one source (API_AccessControlAttributeValue.html: "Fixed number of 1 item")', async () => {
    const InstanceArn = env.InstanceArn;
    const twoSources = { AccessControlAttributes: [{ Key: 'Département', Value: { Source: ['${path:enterprise.department}', '${path:name.familyName}'] } }] };
    await expect(env.sso.send(new CreateInstanceAccessControlAttributeConfigurationCommand({ InstanceArn, InstanceAccessControlAttributeConfiguration: twoSources }))).rejects.toBeInstanceOf(
      ValidationException,
    );
    const badKey = { AccessControlAttributes: [{ Key: 'Cost Center!', Value: { Source: ['${path:enterprise.costCenter}'] } }] };
    await expect(env.sso.send(new CreateInstanceAccessControlAttributeConfigurationCommand({ InstanceArn, InstanceAccessControlAttributeConfiguration: badKey }))).rejects.toBeInstanceOf(ValidationException);
    // Unicode letters are in the key's pattern.
    const unicode = { AccessControlAttributes: [{ Key: 'Département', Value: { Source: ['${path:enterprise.department}'] } }] };
    await env.sso.send(new CreateInstanceAccessControlAttributeConfigurationCommand({ InstanceArn, InstanceAccessControlAttributeConfiguration: unicode }));
    await env.sso.send(new DeleteInstanceAccessControlAttributeConfigurationCommand({ InstanceArn }));
  });

  it('ListPermissionSets pages with NextToken', async () => {
    for (let index = 0; index < 5; index += 1) await env.sso.send(new CreatePermissionSetCommand({ InstanceArn: env.InstanceArn, Name: `Paged${index}` }));
    const arns: string[] = [];
    let NextToken: string | undefined;
    do {
      const answer = await env.sso.send(new ListPermissionSetsCommand({ InstanceArn: env.InstanceArn, MaxResults: 2, NextToken }));
      expect(answer.PermissionSets!.length).toBeLessThanOrEqual(2);
      arns.push(...answer.PermissionSets!);
      NextToken = answer.NextToken;
    } while (NextToken);
    expect(arns.length).toBeGreaterThanOrEqual(6);
    expect(new Set(arns).size).toBe(arns.length);
    await expect(env.sso.send(new ListPermissionSetsCommand({ InstanceArn: env.InstanceArn, NextToken: 'garbage' }))).rejects.toBeInstanceOf(ValidationException);
  });

  async function setArn(name: string): Promise<string> {
    const { PermissionSets } = await env.sso.send(new ListPermissionSetsCommand({ InstanceArn: env.InstanceArn }));
    for (const arn of PermissionSets ?? []) {
      const { PermissionSet } = await env.sso.send(new DescribePermissionSetCommand({ InstanceArn: env.InstanceArn, PermissionSetArn: arn }));
      if (PermissionSet?.Name === name) return arn;
    }
    throw new Error(`no set ${name}`);
  }
});

describe('customer managed policies must exist in the account a set is provisioned to', () => {
  it('provisioning and assigning FAIL while the policy is missing in the account, SUCCEED once it is there', async () => {
    const env = await setUp(0);
    try {
      const policies = new Set<string>();
      setCustomerPolicyLookup(env.double.world, (accountId, path, name) => policies.has(`${accountId}:${path}${name}`));
      const { PermissionSet } = await env.sso.send(new CreatePermissionSetCommand({ InstanceArn: env.InstanceArn, Name: 'Logs' }));
      const ids = { InstanceArn: env.InstanceArn, PermissionSetArn: PermissionSet!.PermissionSetArn };
      await env.sso.send(new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({ ...ids, CustomerManagedPolicyReference: { Name: 'ReadLogs', Path: '/team/' } }));
      const assign = () => env.sso.send(new CreateAccountAssignmentCommand({ ...ids, TargetId: MEMBER, TargetType: 'AWS_ACCOUNT', PrincipalType: 'USER', PrincipalId: env.UserId }));
      const statusOf = async (requestId: string | undefined) =>
        (await env.sso.send(new DescribeAccountAssignmentCreationStatusCommand({ InstanceArn: env.InstanceArn, AccountAssignmentCreationRequestId: requestId }))).AccountAssignmentCreationStatus;
      const failed = await statusOf((await assign()).AccountAssignmentCreationStatus!.RequestId);
      expect(failed).toMatchObject({ Status: 'FAILED', FailureReason: `Received a 404 status error: Not supported policy arn:aws:iam::${MEMBER}:policy/team/ReadLogs.` });
      expect((await env.sso.send(new ListAccountAssignmentsCommand({ ...ids, AccountId: MEMBER }))).AccountAssignments).toEqual([]);
      policies.add(`${MEMBER}:/team/ReadLogs`);
      expect((await statusOf((await assign()).AccountAssignmentCreationStatus!.RequestId))!.Status).toBe('SUCCEEDED');
      // A boundary referencing a policy the account lacks: re-provisioning fails, the account keeps the older version.
      await env.sso.send(new PutPermissionsBoundaryToPermissionSetCommand({ ...ids, PermissionsBoundary: { CustomerManagedPolicyReference: { Name: 'Boundary' } } }));
      const { PermissionSetProvisioningStatus } = await env.sso.send(new ProvisionPermissionSetCommand({ ...ids, TargetType: 'ALL_PROVISIONED_ACCOUNTS' }));
      const provisioned = await env.sso.send(new DescribePermissionSetProvisioningStatusCommand({ InstanceArn: env.InstanceArn, ProvisionPermissionSetRequestId: PermissionSetProvisioningStatus!.RequestId }));
      expect(provisioned.PermissionSetProvisioningStatus).toMatchObject({ Status: 'FAILED', FailureReason: expect.stringContaining(`arn:aws:iam::${MEMBER}:policy/Boundary`) });
      expect((await env.sso.send(new ListAccountsForProvisionedPermissionSetCommand({ ...ids, ProvisioningStatus: 'LATEST_PERMISSION_SET_NOT_PROVISIONED' }))).AccountIds).toEqual([MEMBER]);
    } finally {
      await env.double.close();
    }
  });
});

describe('asynchronous status with asyncSteps', () => {
  it('an assignment stays IN_PROGRESS for asyncSteps status reads, then SUCCEEDED', async () => {
    const env = await setUp(2);
    try {
      const { PermissionSet } = await env.sso.send(new CreatePermissionSetCommand({ InstanceArn: env.InstanceArn, Name: 'Admin' }));
      const { AccountAssignmentCreationStatus: started } = await env.sso.send(
        new CreateAccountAssignmentCommand({ InstanceArn: env.InstanceArn, PermissionSetArn: PermissionSet!.PermissionSetArn, TargetId: MEMBER, TargetType: 'AWS_ACCOUNT', PrincipalType: 'USER', PrincipalId: env.UserId }),
      );
      const statuses: string[] = [];
      for (let read = 0; read < 3; read += 1) {
        const { AccountAssignmentCreationStatus } = await env.sso.send(
          new DescribeAccountAssignmentCreationStatusCommand({ InstanceArn: env.InstanceArn, AccountAssignmentCreationRequestId: started!.RequestId }),
        );
        statuses.push(AccountAssignmentCreationStatus!.Status!);
      }
      expect(statuses).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'SUCCEEDED']);
    } finally {
      await env.double.close();
    }
  });
});

import {
  AttachPolicyCommand,
  CloseAccountCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  CreatePolicyCommand,
  DeleteOrganizationalUnitCommand,
  DeleteOrganizationCommand,
  EnableAllFeaturesCommand,
  ListChildrenCommand,
  ListCreateAccountStatusCommand,
  ListPoliciesForTargetCommand,
  DeletePolicyCommand,
  DescribeAccountCommand,
  DescribeCreateAccountStatusCommand,
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  DetachPolicyCommand,
  DisablePolicyTypeCommand,
  EnableAWSServiceAccessCommand,
  EnablePolicyTypeCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  ListDelegatedServicesForAccountCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  ListTargetsForPolicyCommand,
  MoveAccountCommand,
  OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
  RemoveAccountFromOrganizationCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateOrganizationalUnitCommand,
  UpdatePolicyCommand,
} from '@aws-sdk/client-organizations';

import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

import { doubleClientConfig } from './sdk-clients';
import { startAwsDouble, type AwsDouble } from './server';
import { organizationsDouble } from './services/organizations';
import { stsDouble } from './services/sts';

const SCP = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] });

async function started(asyncSteps = 0): Promise<{ double: AwsDouble; org: OrganizationsClient }> {
  const double = await startAwsDouble({ services: [organizationsDouble, stsDouble], asyncSteps });
  return { double, org: new OrganizationsClient(doubleClientConfig(double.url)) };
}

async function createdAccount(org: OrganizationsClient, name: string): Promise<string> {
  const { CreateAccountStatus } = await org.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }));
  return CreateAccountStatus!.AccountId!;
}

describe('Organizations in the AWS double (JSON 1.1)', () => {
  let double: AwsDouble;
  let org: OrganizationsClient;
  afterEach(() => double?.close());

  it('before CreateOrganization every call is AWSOrganizationsNotInUseException, as the provider reads "gone"', async () => {
    ({ double, org } = await started());
    await expect(org.send(new DescribeOrganizationCommand({}))).rejects.toMatchObject({ name: 'AWSOrganizationsNotInUseException', $metadata: { httpStatusCode: 404 } });
    await expect(org.send(new ListRootsCommand({}))).rejects.toMatchObject({ name: 'AWSOrganizationsNotInUseException' });
  });

  it('CreateOrganization answers the documented ids and ARNs, and a second one is AlreadyInOrganizationException', async () => {
    ({ double, org } = await started());
    const { Organization } = await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    expect(Organization).toMatchObject({ FeatureSet: 'ALL', MasterAccountId: '111111111111', MasterAccountEmail: 'management@example.com' });
    expect(Organization!.Id).toMatch(/^o-[a-z0-9]{10,32}$/);
    expect(Organization!.Arn).toBe(`arn:aws:organizations::111111111111:organization/${Organization!.Id}`);
    expect(Organization!.MasterAccountArn).toBe(`arn:aws:organizations::111111111111:account/${Organization!.Id}/111111111111`);
    const { Roots } = await org.send(new ListRootsCommand({}));
    expect(Roots).toEqual([{ Id: expect.stringMatching(/^r-[0-9a-z]{4,32}$/), Arn: `arn:aws:organizations::111111111111:root/${Organization!.Id}/${Roots![0].Id}`, Name: 'Root', PolicyTypes: [] }]);
    const { Accounts } = await org.send(new ListAccountsCommand({}));
    expect(Accounts).toEqual([expect.objectContaining({ Id: '111111111111', Status: 'ACTIVE', State: 'ACTIVE', JoinedTimestamp: expect.any(Date) })]);
    await expect(org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }))).rejects.toMatchObject({ name: 'AlreadyInOrganizationException', $metadata: { httpStatusCode: 409 } });
    expect(double.world.organization).toMatchObject({ id: Organization!.Id, featureSet: 'ALL' });
  });

  it('a member account may describe the organization; it reads accounts only as a delegated administrator, and writes nothing', async () => {
    ({ double, org } = await started());
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const accountId = await createdAccount(org, 'member');
    const member = new OrganizationsClient(doubleClientConfig(double.url, { accessKeyId: `AKIA${accountId}0000` }));
    await expect(member.send(new DescribeOrganizationCommand({}))).resolves.toMatchObject({ Organization: { MasterAccountId: '111111111111' } });
    await expect(member.send(new ListAccountsCommand({}))).rejects.toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    await org.send(new RegisterDelegatedAdministratorCommand({ AccountId: accountId, ServicePrincipal: 'sso.amazonaws.com' }));
    expect((await member.send(new ListAccountsCommand({}))).Accounts).toHaveLength(2);
    await expect(member.send(new CreateAccountCommand({ AccountName: 'x', Email: 'x@example.com' }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('CreateAccount is asynchronous: IN_PROGRESS for asyncSteps polls, then SUCCEEDED with the account in the root', async () => {
    ({ double, org } = await started(2));
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const { Roots } = await org.send(new ListRootsCommand({}));
    const { CreateAccountStatus } = await org.send(new CreateAccountCommand({ AccountName: 'prod', Email: 'prod@example.com', Tags: [{ Key: 'env', Value: 'prod' }] }));
    expect(CreateAccountStatus).toMatchObject({ State: 'IN_PROGRESS', AccountName: 'prod', Id: expect.stringMatching(/^car-[a-z0-9]{8,32}$/) });
    expect(CreateAccountStatus!.AccountId).toBeUndefined();
    const poll = () => org.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: CreateAccountStatus!.Id }));
    expect((await poll()).CreateAccountStatus!.State).toBe('IN_PROGRESS');
    expect((await poll()).CreateAccountStatus!.State).toBe('IN_PROGRESS');
    const done = (await poll()).CreateAccountStatus!;
    expect(done).toMatchObject({ State: 'SUCCEEDED', AccountId: expect.stringMatching(/^\d{12}$/), CompletedTimestamp: expect.any(Date) });
    const { Account } = await org.send(new DescribeAccountCommand({ AccountId: done.AccountId }));
    expect(Account).toMatchObject({ Name: 'prod', Email: 'prod@example.com', Status: 'ACTIVE', JoinedMethod: 'CREATED' });
    const { Parents } = await org.send(new ListParentsCommand({ ChildId: done.AccountId }));
    expect(Parents).toEqual([{ Id: Roots![0].Id, Type: 'ROOT' }]);
    expect((await org.send(new ListTagsForResourceCommand({ ResourceId: done.AccountId }))).Tags).toEqual([{ Key: 'env', Value: 'prod' }]);
    expect(double.world.accounts.get(done.AccountId!)).toMatchObject({ name: 'prod', status: 'ACTIVE' });
    await expect(org.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: 'car-unknown000' }))).rejects.toMatchObject({ name: 'CreateAccountStatusNotFoundException' });
  });

  it('CreateAccount with an email already in the organization FAILS with EMAIL_ALREADY_EXISTS', async () => {
    ({ double, org } = await started());
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    await createdAccount(org, 'prod');
    const { CreateAccountStatus } = await org.send(new CreateAccountCommand({ AccountName: 'again', Email: 'PROD@example.com' }));
    expect(CreateAccountStatus).toMatchObject({ State: 'FAILED', FailureReason: 'EMAIL_ALREADY_EXISTS' });
  });

  it('OUs: create, duplicate name, rename, list, move an account in and out, delete only when empty', async () => {
    ({ double, org } = await started());
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const rootId = (await org.send(new ListRootsCommand({}))).Roots![0].Id!;
    const { OrganizationalUnit: ou } = await org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Workloads', Tags: [{ Key: 'team', Value: 'platform' }] }));
    expect(ou!.Id).toMatch(/^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/);
    expect(ou!.Arn).toMatch(new RegExp(`^arn:aws:organizations::111111111111:ou/o-[a-z0-9]+/${ou!.Id}$`));
    await expect(org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Workloads' }))).rejects.toMatchObject({ name: 'DuplicateOrganizationalUnitException' });
    await expect(org.send(new CreateOrganizationalUnitCommand({ ParentId: 'ou-none-00000000', Name: 'X' }))).rejects.toMatchObject({ name: 'ParentNotFoundException' });
    const { OrganizationalUnit: prod } = await org.send(new CreateOrganizationalUnitCommand({ ParentId: ou!.Id, Name: 'Prod' }));
    expect((await org.send(new ListParentsCommand({ ChildId: prod!.Id }))).Parents).toEqual([{ Id: ou!.Id, Type: 'ORGANIZATIONAL_UNIT' }]);
    await org.send(new UpdateOrganizationalUnitCommand({ OrganizationalUnitId: prod!.Id, Name: 'Production' }));
    expect((await org.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: prod!.Id }))).OrganizationalUnit!.Name).toBe('Production');
    expect((await org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: ou!.Id }))).OrganizationalUnits!.map((unit) => unit.Name)).toEqual(['Production']);

    const accountId = await createdAccount(org, 'app');
    await org.send(new MoveAccountCommand({ AccountId: accountId, SourceParentId: rootId, DestinationParentId: prod!.Id }));
    expect((await org.send(new ListAccountsForParentCommand({ ParentId: prod!.Id }))).Accounts!.map((account) => account.Id)).toEqual([accountId]);
    await expect(org.send(new MoveAccountCommand({ AccountId: accountId, SourceParentId: prod!.Id, DestinationParentId: prod!.Id }))).rejects.toMatchObject({ name: 'DuplicateAccountException' });
    await expect(org.send(new MoveAccountCommand({ AccountId: accountId, SourceParentId: rootId, DestinationParentId: ou!.Id }))).rejects.toMatchObject({ name: 'SourceParentNotFoundException' });
    await expect(org.send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: prod!.Id }))).rejects.toMatchObject({ name: 'OrganizationalUnitNotEmptyException' });
    await org.send(new MoveAccountCommand({ AccountId: accountId, SourceParentId: prod!.Id, DestinationParentId: rootId }));
    await org.send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: prod!.Id }));
    await expect(org.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: prod!.Id }))).rejects.toMatchObject({ name: 'OrganizationalUnitNotFoundException' });
  });

  it('enabling SCPs attaches FullAWSAccess everywhere; policies: create, duplicate, attach, detach, update, in-use delete', async () => {
    ({ double, org } = await started());
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const rootId = (await org.send(new ListRootsCommand({}))).Roots![0].Id!;
    const { Policy } = await org.send(new CreatePolicyCommand({ Name: 'deny-leave', Description: 'no leaving', Type: 'SERVICE_CONTROL_POLICY', Content: SCP, Tags: [{ Key: 'k', Value: 'v' }] }));
    const policyId = Policy!.PolicySummary!.Id!;
    expect(policyId).toMatch(/^p-[0-9a-zA-Z_]{8,128}$/);
    expect(Policy).toMatchObject({ Content: SCP, PolicySummary: { Name: 'deny-leave', Description: 'no leaving', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: false } });
    await expect(org.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: rootId }))).rejects.toMatchObject({ name: 'PolicyTypeNotEnabledException' });

    await org.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
    expect((await org.send(new ListRootsCommand({}))).Roots![0].PolicyTypes).toEqual([{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }]);
    await expect(org.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }))).rejects.toMatchObject({ name: 'PolicyTypeAlreadyEnabledException' });
    const { OrganizationalUnit: ou } = await org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'New' }));
    const fullAccessTargets = (await org.send(new ListTargetsForPolicyCommand({ PolicyId: 'p-FullAWSAccess' }))).Targets!.map((target) => target.TargetId).sort();
    expect(fullAccessTargets).toEqual(['111111111111', ou!.Id, rootId].sort());
    const managed = (await org.send(new DescribePolicyCommand({ PolicyId: 'p-FullAWSAccess' }))).Policy!.PolicySummary;
    expect(managed).toMatchObject({ Name: 'FullAWSAccess', AwsManaged: true, Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess' });

    await expect(org.send(new CreatePolicyCommand({ Name: 'deny-leave', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: SCP }))).rejects.toMatchObject({ name: 'DuplicatePolicyException' });
    await expect(org.send(new CreatePolicyCommand({ Name: 'bad', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: '{not json' }))).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException' });
    await org.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: ou!.Id }));
    await expect(org.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: ou!.Id }))).rejects.toMatchObject({ name: 'DuplicatePolicyAttachmentException' });
    await expect(org.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: 'ou-none-00000000' }))).rejects.toMatchObject({ name: 'TargetNotFoundException' });
    expect((await org.send(new ListTargetsForPolicyCommand({ PolicyId: policyId }))).Targets).toEqual([{ TargetId: ou!.Id, Arn: ou!.Arn, Name: 'New', Type: 'ORGANIZATIONAL_UNIT' }]);
    await expect(org.send(new DeletePolicyCommand({ PolicyId: policyId }))).rejects.toMatchObject({ name: 'PolicyInUseException' });
    await org.send(new DetachPolicyCommand({ PolicyId: policyId, TargetId: ou!.Id }));
    await expect(org.send(new DetachPolicyCommand({ PolicyId: policyId, TargetId: ou!.Id }))).rejects.toMatchObject({ name: 'PolicyNotAttachedException' });
    await expect(org.send(new DetachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: ou!.Id }))).rejects.toMatchObject({ name: 'ConstraintViolationException' });

    const updated = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' }] });
    await org.send(new UpdatePolicyCommand({ PolicyId: policyId, Content: updated, Description: 'changed' }));
    expect((await org.send(new DescribePolicyCommand({ PolicyId: policyId }))).Policy).toMatchObject({ Content: updated, PolicySummary: { Description: 'changed', Name: 'deny-leave' } });
    expect((await org.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' }))).Policies!.map((policy) => policy.Name).sort()).toEqual(['FullAWSAccess', 'deny-leave']);
    await org.send(new DeletePolicyCommand({ PolicyId: policyId }));
    await expect(org.send(new DescribePolicyCommand({ PolicyId: policyId }))).rejects.toMatchObject({ name: 'PolicyNotFoundException' });

    await org.send(new DisablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
    expect((await org.send(new ListTargetsForPolicyCommand({ PolicyId: 'p-FullAWSAccess' }))).Targets).toEqual([]);
    await expect(org.send(new DisablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }))).rejects.toMatchObject({ name: 'PolicyTypeNotEnabledException' });
  });

  it('trusted access and delegated administrators are shared with the world for IAM and SSO Admin', async () => {
    ({ double, org } = await started());
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    await org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'sso.amazonaws.com' }));
    await org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'iam.amazonaws.com' }));
    const { EnabledServicePrincipals } = await org.send(new ListAWSServiceAccessForOrganizationCommand({}));
    expect(EnabledServicePrincipals!.map((principal) => principal.ServicePrincipal)).toEqual(['iam.amazonaws.com', 'sso.amazonaws.com']);
    expect(EnabledServicePrincipals![0].DateEnabled).toBeInstanceOf(Date);
    expect([...double.world.organization!.servicePrincipals].sort()).toEqual(['iam.amazonaws.com', 'sso.amazonaws.com']);

    const accountId = await createdAccount(org, 'security');
    await org.send(new RegisterDelegatedAdministratorCommand({ AccountId: accountId, ServicePrincipal: 'sso.amazonaws.com' }));
    await expect(org.send(new RegisterDelegatedAdministratorCommand({ AccountId: accountId, ServicePrincipal: 'sso.amazonaws.com' }))).rejects.toMatchObject({ name: 'AccountAlreadyRegisteredException' });
    await expect(org.send(new RegisterDelegatedAdministratorCommand({ AccountId: '111111111111', ServicePrincipal: 'sso.amazonaws.com' }))).rejects.toMatchObject({ name: 'ConstraintViolationException' });
    const { DelegatedAdministrators } = await org.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: 'sso.amazonaws.com' }));
    expect(DelegatedAdministrators).toEqual([expect.objectContaining({ Id: accountId, Name: 'security', Status: 'ACTIVE', DelegationEnabledDate: expect.any(Date) })]);
    expect((await org.send(new ListDelegatedServicesForAccountCommand({ AccountId: accountId }))).DelegatedServices!.map((service) => service.ServicePrincipal)).toEqual(['sso.amazonaws.com']);
    expect(double.world.organization!.delegatedAdministrators.get('sso.amazonaws.com')).toEqual(new Set([accountId]));
  });

  it('tags: TagResource, UntagResource, ListTagsForResource paged by NextToken; unknown ids are TargetNotFoundException', async () => {
    ({ double, org } = await started());
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const accountId = await createdAccount(org, 'tagged');
    const tags = Array.from({ length: 25 }, (_, index) => ({ Key: `k${String(index).padStart(2, '0')}`, Value: `v${index}` }));
    await org.send(new TagResourceCommand({ ResourceId: accountId, Tags: tags }));
    const first = await org.send(new ListTagsForResourceCommand({ ResourceId: accountId }));
    expect(first.Tags).toHaveLength(20);
    expect(first.NextToken).toBeDefined();
    const second = await org.send(new ListTagsForResourceCommand({ ResourceId: accountId, NextToken: first.NextToken }));
    expect(second.Tags).toHaveLength(5);
    expect(second.NextToken).toBeUndefined();
    await org.send(new UntagResourceCommand({ ResourceId: accountId, TagKeys: tags.slice(1).map((tag) => tag.Key) }));
    expect((await org.send(new ListTagsForResourceCommand({ ResourceId: accountId }))).Tags).toEqual([{ Key: 'k00', Value: 'v0' }]);
    await expect(org.send(new ListTagsForResourceCommand({ ResourceId: '999999999999' }))).rejects.toMatchObject({ name: 'TargetNotFoundException' });
  });

  it('ListAccounts pages 20 at a time', async () => {
    ({ double, org } = await started());
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    for (let index = 0; index < 21; index++) await createdAccount(org, `a${index}`);
    const first = await org.send(new ListAccountsCommand({}));
    const second = await org.send(new ListAccountsCommand({ NextToken: first.NextToken }));
    expect([first.Accounts!.length, second.Accounts!.length, second.NextToken]).toEqual([20, 2, undefined]);
    await expect(org.send(new ListAccountsCommand({ NextToken: 'garbage' }))).rejects.toMatchObject({ name: 'InvalidInputException', $metadata: { httpStatusCode: 400 } });
  });

  it('CloseAccount: PENDING_CLOSURE for asyncSteps reads, then SUSPENDED in the organization; STS can no longer assume into it', async () => {
    ({ double, org } = await started(1));
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const { CreateAccountStatus } = await org.send(new CreateAccountCommand({ AccountName: 'old', Email: 'old@example.com' }));
    await org.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: CreateAccountStatus!.Id }));
    const accountId = (await org.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: CreateAccountStatus!.Id }))).CreateAccountStatus!.AccountId!;
    const sts = new STSClient(doubleClientConfig(double.url));
    const assume = () => sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`, RoleSessionName: 'terraform' }));
    await expect(assume()).resolves.toBeDefined();
    await org.send(new CloseAccountCommand({ AccountId: accountId }));
    expect((await org.send(new DescribeAccountCommand({ AccountId: accountId }))).Account).toMatchObject({ Status: 'PENDING_CLOSURE', State: 'PENDING_CLOSURE' });
    expect((await org.send(new DescribeAccountCommand({ AccountId: accountId }))).Account).toMatchObject({ Status: 'SUSPENDED', State: 'SUSPENDED' });
    await expect(org.send(new CloseAccountCommand({ AccountId: accountId }))).rejects.toMatchObject({ name: 'AccountAlreadyClosedException' });
    expect(double.world.accounts.get(accountId)!.status).toBe('SUSPENDED');
    await expect(assume()).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(org.send(new CloseAccountCommand({ AccountId: '111111111111' }))).rejects.toMatchObject({ name: 'ConstraintViolationException' });
  });

  it('RemoveAccountFromOrganization takes the account out of the organization and the world', async () => {
    ({ double, org } = await started());
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const accountId = await createdAccount(org, 'leaving');
    await org.send(new RemoveAccountFromOrganizationCommand({ AccountId: accountId }));
    await expect(org.send(new DescribeAccountCommand({ AccountId: accountId }))).rejects.toMatchObject({ name: 'AccountNotFoundException' });
    expect(double.world.accounts.has(accountId)).toBe(false);
    const removed = new OrganizationsClient(doubleClientConfig(double.url, { accessKeyId: `AKIA${accountId}0000` }));
    await expect(removed.send(new DescribeOrganizationCommand({}))).rejects.toMatchObject({ name: 'AWSOrganizationsNotInUseException' });
    await expect(org.send(new RemoveAccountFromOrganizationCommand({ AccountId: '111111111111' }))).rejects.toMatchObject({ name: 'MasterCannotLeaveOrganizationException' });
  });

  it('ListChildren and ListPoliciesForTarget answer per parent and per target', async () => {
    ({ double, org } = await started());
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const rootId = (await org.send(new ListRootsCommand({}))).Roots![0].Id!;
    const { OrganizationalUnit: ou } = await org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Sandbox' }));
    const accountId = await createdAccount(org, 'child');
    expect((await org.send(new ListChildrenCommand({ ParentId: rootId, ChildType: 'ORGANIZATIONAL_UNIT' }))).Children).toEqual([{ Id: ou!.Id, Type: 'ORGANIZATIONAL_UNIT' }]);
    expect((await org.send(new ListChildrenCommand({ ParentId: rootId, ChildType: 'ACCOUNT' }))).Children!.map((child) => child.Id).sort()).toEqual(['111111111111', accountId].sort());
    await org.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
    const { Policy } = await org.send(new CreatePolicyCommand({ Name: 'sandbox', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: SCP }));
    await org.send(new AttachPolicyCommand({ PolicyId: Policy!.PolicySummary!.Id, TargetId: ou!.Id }));
    const names = (await org.send(new ListPoliciesForTargetCommand({ TargetId: ou!.Id, Filter: 'SERVICE_CONTROL_POLICY' }))).Policies!.map((policy) => policy.Name).sort();
    expect(names).toEqual(['FullAWSAccess', 'sandbox']);
  });

  it('an organization with consolidated billing only has no policies or trusted access until EnableAllFeatures', async () => {
    ({ double, org } = await started());
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'CONSOLIDATED_BILLING' }));
    const rootId = (await org.send(new ListRootsCommand({}))).Roots![0].Id!;
    await expect(org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'sso.amazonaws.com' }))).rejects.toMatchObject({ name: 'ConstraintViolationException' });
    await expect(org.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }))).rejects.toMatchObject({ name: 'PolicyTypeNotAvailableForOrganizationException' });
    await org.send(new EnableAllFeaturesCommand({}));
    expect((await org.send(new DescribeOrganizationCommand({}))).Organization!.FeatureSet).toBe('ALL');
    await org.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
    expect(double.world.organization!.featureSet).toBe('ALL');
  });

  it('ListCreateAccountStatus filters by state; DeleteOrganization needs the members gone', async () => {
    ({ double, org } = await started());
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const accountId = await createdAccount(org, 'one');
    await org.send(new CreateAccountCommand({ AccountName: 'dup', Email: 'one@example.com' }));
    expect((await org.send(new ListCreateAccountStatusCommand({ States: ['FAILED'] }))).CreateAccountStatuses!.map((status) => status.AccountName)).toEqual(['dup']);
    await expect(org.send(new DeleteOrganizationCommand({}))).rejects.toMatchObject({ name: 'OrganizationNotEmptyException' });
    await org.send(new RemoveAccountFromOrganizationCommand({ AccountId: accountId }));
    await org.send(new DeleteOrganizationCommand({}));
    await expect(org.send(new DescribeOrganizationCommand({}))).rejects.toMatchObject({ name: 'AWSOrganizationsNotInUseException' });
    expect(double.world.organization).toBeUndefined();
  });

  it('errors carry the shape the SDK parses: name, message, HTTP status, and the call log records them', async () => {
    ({ double, org } = await started());
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const error = await org.send(new DescribeAccountCommand({ AccountId: '999999999999' })).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'AccountNotFoundException', message: "You specified an account that doesn't exist.", $fault: 'client', $metadata: { httpStatusCode: 404 } });
    expect(double.calls.at(-1)).toEqual({ service: 'organizations', operation: 'DescribeAccount', accountId: '111111111111', status: 404, errorCode: 'AccountNotFoundException', errorMessage: "You specified an account that doesn't exist.", known: true, micros: expect.any(Number) });
    expect(double.unanswered()).toEqual([]);
  });
});

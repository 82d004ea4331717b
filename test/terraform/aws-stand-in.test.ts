/**
 * The stand-in's answers have AWS's wire shapes: the AWS SDK v3 clients the project already uses read
 * them (the SDK deserializes JSON 1.1 strictly by the service model), and STS answers in the query
 * protocol's XML.
 */
import { DescribeGroupCommand, DescribeUserCommand, GetGroupIdCommand, GetUserIdCommand, IdentitystoreClient, ListGroupsCommand, ResourceNotFoundException } from '@aws-sdk/client-identitystore';
import { DescribePermissionSetCommand, ListInstancesCommand, ListPermissionSetsCommand, ListTagsForResourceCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { AWSOrganizationsNotInUseException, DescribeOrganizationCommand, ListAccountsCommand, ListAccountsForParentCommand, ListOrganizationalUnitsForParentCommand, ListRootsCommand, OrganizationsClient, ParentNotFoundException } from '@aws-sdk/client-organizations';
import { identityStoreObjectId, permissionSetArn, STAND_IN_INSTANCE, startAwsStandIn, type AwsStandIn } from './aws-stand-in';

const ESTATE = {
  accountId: '111111111111',
  ...STAND_IN_INSTANCE,
  permissionSets: [{ name: 'AWSAdministratorAccess', arn: permissionSetArn('AWSAdministratorAccess'), description: 'Control Tower ${x}' }],
  groups: [{ displayName: 'Payments Engineers', groupId: identityStoreObjectId('group', 'Payments Engineers') }],
  users: [{ userName: 'carol.smith@example.com', userId: identityStoreObjectId('user', 'carol.smith@example.com'), displayName: 'Carol Smith' }],
};

let standIn: AwsStandIn;
const clientConfig = () => ({ endpoint: standIn.url, region: 'eu-west-1', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'test' }, maxAttempts: 1 });

beforeAll(async () => {
  standIn = await startAwsStandIn(ESTATE);
});
afterAll(() => standIn.close());

test('ListInstances answers exactly one instance with its identity store', async () => {
  const output = await new SSOAdminClient(clientConfig()).send(new ListInstancesCommand({}));
  expect(output.Instances).toHaveLength(1);
  expect(output.Instances?.[0]).toMatchObject({ InstanceArn: STAND_IN_INSTANCE.instanceArn, IdentityStoreId: STAND_IN_INSTANCE.identityStoreId, Status: 'ACTIVE' });
  expect(output.Instances?.[0].CreatedDate).toBeInstanceOf(Date);
});

test('a permission set is found by name the way the data source looks: list, describe, tags', async () => {
  const client = new SSOAdminClient(clientConfig());
  const { PermissionSets } = await client.send(new ListPermissionSetsCommand({ InstanceArn: STAND_IN_INSTANCE.instanceArn }));
  expect(PermissionSets).toEqual([permissionSetArn('AWSAdministratorAccess')]);
  const { PermissionSet } = await client.send(new DescribePermissionSetCommand({ InstanceArn: STAND_IN_INSTANCE.instanceArn, PermissionSetArn: PermissionSets![0] }));
  expect(PermissionSet).toMatchObject({ Name: 'AWSAdministratorAccess', PermissionSetArn: PermissionSets![0], SessionDuration: 'PT1H', Description: 'Control Tower ${x}' });
  expect(PermissionSet?.CreatedDate).toBeInstanceOf(Date);
  const { Tags } = await client.send(new ListTagsForResourceCommand({ InstanceArn: STAND_IN_INSTANCE.instanceArn, ResourceArn: PermissionSets![0] }));
  expect(Tags).toEqual([]);
});

test('permission set ARNs have the format AWS issues', () => {
  expect(permissionSetArn('Admin')).toMatch(/^arn:aws:sso:::permissionSet\/ssoins-[0-9a-f]{16}\/ps-[0-9a-f]{16}$/);
});

test('groups and users are found by their unique attribute, then described', async () => {
  const client = new IdentitystoreClient(clientConfig());
  const { GroupId } = await client.send(new GetGroupIdCommand({ IdentityStoreId: STAND_IN_INSTANCE.identityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'DisplayName', AttributeValue: 'Payments Engineers' } } }));
  // The provider's data source validates this format (internal/service/identitystore/group_data_source.go).
  expect(GroupId).toMatch(/^([0-9a-f]{10}-|)[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/);
  const group = await client.send(new DescribeGroupCommand({ IdentityStoreId: STAND_IN_INSTANCE.identityStoreId, GroupId }));
  expect(group).toMatchObject({ GroupId, DisplayName: 'Payments Engineers', IdentityStoreId: STAND_IN_INSTANCE.identityStoreId });
  const { UserId } = await client.send(new GetUserIdCommand({ IdentityStoreId: STAND_IN_INSTANCE.identityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'UserName', AttributeValue: 'carol.smith@example.com' } } }));
  const user = await client.send(new DescribeUserCommand({ IdentityStoreId: STAND_IN_INSTANCE.identityStoreId, UserId }));
  expect(user).toMatchObject({ UserId, UserName: 'carol.smith@example.com', DisplayName: 'Carol Smith' });
  const { Groups } = await client.send(new ListGroupsCommand({ IdentityStoreId: STAND_IN_INSTANCE.identityStoreId, Filters: [{ AttributePath: 'DisplayName', AttributeValue: 'Payments Engineers' }] }));
  expect(Groups?.map((found) => found.GroupId)).toEqual([GroupId]);
});

test('a name the estate does not have is ResourceNotFoundException, as in AWS', async () => {
  const client = new IdentitystoreClient(clientConfig());
  await expect(
    client.send(new GetGroupIdCommand({ IdentityStoreId: STAND_IN_INSTANCE.identityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'DisplayName', AttributeValue: 'Nobody' } } })),
  ).rejects.toBeInstanceOf(ResourceNotFoundException);
});

test('STS AssumeRole answers credentials and the assumed role in the query protocol XML', async () => {
  const body = new URLSearchParams({ Action: 'AssumeRole', Version: '2011-06-15', RoleArn: 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole', RoleSessionName: 'prod-baseline' });
  const response = await fetch(standIn.url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
  const xml = await response.text();
  expect(response.status).toBe(200);
  expect(xml).toMatch(/^<AssumeRoleResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><AssumeRoleResult><Credentials><AccessKeyId>ASIA\w+<\/AccessKeyId><SecretAccessKey>[^<]+<\/SecretAccessKey><SessionToken>[^<]+<\/SessionToken><Expiration>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/Expiration><\/Credentials>/);
  expect(xml).toContain('<Arn>arn:aws:sts::222222222222:assumed-role/OrganizationAccountAccessRole/prod-baseline</Arn>');
});

test('a call the stand-in does not answer is an error and is recorded as unknown', async () => {
  const response = await fetch(standIn.url, { method: 'POST', headers: { 'X-Amz-Target': 'SWBExternalService.CreatePermissionSet', 'Content-Type': 'application/x-amz-json-1.1' }, body: '{}' });
  expect(response.status).toBe(400);
  expect(((await response.json()) as { __type: string }).__type).toBe('UnknownOperationException');
  expect(standIn.calls).toContainEqual({ service: 'sso-admin', operation: 'CreatePermissionSet', known: false });
});

describe('an organization managed elsewhere, as the provider reads it', () => {
  const ORGANIZATION = {
    id: 'o-a1b2c3d4e5',
    rootId: 'r-a1b2',
    managementAccountId: '111111111111',
    units: [
      { id: 'ou-a1b2-11111111', name: 'Workloads', parentId: 'r-a1b2' },
      { id: 'ou-a1b2-22222222', name: 'Prod', parentId: 'ou-a1b2-11111111' },
    ],
    accounts: [
      { id: '111111111111', name: 'Management', email: 'management@example.com', status: 'ACTIVE' as const, parentId: 'r-a1b2' },
      { id: '333333333333', name: 'Payments', email: 'payments@example.com', status: 'ACTIVE' as const, parentId: 'ou-a1b2-22222222' },
      { id: '444444444444', name: 'Closed', email: 'closed@example.com', status: 'SUSPENDED' as const, parentId: 'ou-a1b2-22222222' },
    ],
    servicePrincipals: ['sso.amazonaws.com'],
  };
  let organizationStandIn: AwsStandIn;
  const client = () => new OrganizationsClient({ ...clientConfig(), endpoint: organizationStandIn.url });

  beforeAll(async () => {
    organizationStandIn = await startAwsStandIn({ ...ESTATE, organization: ORGANIZATION });
  });
  afterAll(() => organizationStandIn.close());

  test('DescribeOrganization and ListRoots name the management account and the root', async () => {
    const { Organization } = await client().send(new DescribeOrganizationCommand({}));
    expect(Organization).toMatchObject({ Id: 'o-a1b2c3d4e5', FeatureSet: 'ALL', MasterAccountId: '111111111111' });
    const { Roots } = await client().send(new ListRootsCommand({}));
    expect(Roots?.map((root) => root.Id)).toEqual(['r-a1b2']);
  });

  test('an OU is found under its parent, and each parent lists only its own accounts, with their status', async () => {
    const { OrganizationalUnits } = await client().send(new ListOrganizationalUnitsForParentCommand({ ParentId: 'r-a1b2' }));
    expect(OrganizationalUnits?.map((ou) => ou.Name)).toEqual(['Workloads']);
    const { Accounts } = await client().send(new ListAccountsForParentCommand({ ParentId: 'ou-a1b2-22222222' }));
    expect(Accounts?.map((account) => [account.Id, account.Status])).toEqual([
      ['333333333333', 'ACTIVE'],
      ['444444444444', 'SUSPENDED'],
    ]);
    expect(Accounts?.[0].JoinedTimestamp).toBeInstanceOf(Date);
    const all = await client().send(new ListAccountsCommand({}));
    expect(all.Accounts).toHaveLength(3);
  });

  test('an unknown parent is ParentNotFoundException; without an organization, AWSOrganizationsNotInUseException', async () => {
    await expect(client().send(new ListAccountsForParentCommand({ ParentId: 'ou-a1b2-99999999' }))).rejects.toBeInstanceOf(ParentNotFoundException);
    await expect(new OrganizationsClient(clientConfig()).send(new DescribeOrganizationCommand({}))).rejects.toBeInstanceOf(AWSOrganizationsNotInUseException);
  });
});

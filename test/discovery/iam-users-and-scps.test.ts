/** The parts of IAM users, groups and service control policies the guides' estate does not exercise. */
import { discoverGuides, guidesFailure } from './run-discovery';

const noLoginProfile = { name: 'NoSuchEntityException', message: 'Login Profile for User admin cannot be found.', status: 404 };

test('a user without a console password (GetLoginProfile: NoSuchEntity) has consoleAccess false, and discovery still succeeds', async () => {
  const { estate } = await discoverGuides((call) => (call.operation === 'GetLoginProfile' && call.input.UserName === 'admin' ? { error: noLoginProfile } : undefined));
  expect(estate.iam.users.map((user) => [user.name, user.consoleAccess])).toEqual([
    ['IAM-Administrator', true],
    ['admin', false],
  ]);
});

test('a denied GetLoginProfile is a missing permission, not "no console access"', async () => {
  const failure = await guidesFailure((call) => (call.operation === 'GetLoginProfile' && call.input.UserName === 'admin' ? { error: { name: 'AccessDenied', message: 'not authorized', status: 403 } } : undefined));
  expect(failure.problems.map(({ kind, permission, input }) => ({ kind, permission, input }))).toEqual([{ kind: 'access-denied', permission: 'iam:GetLoginProfile', input: 'UserName=admin' }]);
});

test('a user\'s permissions boundary and path come from GetUser, which ListUsers leaves them out of', async () => {
  const { estate } = await discoverGuides((call) =>
    call.operation === 'GetUser' && call.input.UserName === 'admin'
      ? {
          output: {
            User: {
              Path: '/break-glass/',
              UserName: 'admin',
              UserId: 'AIDAEXAMPLEUSER000002',
              Arn: 'arn:aws:iam::111122223333:user/break-glass/admin',
              CreateDate: new Date('2025-01-09T09:50:00Z'),
              PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: 'arn:aws:iam::111122223333:policy/AdminBoundary' },
              Tags: [{ Key: 'Team', Value: 'platform' }],
            },
          },
        }
      : undefined,
  );
  const admin = estate.iam.users.find((user) => user.name === 'admin');
  expect({ path: admin?.path, arn: admin?.arn, tags: admin?.tags, permissionsBoundaryArn: admin?.permissionsBoundaryArn }).toEqual({
    path: '/break-glass/',
    arn: 'arn:aws:iam::111122223333:user/break-glass/admin',
    tags: { Team: 'platform' },
    permissionsBoundaryArn: 'arn:aws:iam::111122223333:policy/AdminBoundary',
  });
  expect(estate.iam.users.find((user) => user.name === 'IAM-Administrator')).not.toHaveProperty('permissionsBoundaryArn');
});

test('inline policy names of users and groups are reported sorted', async () => {
  const { estate } = await discoverGuides((call) => {
    if (call.operation === 'ListUserPolicies' && call.input.UserName === 'admin') return { output: { PolicyNames: ['self-service', 'billing-read'], IsTruncated: false } };
    if (call.operation === 'ListGroupPolicies') return { output: { PolicyNames: ['zz-legacy', 'AllowS3'], IsTruncated: false } };
    return undefined;
  });
  expect(estate.iam.users.find((user) => user.name === 'admin')?.inlinePolicyNames).toEqual(['billing-read', 'self-service']);
  expect(estate.iam.groups[0].inlinePolicyNames).toEqual(['AllowS3', 'zz-legacy']);
});

test('an account without IAM users or groups reads as empty lists', async () => {
  const { estate, calls } = await discoverGuides((call) => {
    if (call.service !== 'iam') return undefined;
    if (call.operation === 'ListUsers') return { output: { Users: [], IsTruncated: false } };
    if (call.operation === 'ListGroups') return { output: { Groups: [], IsTruncated: false } };
    return undefined;
  });
  expect({ users: estate.iam.users, groups: estate.iam.groups }).toEqual({ users: [], groups: [] });
  expect(calls.some((call) => call.operation === 'GetLoginProfile' || call.operation === 'ListAttachedGroupPolicies')).toBe(false);
});

test('an organization with consolidated billing only has no service control policies and is not asked for any', async () => {
  const { estate, calls } = await discoverGuides((call) =>
    call.operation === 'DescribeOrganization'
      ? { output: { Organization: { Id: 'o-guides1234', Arn: 'arn:org', FeatureSet: 'CONSOLIDATED_BILLING', MasterAccountId: '111122223333', MasterAccountArn: 'arn:mgmt', MasterAccountEmail: 'root@guides.example.com' } } }
      : undefined,
  );
  expect(estate.organization.serviceControlPolicies).toEqual([]);
  expect(calls.filter((call) => ['ListPolicies', 'DescribePolicy', 'ListTargetsForPolicy'].includes(call.operation))).toEqual([]);
});

test('a customer SCP\'s tags are read, and a policy without a description reads as an empty one', async () => {
  const { estate } = await discoverGuides((call) => {
    if (call.operation === 'ListTagsForResource' && call.input.ResourceId === 'p-examplea1') return { output: { Tags: [{ Key: 'Owner', Value: 'security' }] } };
    if (call.operation === 'ListPolicies')
      return { output: { Policies: [{ Id: 'p-examplea1', Arn: 'arn:aws:organizations::111122223333:policy/o-guides1234/service_control_policy/p-examplea1', Name: 'deny-leave-organization', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: false }] } };
    return undefined;
  });
  expect(estate.organization.serviceControlPolicies.map(({ name, description, tags }) => ({ name, description, tags }))).toEqual([{ name: 'deny-leave-organization', description: '', tags: { Owner: 'security' } }]);
});

test('a denied DescribePolicy is reported with the organizations:DescribePolicy permission and the policy ID', async () => {
  const failure = await guidesFailure((call) => (call.operation === 'DescribePolicy' && call.input.PolicyId === 'p-examplea1' ? { error: { name: 'AccessDeniedException', message: 'denied' } } : undefined));
  expect(failure.problems.map(({ kind, permission, input }) => ({ kind, permission, input }))).toEqual([{ kind: 'access-denied', permission: 'organizations:DescribePolicy', input: 'PolicyId=p-examplea1' }]);
});

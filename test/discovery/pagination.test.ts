/** Every page's items arrive: NextToken loops (and IAM's Marker) followed to the last page. */
import { allPages } from '../../discovery/pages';
import { discoverGuides } from './run-discovery';

const STORE = 'd-9067bcfc3c';
const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223aaaabbbbcccc';
const ADMIN = 'arn:aws:sso:::permissionSet/ssoins-7223aaaabbbbcccc/ps-1111aaaa2222bbbb';

const user = (n: number) => ({ IdentityStoreId: STORE, UserId: `user-${n}`, UserName: `user${n}@example.com`, DisplayName: `User ${n}` });

test('users spread over three pages all arrive, and the page without a NextToken ends the loop', async () => {
  const pages: Record<string, { Users: object[]; NextToken?: string }> = {
    first: { Users: [user(1), user(2)], NextToken: 'page-2' },
    'page-2': { Users: [user(3), user(4)], NextToken: 'page-3' },
    'page-3': { Users: [user(5)] },
  };
  const { estate, calls } = await discoverGuides((call) =>
    call.service === 'identitystore' && call.operation === 'ListUsers' ? { output: pages[typeof call.input.NextToken === 'string' ? call.input.NextToken : 'first'] } : undefined,
  );
  expect(estate.identityCenter.users.map((u) => u.id)).toEqual(['user-1', 'user-2', 'user-3', 'user-4', 'user-5']);
  expect(calls.filter((call) => call.service === 'identitystore' && call.operation === 'ListUsers').map((call) => call.input.NextToken)).toEqual([undefined, 'page-2', 'page-3']);
});

test('account assignments over two pages for one set and account are all collected', async () => {
  const assignment = (principalId: string) => ({ AccountId: '111122223333', PermissionSetArn: ADMIN, PrincipalType: 'GROUP', PrincipalId: principalId });
  const { estate } = await discoverGuides((call) => {
    if (call.operation !== 'ListAccountAssignments' || call.input.AccountId !== '111122223333') return undefined;
    return call.input.NextToken === 'more'
      ? { output: { AccountAssignments: [assignment('group-b')] } }
      : { output: { AccountAssignments: [assignment('group-a')], NextToken: 'more' } };
  });
  expect(estate.identityCenter.assignments.filter((a) => a.accountId === '111122223333').map((a) => a.principalId)).toEqual(['group-a', 'group-b']);
});

test('OUs listed over two pages under the root are all found, and their children are read too', async () => {
  const { estate, calls } = await discoverGuides((call) => {
    if (call.operation !== 'ListOrganizationalUnitsForParent' || call.input.ParentId !== 'r-ab12') return undefined;
    return call.input.NextToken === 'ous-2'
      ? { output: { OrganizationalUnits: [{ Id: 'ou-ab12-sandbox1', Arn: 'arn:sandbox', Name: 'Sandbox' }] } }
      : { output: { OrganizationalUnits: [{ Id: 'ou-ab12-workload1', Arn: 'arn:workloads', Name: 'Workloads' }], NextToken: 'ous-2' } };
  });
  expect(estate.organization.organizationalUnits.map((ou) => ou.path)).toEqual(['Sandbox', 'Workloads', 'Workloads/Prod']);
  expect(calls.filter((call) => call.operation === 'ListOrganizationalUnitsForParent' && call.input.ParentId === 'r-ab12')).toHaveLength(2);
});

test('permission sets listed over two pages are all described', async () => {
  const { estate } = await discoverGuides((call) => {
    if (call.operation !== 'ListPermissionSets') return undefined;
    return call.input.NextToken === 'sets-2'
      ? { output: { PermissionSets: ['arn:aws:sso:::permissionSet/ssoins-7223aaaabbbbcccc/ps-3333cccc4444dddd'] } }
      : { output: { PermissionSets: [ADMIN], NextToken: 'sets-2' } };
  });
  expect(estate.identityCenter.permissionSets.map((set) => set.name)).toEqual(['Admin', 'PowerUser']);
});

test('IAM\'s Marker paging is followed like NextToken', async () => {
  const { calls, estate } = await discoverGuides((call) => {
    if (call.operation !== 'ListAccountAliases') return undefined;
    return call.input.Marker === 'm-2' ? { output: { AccountAliases: [], IsTruncated: false } } : { output: { AccountAliases: ['guides-management'], IsTruncated: true, Marker: 'm-2' } };
  });
  expect(calls.filter((call) => call.operation === 'ListAccountAliases').map((call) => call.input.Marker)).toEqual([undefined, 'm-2']);
  expect(estate.iam.accountAlias).toBe('guides-management');
});

test('IAM users over two Marker pages are all read, each with its own GetUser and login profile', async () => {
  const iamUser = (name: string) => ({ Path: '/', UserName: name, UserId: `AIDA${name.toUpperCase()}`, Arn: `arn:aws:iam::111122223333:user/${name}`, CreateDate: new Date('2025-01-09T00:00:00Z') });
  const { estate, calls } = await discoverGuides((call) => {
    if (call.service !== 'iam' || call.operation !== 'ListUsers') return undefined;
    return call.input.Marker === 'users-2' ? { output: { Users: [iamUser('IAM-Administrator')], IsTruncated: false } } : { output: { Users: [iamUser('admin')], IsTruncated: true, Marker: 'users-2' } };
  });
  expect(calls.filter((call) => call.service === 'iam' && call.operation === 'ListUsers').map((call) => call.input.Marker)).toEqual([undefined, 'users-2']);
  expect(estate.iam.users.map((user) => ({ name: user.name, groups: user.groups, consoleAccess: user.consoleAccess }))).toEqual([
    { name: 'IAM-Administrator', groups: ['Administrators'], consoleAccess: true },
    { name: 'admin', groups: [], consoleAccess: true },
  ]);
});

test('a Marker left on the last IAM page (IsTruncated false) does not ask for another page', async () => {
  const { estate, calls } = await discoverGuides((call) =>
    call.service === 'iam' && call.operation === 'ListGroups'
      ? { output: { Groups: [{ Path: '/', GroupName: 'Administrators', GroupId: 'AGPAEXAMPLEGROUP00001', Arn: 'arn:aws:iam::111122223333:group/Administrators', CreateDate: new Date() }], IsTruncated: false, Marker: 'stale' } }
      : undefined,
  );
  expect(calls.filter((call) => call.operation === 'ListGroups' && call.service === 'iam')).toHaveLength(1);
  expect(estate.iam.groups.map((group) => group.name)).toEqual(['Administrators']);
});

test('service control policies listed over two NextToken pages are all described', async () => {
  const summary = (id: string, name: string, awsManaged: boolean) => ({ Id: id, Arn: `arn:${id}`, Name: name, Type: 'SERVICE_CONTROL_POLICY', AwsManaged: awsManaged });
  const { estate, calls } = await discoverGuides((call) => {
    if (call.operation !== 'ListPolicies') return undefined;
    return call.input.NextToken === 'policies-2'
      ? { output: { Policies: [summary('p-FullAWSAccess', 'FullAWSAccess', true)] } }
      : { output: { Policies: [summary('p-examplea1', 'deny-leave-organization', false)], NextToken: 'policies-2' } };
  });
  expect(calls.filter((call) => call.operation === 'ListPolicies').map((call) => call.input)).toEqual([
    { Filter: 'SERVICE_CONTROL_POLICY' },
    { Filter: 'SERVICE_CONTROL_POLICY', NextToken: 'policies-2' },
  ]);
  expect(estate.organization.serviceControlPolicies.map((policy) => [policy.name, policy.content.length > 0])).toEqual([
    ['FullAWSAccess', true],
    ['deny-leave-organization', true],
  ]);
});

test('an SCP\'s targets over two pages are all collected and sorted by target ID', async () => {
  const { estate } = await discoverGuides((call) => {
    if (call.operation !== 'ListTargetsForPolicy' || call.input.PolicyId !== 'p-examplea1') return undefined;
    return call.input.NextToken === 'targets-2'
      ? { output: { Targets: [{ TargetId: '444455556666', Arn: 'arn:prod', Name: 'Prod Workloads', Type: 'ACCOUNT' }] } }
      : { output: { Targets: [{ TargetId: 'r-ab12', Arn: 'arn:root', Name: 'Root', Type: 'ROOT' }, { TargetId: 'ou-ab12-sandbox1', Arn: 'arn:sandbox', Name: 'Sandbox', Type: 'ORGANIZATIONAL_UNIT' }], NextToken: 'targets-2' } };
  });
  expect(estate.organization.serviceControlPolicies.find((policy) => policy.id === 'p-examplea1')?.targets).toEqual([
    { targetId: '444455556666', type: 'ACCOUNT', name: 'Prod Workloads' },
    { targetId: 'ou-ab12-sandbox1', type: 'ORGANIZATIONAL_UNIT', name: 'Sandbox' },
    { targetId: 'r-ab12', type: 'ROOT', name: 'Root' },
  ]);
});

test('a service repeating a NextToken stops the loop with an error instead of looping forever', async () => {
  await expect(allPages(() => Promise.resolve({ NextToken: 'same', Items: [1] }), (page) => page.Items)).rejects.toThrow('pagination repeated NextToken same');
});

test('the instance ARN is passed on every Identity Center call that needs it', async () => {
  const { calls } = await discoverGuides();
  const needing = calls.filter((call) => call.service === 'sso' && call.operation !== 'ListInstances');
  expect(needing.filter((call) => call.input.InstanceArn !== INSTANCE)).toEqual([]);
});

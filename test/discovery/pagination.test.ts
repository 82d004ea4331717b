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
    call.operation === 'ListUsers' ? { output: pages[typeof call.input.NextToken === 'string' ? call.input.NextToken : 'first'] } : undefined,
  );
  expect(estate.identityCenter.users.map((u) => u.id)).toEqual(['user-1', 'user-2', 'user-3', 'user-4', 'user-5']);
  expect(calls.filter((call) => call.operation === 'ListUsers').map((call) => call.input.NextToken)).toEqual([undefined, 'page-2', 'page-3']);
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

test('a service repeating a NextToken stops the loop with an error instead of looping forever', async () => {
  await expect(allPages(() => Promise.resolve({ NextToken: 'same', Items: [1] }), (page) => page.Items)).rejects.toThrow('pagination repeated NextToken same');
});

test('the instance ARN is passed on every Identity Center call that needs it', async () => {
  const { calls } = await discoverGuides();
  const needing = calls.filter((call) => call.service === 'sso' && call.operation !== 'ListInstances');
  expect(needing.filter((call) => call.input.InstanceArn !== INSTANCE)).toEqual([]);
});

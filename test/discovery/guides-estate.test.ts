/**
 * Discovery against recorded SDK responses for the estate the guides in shared/seeds build
 * (test/fixtures/estates/guides-sdk-responses.json), asserted field by field.
 */
import type { Estate } from '../../adopt/estate';
import { discover } from '../../discovery/discover';
import type { DiscoveredEstate } from '../../discovery/estate';
import { DISCOVERY_PERMISSIONS } from '../../discovery/permissions';
import { fakeClock } from './fake-clock';
import { GUIDES_RECORDING, loadRecording, recordedClients, type MadeCall } from './recorded-clients';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223aaaabbbbcccc';
const ADMIN = 'arn:aws:sso:::permissionSet/ssoins-7223aaaabbbbcccc/ps-1111aaaa2222bbbb';
const POWER_USER = 'arn:aws:sso:::permissionSet/ssoins-7223aaaabbbbcccc/ps-3333cccc4444dddd';
const ADMINISTRATORS = '9067bcfc3c-a1b2c3d4-0001-4000-8000-000000000001';
const OKTA_ENGINEERING = '9067bcfc3c-a1b2c3d4-0002-4000-8000-000000000002';
const PRIMARY_ADMIN = '9067bcfc3c-e5f6a7b8-0001-4000-8000-000000000001';
const DEV_ONE = '9067bcfc3c-e5f6a7b8-0002-4000-8000-000000000002';

describe('discovering the estate the guides build', () => {
  let estate: DiscoveredEstate;
  let calls: MadeCall[];
  const clock = fakeClock();

  beforeAll(async () => {
    const recorded = recordedClients(loadRecording(GUIDES_RECORDING));
    calls = recorded.calls;
    estate = (await discover(recorded.clients, { clock })).estate;
  });

  test('the estate records its format, when discovery finished and the region of the Identity Center instance', () => {
    expect({ formatVersion: estate.formatVersion, discoveredAt: estate.discoveredAt, region: estate.region }).toEqual({
      formatVersion: 1,
      discoveredAt: new Date(clock.now()).toISOString(),
      region: 'us-east-1',
    });
  });

  test('the organization is read with its feature set, management account and root', () => {
    const { organizationalUnits, accounts, servicePrincipals, policyTypes, serviceControlPolicies, delegatedAdministrators, ...organization } = estate.organization;
    expect(delegatedAdministrators).toEqual([]);
    expect(organization).toEqual({
      id: 'o-guides1234',
      arn: 'arn:aws:organizations::111122223333:organization/o-guides1234',
      featureSet: 'ALL',
      managementAccountId: '111122223333',
      managementAccountArn: 'arn:aws:organizations::111122223333:account/o-guides1234/111122223333',
      managementAccountEmail: 'root@guides.example.com',
      rootId: 'r-ab12',
      rootArn: 'arn:aws:organizations::111122223333:root/o-guides1234/r-ab12',
      rootName: 'Root',
    });
  });

  test('trusted services are listed sorted, and only policy types ENABLED on the root count', () => {
    expect(estate.organization.servicePrincipals).toEqual(['iam.amazonaws.com', 'sso.amazonaws.com']);
    expect(estate.organization.policyTypes).toEqual(['SERVICE_CONTROL_POLICY']);
  });

  test('every OU is found at any depth, parents first, with its path from the root and its tags', () => {
    expect(estate.organization.organizationalUnits).toEqual([
      { id: 'ou-ab12-sandbox1', arn: 'arn:aws:organizations::111122223333:ou/o-guides1234/ou-ab12-sandbox1', name: 'Sandbox', parentId: 'r-ab12', path: 'Sandbox', tags: {} },
      { id: 'ou-ab12-workload1', arn: 'arn:aws:organizations::111122223333:ou/o-guides1234/ou-ab12-workload1', name: 'Workloads', parentId: 'r-ab12', path: 'Workloads', tags: {} },
      { id: 'ou-ab12-prod0001', arn: 'arn:aws:organizations::111122223333:ou/o-guides1234/ou-ab12-prod0001', name: 'Prod', parentId: 'ou-ab12-workload1', path: 'Workloads/Prod', tags: { Environment: 'prod' } },
    ]);
  });

  test('every account is read with its parent, the parent path, its status, how it joined and its tags', () => {
    expect(estate.organization.accounts).toEqual([
      {
        id: '111122223333',
        arn: 'arn:aws:organizations::111122223333:account/o-guides1234/111122223333',
        name: 'Guides Management',
        email: 'root@guides.example.com',
        status: 'ACTIVE',
        state: 'ACTIVE',
        joinedMethod: 'INVITED',
        joinedTimestamp: '2025-01-10T08:00:00.000Z',
        parentId: 'r-ab12',
        parentPath: '',
        tags: {},
      },
      {
        id: '444455556666',
        arn: 'arn:aws:organizations::111122223333:account/o-guides1234/444455556666',
        name: 'Prod Workloads',
        email: 'aws-prod@guides.example.com',
        status: 'ACTIVE',
        state: 'ACTIVE',
        joinedMethod: 'CREATED',
        joinedTimestamp: '2025-01-11T12:00:00.000Z',
        parentId: 'ou-ab12-prod0001',
        parentPath: 'Workloads/Prod',
        tags: { Owner: 'platform' },
      },
      {
        id: '777788889999',
        arn: 'arn:aws:organizations::111122223333:account/o-guides1234/777788889999',
        name: 'Sandbox',
        email: 'aws-sandbox@guides.example.com',
        status: 'ACTIVE',
        state: 'ACTIVE',
        joinedMethod: 'CREATED',
        joinedTimestamp: '2025-01-11T12:30:00.000Z',
        parentId: 'ou-ab12-sandbox1',
        parentPath: 'Sandbox',
        tags: {},
      },
    ]);
  });

  test('the Identity Center instance and its identity store come from ListInstances, and ABAC not enabled reads as none', () => {
    const { instanceArn, identityStoreId, instanceName, ownerAccountId, instanceStatus, accessControlAttributes } = estate.identityCenter;
    expect({ instanceArn, identityStoreId, instanceName, ownerAccountId, instanceStatus, accessControlAttributes }).toEqual({
      instanceArn: INSTANCE,
      identityStoreId: 'd-9067bcfc3c',
      instanceName: undefined,
      ownerAccountId: '111122223333',
      instanceStatus: 'ACTIVE',
      accessControlAttributes: [],
    });
  });

  test('the Admin set carries AdministratorAccess, and no inline policy, customer policy or boundary', () => {
    expect(estate.identityCenter.permissionSets[0]).toEqual({
      arn: ADMIN,
      name: 'Admin',
      description: 'Founders / Infra',
      sessionDuration: 'PT1H',
      createdDate: '2025-01-10T10:00:00.000Z',
      tags: {},
      managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
      managedPolicies: [{ arn: 'arn:aws:iam::aws:policy/AdministratorAccess', name: 'AdministratorAccess' }],
      customerManagedPolicies: [],
      provisionedAccountIds: ['111122223333', '444455556666'],
    });
    expect(Object.keys(estate.identityCenter.permissionSets[0])).not.toEqual(expect.arrayContaining(['inlinePolicy']));
  });

  test('the PowerUser set carries PowerUserAccess, its tags, relay state, and the inline policy text exactly as AWS returned it', () => {
    expect(estate.identityCenter.permissionSets[1]).toEqual({
      arn: POWER_USER,
      name: 'PowerUser',
      description: 'DevOps / Engineers',
      sessionDuration: 'PT4H',
      relayState: 'https://console.aws.amazon.com/console/home',
      createdDate: '2025-01-10T10:05:00.000Z',
      tags: { Team: 'platform' },
      managedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'],
      managedPolicies: [{ arn: 'arn:aws:iam::aws:policy/PowerUserAccess', name: 'PowerUserAccess' }],
      customerManagedPolicies: [],
      inlinePolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}',
      provisionedAccountIds: ['444455556666'],
    });
  });

  test('both users arrive, from both pages of ListUsers, with every profile field AWS returned', () => {
    expect(estate.identityCenter.users).toEqual([
      {
        id: DEV_ONE,
        userName: 'dev.one@guides.example.com',
        displayName: 'Dev One',
        name: { givenName: 'Dev', familyName: 'One', middleName: 'Q' },
        givenName: 'Dev',
        familyName: 'One',
        middleName: 'Q',
        email: 'dev.one@guides.example.com',
        emails: [
          { value: 'dev.one@home.example.org', type: 'home', primary: false },
          { value: 'dev.one@guides.example.com', type: 'work', primary: true },
        ],
        addresses: [],
        phoneNumbers: [{ value: '+15550100', type: 'mobile', primary: true }],
        nickname: 'dev1',
        userType: 'Employee',
        title: 'Developer',
        preferredLanguage: 'en-US',
        locale: 'en-US',
        timezone: 'Europe/Madrid',
        status: 'ENABLED',
      },
      {
        id: PRIMARY_ADMIN,
        userName: 'primary-admin@guides.example.com',
        displayName: 'Primary Admin',
        name: { formatted: 'Primary Admin', givenName: 'Primary', familyName: 'Admin' },
        givenName: 'Primary',
        familyName: 'Admin',
        email: 'primary-admin@guides.example.com',
        emails: [{ value: 'primary-admin@guides.example.com', type: 'work', primary: true }],
        addresses: [],
        phoneNumbers: [],
        title: 'Founder',
        status: 'ENABLED',
      },
    ]);
  });

  test('a user\'s email is the primary one, not the first one listed', () => {
    expect(estate.identityCenter.users.find((user) => user.id === DEV_ONE)?.email).toBe('dev.one@guides.example.com');
  });

  test('the group synced from the external IdP keeps its external IDs; the console-made group has none', () => {
    expect(estate.identityCenter.groups).toEqual([
      { id: ADMINISTRATORS, displayName: 'Administrators', description: 'Platform administrators' },
      { id: OKTA_ENGINEERING, displayName: 'Okta Engineering', externalIds: [{ issuer: 'https://guides.okta.example.com', id: '00g1engineering' }] },
    ]);
  });

  test('memberships link each user to a group by ID, with the membership ID Terraform imports by', () => {
    expect(estate.identityCenter.memberships).toEqual([
      { membershipId: '9067bcfc3c-c0ffee00-0001-4000-8000-000000000001', groupId: ADMINISTRATORS, userId: PRIMARY_ADMIN },
      { membershipId: '9067bcfc3c-c0ffee00-0002-4000-8000-000000000002', groupId: OKTA_ENGINEERING, userId: DEV_ONE },
    ]);
  });

  test('assignments are read for every set on the two accounts it is provisioned to', () => {
    expect(estate.identityCenter.assignments).toEqual([
      { permissionSetArn: ADMIN, accountId: '111122223333', principalType: 'GROUP', principalId: ADMINISTRATORS },
      { permissionSetArn: ADMIN, accountId: '444455556666', principalType: 'GROUP', principalId: ADMINISTRATORS },
      { permissionSetArn: POWER_USER, accountId: '444455556666', principalType: 'GROUP', principalId: OKTA_ENGINEERING },
      { permissionSetArn: POWER_USER, accountId: '444455556666', principalType: 'USER', principalId: DEV_ONE },
    ]);
  });

  test('ListAccountAssignments is called once per set and provisioned account, and never for an account the set is not on', () => {
    const asked = calls.filter((call) => call.operation === 'ListAccountAssignments').map((call) => `${call.input.PermissionSetArn === ADMIN ? 'Admin' : 'PowerUser'}@${String(call.input.AccountId)}`);
    expect(asked.sort()).toEqual(['Admin@111122223333', 'Admin@444455556666', 'PowerUser@444455556666']);
  });

  test('the management account\'s alias, password policy and root access features are read', () => {
    const { groups, users, ...settings } = estate.iam;
    expect(settings).toEqual({
      accountAlias: 'guides-management',
      passwordPolicy: {
        minimumPasswordLength: 14,
        requireSymbols: true,
        requireNumbers: true,
        requireUppercaseCharacters: true,
        requireLowercaseCharacters: true,
        allowUsersToChangePassword: true,
        expirePasswords: false,
        passwordReusePrevention: 24,
      },
      organizationsFeatures: ['RootCredentialsManagement', 'RootSessions'],
    });
  });

  test('the IAM group Administrators is read with its path and AdministratorAccess attached, and no inline policy', () => {
    expect(estate.iam.groups).toEqual([
      { name: 'Administrators', arn: 'arn:aws:iam::111122223333:group/Administrators', path: '/', attachedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'], inlinePolicyNames: [] },
    ]);
  });

  test('IAM users are sorted by name; IAM-Administrator is in Administrators with the tags GetUser returned and a console password', () => {
    expect(estate.iam.users.map((user) => user.name)).toEqual(['IAM-Administrator', 'admin']);
    expect(estate.iam.users[0]).toEqual({
      name: 'IAM-Administrator',
      arn: 'arn:aws:iam::111122223333:user/IAM-Administrator',
      path: '/',
      tags: { Owner: 'Root', Project: 'Administrator', MFAEnabled: 'Yes' },
      groups: ['Administrators'],
      attachedPolicyArns: [],
      inlinePolicyNames: [],
      consoleAccess: true,
      accessKeys: [],
      mfaDevices: [{ serialNumber: 'arn:aws:iam::111122223333:mfa/IAM-Administrator', enabledDate: '2025-01-09T09:45:00.000Z' }],
    });
  });

  test('the user admin is in no group and has AdministratorAccess and IAMUserChangePassword attached directly, sorted', () => {
    expect(estate.iam.users[1]).toEqual({
      name: 'admin',
      arn: 'arn:aws:iam::111122223333:user/admin',
      path: '/',
      tags: {},
      groups: [],
      attachedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::aws:policy/IAMUserChangePassword'],
      inlinePolicyNames: [],
      consoleAccess: true,
      accessKeys: [{ id: 'AKIAGUIDESADMIN00001', status: 'Active', createdDate: '2025-01-09T09:55:00.000Z' }],
      mfaDevices: [],
    });
  });

  test('each IAM user is read once with GetUser, ListGroupsForUser, the policy lists and GetLoginProfile', () => {
    const perUser = ['GetUser', 'ListGroupsForUser', 'ListAttachedUserPolicies', 'ListUserPolicies', 'GetLoginProfile'];
    const asked = calls.filter((call) => call.service === 'iam' && perUser.includes(call.operation)).map((call) => `${call.operation}@${String(call.input.UserName)}`);
    expect(asked.sort()).toEqual(perUser.flatMap((operation) => [`${operation}@IAM-Administrator`, `${operation}@admin`]).sort());
  });

  test('service control policies are read sorted by name, the customer one with its description, document text and the root it is attached to', () => {
    expect(estate.organization.serviceControlPolicies).toEqual([
      {
        id: 'p-FullAWSAccess',
        arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
        name: 'FullAWSAccess',
        description: 'Allows access to every operation',
        awsManaged: true,
        content: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "*",\n      "Resource": "*"\n    }\n  ]\n}',
        tags: {},
        targets: [{ targetId: 'r-ab12', type: 'ROOT', name: 'Root' }],
      },
      {
        id: 'p-examplea1',
        arn: 'arn:aws:organizations::111122223333:policy/o-guides1234/service_control_policy/p-examplea1',
        name: 'deny-leave-organization',
        description: 'Members stay in the organization',
        awsManaged: false,
        content: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}',
        tags: {},
        targets: [{ targetId: 'r-ab12', type: 'ROOT', name: 'Root' }],
      },
    ]);
  });

  test('tags are asked for the customer SCP only: AWS refuses ListTagsForResource for p-FullAWSAccess', () => {
    const policyTags = calls.filter((call) => call.service === 'organizations' && call.operation === 'ListTagsForResource' && String(call.input.ResourceId).startsWith('p-'));
    expect(policyTags.map((call) => call.input.ResourceId)).toEqual(['p-examplea1']);
  });

  test('an alternate contact type nobody set is left out rather than reported as a failure', () => {
    expect(estate.account.alternateContacts).toEqual([{ type: 'SECURITY', name: 'Security Team', title: 'CISO', emailAddress: 'security@guides.example.com', phoneNumber: '+15550199' }]);
  });

  test('the estate is plain JSON: a round trip through JSON gives it back unchanged', () => {
    expect(JSON.parse(JSON.stringify(estate))).toEqual(estate);
  });

  test('a discovered estate can be handed to adoption as it is', () => {
    // Compile-time: DiscoveredEstate must stay assignable to adoption's input type.
    const forAdoption: Estate = estate;
    expect(forAdoption.identityCenter.instanceArn).toBe(INSTANCE);
  });

  test('every call discovery made is a read listed in the policy it documents', () => {
    const made = [...new Set(calls.map((call) => `${call.service}:${call.operation}`))];
    expect(made.filter((permission) => !DISCOVERY_PERMISSIONS.includes(permission))).toEqual([]);
    expect(made.filter((permission) => !/:(List|Describe|Get)/.test(permission))).toEqual([]);
  });
});

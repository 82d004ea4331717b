/** A Control Tower estate with an external IdP, closed accounts and colliding names: recorded SDK responses → adoption → synth. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { adoptEstate, type Adoption } from '../../adopt/estate-to-environment';
import { discover } from '../../discovery/discover';
import type { DiscoveredEstate } from '../../discovery/estate';
import { fakeClock } from '../discovery/fake-clock';
import { recordedClients, type Intercept } from '../discovery/recorded-clients';
import { CONTROL_TOWER_RECORDING, CT, CT_GROUPS, CT_USERS } from '../fixtures/estates/control-tower-recording';
import { changesOf, synthAdopted } from '../helpers/adoption';
import { formatSummary } from '../../synth/summary';
import { model } from '../helpers/environment';

export async function discoverControlTower(intercept?: Intercept): Promise<DiscoveredEstate> {
  const { clients } = recordedClients(CONTROL_TOWER_RECORDING, intercept);
  return (await discover(clients, { clock: fakeClock() })).estate;
}

const SET = (id: string) => `arn:aws:sso:::permissionSet/ssoins-ct00000000000001/${id}`;

describe('adopting a Control Tower estate with closed accounts and colliding names', () => {
  let estate: DiscoveredEstate;
  let adoption: Adoption;
  let config: any; // the adopted YAML, parsed
  let synth: ReturnType<typeof synthAdopted>;
  beforeAll(async () => {
    estate = await discoverControlTower();
    adoption = adoptEstate(estate, 'ct');
    config = parse(adoption.yaml);
    synth = synthAdopted(adoption, adoption.yaml, 'ct');
  });
  const importIds = () => new Map<string, string>([...synth.organization.import, ...synth.identityCenter.import].map((i: { to: string; id: string }) => [i.to, i.id]));

  test('discovery follows an empty page that still carries a NextToken', () => {
    expect(estate.organization.accounts.map((account) => account.id)).toContain(CT.management);
  });

  test('suspended and pending-closure accounts are referenced by id as closed, never imported as managed accounts', () => {
    expect(config.organization.accounts.retired).toEqual({ id: CT.suspended, name: 'Retired', closed: true, ou: 'Suspended' });
    expect(config.organization.accounts.closing).toEqual({ id: CT.closing, name: 'Closing', closed: true, ou: 'Suspended' });
    const managed = Object.keys(synth.organization.resource.aws_organizations_account);
    expect(managed).not.toContain('retired');
    expect(managed).not.toContain('closing');
    expect([...importIds().values()]).not.toContain(CT.suspended);
    expect(adoption.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^account Retired \(400000000006\) is SUSPENDED/), expect.stringMatching(/^account Closing \(400000000007\) is PENDING_CLOSURE/)]));
  });

  test('closed accounts are not in the manual step that asks to delete member root credentials', () => {
    const steps = readFileSync(synth.result.manualStepsFile, 'utf8');
    const step = steps.slice(steps.indexOf('ROOT-MEMBER-CREDENTIALS'));
    expect(step).toContain('Delete the root user credentials of audit, log-archive, management-0008, sandbox-0004, sandbox-0005');
  });

  test('the assignment on the suspended account is not adopted, with a note', () => {
    const targets = Object.values(synth.identityCenter.resource.aws_ssoadmin_account_assignment).map((a: any) => a.target_id);
    expect(targets).not.toContain(CT.suspended);
    expect(adoption.notes).toContain('1 assignment on the closed account retired (400000000006): not adopted, left as they are in AWS (they end with the account)');
  });

  test('every account is in the config under its own key, with its AWS name', () => {
    const accounts = config.organization.accounts;
    expect(Object.keys(accounts)).toHaveLength(estate.organization.accounts.length);
    expect(Object.keys(accounts).sort()).toEqual(['audit', 'closing', 'log-archive', 'management', 'management-0008', 'retired', 'sandbox-0004', 'sandbox-0005']);
    expect(accounts['sandbox-0004']).toMatchObject({ name: 'Sandbox', email: 'sandbox@ct.example.com' });
    expect(accounts['sandbox-0005']).toMatchObject({ name: 'Sandbox', email: 'dev-sandbox@ct.example.com', ou: 'Dev-Test' });
    // The account named Management is not the management account, which keeps its key.
    expect(accounts.management).toMatchObject({ id: CT.management, management: true });
    expect(accounts['management-0008']).toMatchObject({ name: 'Management', email: 'mgmt-tools@ct.example.com' });
  });

  test('an OU named Dev/Test gets a key without "/" and keeps its AWS name', () => {
    expect(config.organization.organizationalUnits['Dev-Test']).toEqual({ name: 'Dev/Test', children: { 'Team A': {} } });
    const ous = synth.organization.resource.aws_organizations_organizational_unit;
    expect(ous['dev-test'].name).toBe('Dev/Test');
    expect(ous['dev-test__team_a'].name).toBe('Team A');
    expect(importIds().get('aws_organizations_organizational_unit.dev-test')).toBe('ou-ct01-devtest1');
  });

  test('colliding set, user and group names get distinct keys; AWS names stay in name:', () => {
    const ic = config.identityCenter;
    expect(ic.permissionSets['Data.Engineer-0001']).toMatchObject({ name: 'Data.Engineer', sessionDuration: 'PT4H' });
    expect(ic.permissionSets['Data_Engineer-0002']).toMatchObject({ name: 'Data_Engineer', sessionDuration: 'PT8H' });
    expect(ic.users['ops.bot@ct.example.com-0003']).toMatchObject({ name: 'ops.bot@ct.example.com', displayName: 'Ops Bot (dot)' });
    expect(ic.users['ops_bot@ct.example.com-0004']).toMatchObject({ name: 'ops_bot@ct.example.com', displayName: 'Ops Bot (underscore)' });
    expect(ic.groups['platform.admins-0002']).toEqual({ name: 'platform.admins', existing: true });
    expect(ic.groups['Platform Admins-0003']).toMatchObject({ name: 'Platform Admins', members: ['ops.bot@ct.example.com-0003', 'ops_bot@ct.example.com-0004'] });
    const resources = synth.identityCenter.resource;
    expect(resources.aws_ssoadmin_permission_set['data_engineer-0001'].name).toBe('Data.Engineer');
    expect(resources.aws_identitystore_user['ops_bot_at_ct_example_com-0004'].user_name).toBe('ops_bot@ct.example.com');
    expect(resources.aws_identitystore_group['platform_admins-0003'].display_name).toBe('Platform Admins');
    // The SCIM group is looked up by its AWS display name.
    const lookups = synth.identityCenter.data.aws_identitystore_group;
    expect(JSON.stringify(lookups)).toContain('"platform.admins"');
  });

  test('IAM users ops.bot and ops_bot both get their own key, from their own punctuation, the IAM name in name:, and their own import', () => {
    expect(Object.keys(config.baseline.iamUsers)).toEqual(['ops.bot-dot', 'ops_bot-underscore']);
    expect(config.baseline.iamUsers['ops_bot-underscore']).toMatchObject({ name: 'ops_bot', groups: ['Administrators'] });
    const imports = new Map<string, string>(synth.baseline.import.map((i: { to: string; id: string }) => [i.to, i.id]));
    expect(imports.get('aws_iam_user.ops_bot-dot')).toBe('ops.bot');
    expect(imports.get('aws_iam_user.ops_bot-underscore')).toBe('ops_bot');
    expect(imports.get('aws_iam_user_group_membership.ops_bot-underscore')).toBe('ops_bot/Administrators');
    expect(synth.baseline.resource.aws_iam_user['ops_bot-dot'].name).toBe('ops.bot');
  });

  test('the colliding IAM keys stay the same when another user is added before them', () => {
    const withAnother: DiscoveredEstate = structuredClone(estate);
    const first = withAnother.iam.users[0];
    (withAnother.iam.users as DiscoveredEstate["iam"]["users"][number][]).unshift({ ...first, name: 'aaa_first', arn: first.arn.replace(/[^/]+$/, 'aaa_first'), groups: [] });
    const again = parse(adoptEstate(withAnother, 'ct').yaml);
    expect(Object.keys(again.baseline.iamUsers)).toEqual(['aaa_first', 'ops.bot-dot', 'ops_bot-underscore']);
  });

  test('the adoption report says which names collided, the keys they got, and why those keys stay put', () => {
    expect(adoption.report).toContain('## Names');
    expect(adoption.report).toContain('- names: IAM users ops.bot, ops_bot share the Terraform name ops_bot: keys ops.bot-dot (ops.bot), ops_bot-underscore (ops_bot), the IAM name kept in name: — each key comes from its own name');
  });

  test('a user without a family name is referenced, never given one', () => {
    expect(config.identityCenter.users['mononym@ct.example.com']).toEqual({ existing: true });
    expect(adoption.yaml).not.toMatch(/familyName: (Mononym|"")/);
    expect(adoption.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^user mononym@ct\.example\.com has no familyName/)]));
  });

  test('a user without external IDs in a store the IdP provisions needs a decision; the SCIM user is referenced', () => {
    expect(config.identityCenter.users['alice@ct.example.com']).toEqual({ existing: true });
    expect(adoption.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^user bob@ct\.example\.com has no external ID in a directory an identity provider provisions/)]));
  });

  test('the assignment to a deleted principal is not adopted, with a note', () => {
    expect(adoption.yaml).not.toContain(CT.deletedPrincipal);
    expect(adoption.notes).toEqual(expect.arrayContaining([expect.stringContaining(`USER ${CT.deletedPrincipal}, which is in no user or group list`)]));
  });

  test('nothing that exists is created: every resource has an import, no entry is left over', () => {
    for (const stack of synth.result.imports!.stacks) expect({ stack: stack.stack, withoutEntry: stack.withoutEntry, unused: stack.unusedEntries }).toEqual({ stack: stack.stack, withoutEntry: [], unused: [] });
  });

  test('import IDs follow the provider documentation for each type', () => {
    const byAddress = importIds();
    expect(byAddress.get('aws_organizations_account.sandbox-0005')).toBe(CT.devSandbox);
    expect(byAddress.get('aws_ssoadmin_permission_set.data_engineer-0002')).toBe(`${SET('ps-de00000000000002')},${CT.instance}`);
    expect(byAddress.get('aws_identitystore_user.ops_bot_at_ct_example_com-0003')).toBe(`${CT.store}/${CT_USERS.opsDot}`);
    expect(byAddress.get('aws_identitystore_group.platform_admins-0003')).toBe(`${CT.store}/${CT_GROUPS.platformAdmins}`);
    expect(byAddress.get('aws_identitystore_group_membership.platform_admins-0003__ops_bot_at_ct_example_com-0004')).toBe(`${CT.store}/ct-m-4`);
    expect(byAddress.get('aws_ssoadmin_account_assignment.user_ops_bot_at_ct_example_com-0003__data_engineer-0002__sandbox-0005')).toBe(
      `${CT_USERS.opsDot},USER,${CT.devSandbox},AWS_ACCOUNT,${SET('ps-de00000000000002')},${CT.instance}`,
    );
  });
});

describe('Control Tower in the adopted estate', () => {
  let adoption: Adoption;
  let config: any; // the adopted YAML, parsed
  let synth: ReturnType<typeof synthAdopted>;
  beforeAll(async () => {
    adoption = adoptEstate(await discoverControlTower(), 'ct');
    config = parse(adoption.yaml);
    synth = synthAdopted(adoption, adoption.yaml, 'ct');
  });

  test('its guardrail SCPs are left to it: no policy, attachment or file for them', () => {
    expect(Object.keys(config.baseline.serviceControlPolicies)).toEqual(['deny-leave-organization']);
    expect(Object.keys(synth.organization.resource.aws_organizations_policy)).toEqual(['deny-leave-organization']);
    expect([...adoption.policyFiles.keys()]).toEqual(['../policies/scp/ct/deny-leave-organization.json']);
    expect(adoption.notes).toContain("Control Tower's guardrail SCPs aws-guardrails-AbCdEf, aws-guardrails-GhIjKl: left to Control Tower, which rewrites them as controls change — not adopted");
  });

  test('its permission sets and groups are referenced; their assignments are still imported', () => {
    expect(config.identityCenter.permissionSets.AWSAdministratorAccess).toEqual({ existing: true });
    expect(config.identityCenter.groups.AWSControlTowerAdmins).toEqual({ existing: true });
    expect(synth.identityCenter.resource.aws_ssoadmin_permission_set).not.toHaveProperty('awsadministratoraccess');
    expect(synth.identityCenter.resource.aws_identitystore_group).not.toHaveProperty('awscontroltoweradmins');
    const imported = synth.identityCenter.import.map((i: { to: string }) => i.to);
    expect(imported).toContain('aws_ssoadmin_account_assignment.group_awscontroltoweradmins__awsadministratoraccess__log-archive');
  });

  test('the baseline deploys through AWSControlTowerExecution, the role its guardrails exempt', () => {
    expect(config.baseline.deploymentRole).toBe('AWSControlTowerExecution');
  });

  test('the SCP whose Statement is an object is written and sent as it is, not turned into a list', () => {
    const file = JSON.parse(adoption.policyFiles.get('../policies/scp/ct/deny-leave-organization.json')!);
    expect(Array.isArray(file.Statement)).toBe(false);
    expect(JSON.parse(synth.organization.resource.aws_organizations_policy['deny-leave-organization'].content).Statement).toEqual(file.Statement);
  });

  test('the zero-diff check reports exactly the planted difference: no reuse prevention in the password policy, read back from the written map', () => {
    expect(changesOf(synth.result).map((d) => `${d.address}.${d.attribute}: ${JSON.stringify(d.aws)} → ${JSON.stringify(d.config)}`)).toEqual([
      'aws_iam_account_password_policy.password_policy.password_reuse_prevention: null → 24',
    ]);
  });

  test('arguments AWS never returns are listed by name as set on the first apply', () => {
    const firstApply = synth.result.imports!.differences.filter((d) => d.consequence === 'first-apply').map((d) => `${d.address}.${d.attribute}`);
    // force_destroy: the baseline's IAM users are deleted with what they made themselves (modules/iam-users.ts).
    // close_on_deletion = false is not listed: the provider plans no change for a false it never read back
    // (the adoption round trip, test/roundtrip/adoption.test.ts, checks that against real Terraform).
    expect(firstApply).toEqual(['aws_iam_user.ops_bot-dot.force_destroy', 'aws_iam_user.ops_bot-underscore.force_destroy']);
    expect(formatSummary([synth.result])).toContain('state   aws_iam_user.ops_bot-dot.force_destroy: set on the first apply, no change in AWS');
  });

  test('references are compared through the import map: assignments to looked-up sets, groups and the management account', () => {
    const map = adoption.importMap;
    const assignment = map.stacks['ct-identity-center']['aws_ssoadmin_account_assignment.group_awscontroltoweradmins__awsadministratoraccess__management'];
    expect(assignment.observed).toMatchObject({ principal_id: CT_GROUPS.ctAdmins, target_id: CT.management, instance_arn: CT.instance });
    // Resolved, equal, so not reported; a wrong lookup would be.
    const broken = structuredClone(map);
    broken.lookups!['ct-identity-center']['data.aws_identitystore_group.awscontroltoweradmins'].group_id = 'someone-else';
    const { result } = synthAdopted({ ...adoption, importMap: broken }, adoption.yaml, 'ct');
    expect(changesOf(result).filter((d) => d.attribute === 'principal_id').map((d) => d.address)).toEqual(
      ['audit', 'log-archive', 'management'].map((key) => `aws_ssoadmin_account_assignment.group_awscontroltoweradmins__awsadministratoraccess__${key}`),
    );
  });

  test('the profile fields Terraform can set are adopted; the one it cannot is reported', () => {
    expect(config.identityCenter.users['bob@ct.example.com']).toMatchObject({
      emailType: 'work',
      phoneNumbers: [{ value: '+1-555-0142', type: 'work', primary: true }],
      addresses: [{ streetAddress: '1 Builder Way', locality: 'Springfield', country: 'US', type: 'work', primary: true }],
    });
    expect(adoption.notes).toContain("user bob@ct.example.com has website: Terraform's aws_identitystore_user has no argument for them, so they stay as they are in AWS, unmanaged");
    expect(adoption.notes).toContain("user ops_bot@ct.example.com is DISABLED in AWS: Terraform's aws_identitystore_user has no argument for it, so it stays disabled, whatever the config says");
  });
});

describe('what the adopted files carry for other tools and for review', () => {
  let adoption: Adoption;
  beforeAll(async () => {
    adoption = adoptEstate(await discoverControlTower(), 'ct');
  });

  test('the config starts with the JSON Schema line editors read', () => {
    expect(adoption.yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=../config/environment.schema.json');
  });

  test('values a YAML 1.1 tool would misread are quoted: a date-like tag, Yes, and Version in a policy', () => {
    expect(adoption.yaml).toContain('ReviewedOn: "2025-01-10"');
    expect(adoption.yaml).toContain('Enabled: "Yes"');
    const yaml11 = parse(adoption.yaml, { version: '1.1' });
    expect(yaml11.organization.accounts.audit.tags.ReviewedOn).toBe('2025-01-10');
    expect(yaml11.organization.accounts['log-archive'].tags.Enabled).toBe('Yes');
  });

  test('a permission set inline policy keeps Version as the string "2012-10-17" under YAML 1.1', () => {
    const estate = structuredClone(CT_ESTATE!) as any;
    estate.identityCenter.permissionSets.find((set: any) => set.name === 'Data_Engineer').inlinePolicy = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}';
    const yaml = adoptEstate(estate, 'ct').yaml;
    expect(yaml).toContain('Version: "2012-10-17"');
    expect(parse(yaml, { version: '1.1' }).identityCenter.permissionSets['Data_Engineer-0002'].inlinePolicy.Version).toBe('2012-10-17');
  });

  test('SCPs whose names become one Terraform name both get their own key, file and import', () => {
    const estate = structuredClone(CT_ESTATE!) as any;
    const [deny] = estate.organization.serviceControlPolicies.filter((policy: any) => policy.name === 'deny-leave-organization');
    estate.organization.serviceControlPolicies = [
      ...estate.organization.serviceControlPolicies.filter((policy: any) => policy !== deny),
      { ...deny, id: 'p-under0001', name: 'deny_leave_organization' },
      { ...deny, id: 'p-space0002', name: 'deny leave organization' },
    ];
    const adopted = adoptEstate(estate, 'ct');
    const scps = parse(adopted.yaml).baseline.serviceControlPolicies;
    expect(Object.keys(scps).sort()).toEqual(['deny leave organization-0002', 'deny_leave_organization-0001']);
    expect(scps['deny leave organization-0002']).toMatchObject({ name: 'deny leave organization', targets: ['root'] });
    expect(new Set(Object.values(scps).map((scp: any) => scp.file)).size).toBe(2);
    const { organization } = synthAdopted(adopted, adopted.yaml, 'ct');
    const imports = new Map<string, string>(organization.import.map((i: { to: string; id: string }) => [i.to, i.id]));
    expect(imports.get('aws_organizations_policy.deny_leave_organization-0001')).toBe('p-under0001');
    expect(imports.get('aws_organizations_policy.deny_leave_organization-0002')).toBe('p-space0002');
    expect(organization.resource.aws_organizations_policy['deny_leave_organization-0002'].name).toBe('deny leave organization');
  });

  test('IAM groups whose names become one Terraform name both get their own key; users name them by key', () => {
    const estate = structuredClone(CT_ESTATE!) as any;
    const group = (name: string) => ({ name, arn: `arn:aws:iam::${CT.management}:group/${name}`, path: '/', attachedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'], inlinePolicyNames: [] });
    estate.iam.groups = [...estate.iam.groups, group('Ops.Team'), group('Ops_Team')];
    estate.iam.users[0].groups = ['Administrators', 'Ops.Team'];
    const adopted = adoptEstate(estate, 'ct');
    const baseline = parse(adopted.yaml).baseline;
    expect(baseline.iamGroups).toMatchObject({ 'Ops.Team-dot': { name: 'Ops.Team' }, 'Ops_Team-underscore': { name: 'Ops_Team' } });
    expect(baseline.iamUsers['ops.bot-dot'].groups).toEqual(['Administrators', 'Ops.Team-dot']);
    const { baseline: stack, result } = synthAdopted(adopted, adopted.yaml, 'ct');
    expect(stack.resource.aws_iam_group['ops_team-underscore'].name).toBe('Ops_Team');
    const imports = new Map<string, string>(stack.import.map((i: { to: string; id: string }) => [i.to, i.id]));
    expect(imports.get('aws_iam_group_policy_attachment.ops_team-dot__readonlyaccess')).toBe('Ops.Team/arn:aws:iam::aws:policy/ReadOnlyAccess');
    expect(imports.get('aws_iam_user_group_membership.ops_bot-dot')).toBe('ops.bot/Administrators/Ops.Team');
    expect(result.imports!.stacks.flatMap((s) => s.withoutEntry)).toEqual([]);
  });

  test('a profile the config cannot hold (an email without a domain) makes the user referenced, with a note, instead of aborting', () => {
    const estate = structuredClone(CT_ESTATE!) as any;
    const bob = estate.identityCenter.users.find((user: any) => user.userName === 'bob@ct.example.com');
    bob.email = 'bob@localhost';
    bob.emails = [{ value: 'bob@localhost', primary: true }];
    const adopted = adoptEstate(estate, 'ct');
    expect(parse(adopted.yaml).identityCenter.users['bob@ct.example.com']).toEqual({ existing: true });
    expect(adopted.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^user bob@ct\.example\.com: .*email.* — referenced, not managed/)]));
    expect(synthAdopted(adopted, adopted.yaml, 'ct').result.imports!.stacks.flatMap((stack) => stack.withoutEntry)).toEqual([]);
  });

  test('an OU tag the config cannot hold is left out with a note, and the zero-diff check reports it', () => {
    const estate = structuredClone(CT_ESTATE!) as any;
    estate.organization.organizationalUnits.find((ou: any) => ou.name === 'Team A').tags = { 'bad key!': 'x' };
    const adopted = adoptEstate(estate, 'ct');
    expect(parse(adopted.yaml).organization.organizationalUnits['Dev-Test'].children['Team A']).toEqual({});
    expect(adopted.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^OU Dev-Test\/Team A: .* its tags are not adopted/)]));
    const { result } = synthAdopted(adopted, adopted.yaml, 'ct');
    expect(changesOf(result).map((d) => `${d.address}.${d.attribute}`)).toContain('aws_organizations_organizational_unit.dev-test__team_a.tags');
  });

  test('resource control policies are read and reported as left in AWS; the type stays enabled', () => {
    expect(CT_ESTATE!.organization.otherPolicies).toEqual([
      { type: 'RESOURCE_CONTROL_POLICY', id: 'p-RCPFullAWSAccess', name: 'RCPFullAWSAccess', awsManaged: true },
      { type: 'RESOURCE_CONTROL_POLICY', id: 'p-rcp00001', name: 'deny-external-s3', awsManaged: false },
    ]);
    expect(parse(adoption.yaml).organization.policyTypes).toEqual(['RESOURCE_CONTROL_POLICY', 'SERVICE_CONTROL_POLICY']);
    expect(adoption.notes).toContain('RESOURCE_CONTROL_POLICY policies deny-external-s3: this project manages none of that type, so they stay as they are in AWS (the type stays enabled)');
  });

  describe('a policy type AWS has enabled that the provider cannot list (SECURITYHUB_POLICY)', () => {
    const adoptWith = (type: string) => {
      const estate = structuredClone(CT_ESTATE!) as any;
      estate.organization.policyTypes = [...estate.organization.policyTypes, type];
      return adoptEstate(estate, 'ct');
    };

    test('is written under unmanagedPolicyTypes, not policyTypes, and reported as left unmanaged with the reason', () => {
      const adopted = adoptWith('SECURITYHUB_POLICY');
      const organization = parse(adopted.yaml).organization;
      expect(organization.policyTypes).toEqual(['RESOURCE_CONTROL_POLICY', 'SERVICE_CONTROL_POLICY']);
      expect(organization.unmanagedPolicyTypes).toEqual(['SECURITYHUB_POLICY']);
      expect(adopted.report).toMatch(/## Left unmanaged, and why[\s\S]*the policy type SECURITYHUB_POLICY is enabled in AWS, and the pinned hashicorp\/aws provider \(5\.100\.0\) cannot list it[\s\S]*## Not read/);
    });

    test('synth leaves the organization\'s policy types as AWS has them, and the first plan disables none', () => {
      const adopted = adoptWith('SECURITYHUB_POLICY');
      const { organization, result } = synthAdopted(adopted, adopted.yaml, 'ct');
      const org = organization.resource.aws_organizations_organization.organization;
      expect(org.enabled_policy_types).toEqual(['RESOURCE_CONTROL_POLICY', 'SERVICE_CONTROL_POLICY']);
      expect(org.lifecycle.ignore_changes).toEqual(['enabled_policy_types']);
      expect(changesOf(result).filter((d) => d.attribute === 'enabled_policy_types')).toEqual([]);
    });
  });

  test('delegated administrators are read and reported; Identity Center run from a member account needs a decision', () => {
    expect(CT_ESTATE!.organization.delegatedAdministrators).toEqual([{ accountId: CT.audit, name: 'Audit', servicePrincipals: ['config.amazonaws.com', 'sso.amazonaws.com'] }]);
    expect(adoption.report).toMatch(/## Needs a decision[\s\S]*account Audit \(200000000003\) is the delegated administrator for config\.amazonaws\.com, sso\.amazonaws\.com[\s\S]*## Left unmanaged/);
  });

  test('access keys and MFA devices of the IAM users adopted are read and reported', () => {
    const user = CT_ESTATE!.iam.users.find((candidate) => candidate.name === 'ops.bot')!;
    expect(user.accessKeys).toEqual([{ id: 'AKIACTOPSBOT00000001', status: 'Active', createdDate: '2025-02-01T11:00:00.000Z' }]);
    expect(user.mfaDevices).toEqual([]);
    expect(adoption.notes).toEqual(expect.arrayContaining([
      expect.stringMatching(/^IAM user ops\.bot has an active access key \(AKIACTOPSBOT00000001, created 2025-02-01\)/),
      expect.stringMatching(/^IAM user ops\.bot has no MFA device/),
    ]));
  });
});

let CT_ESTATE: DiscoveredEstate | undefined;
beforeAll(async () => {
  CT_ESTATE = await discoverControlTower();
});

describe('the adoption report beside the config', () => {
  let adoption: Adoption;
  let root: string;
  beforeAll(async () => {
    adoption = adoptEstate(await discoverControlTower(), 'ct');
    root = synthAdopted(adoption, adoption.yaml, 'ct').root;
  });
  const section = (title: string) => {
    const text = readFileSync(join(root, 'environments', 'ct.adoption.md'), 'utf8');
    const start = text.indexOf(`## ${title}\n`);
    expect(start).toBeGreaterThanOrEqual(0);
    return text.slice(start).split('\n## ')[0];
  };

  test('is written as environments/<env>.adoption.md and says what was adopted', () => {
    const adopted = section('Adopted');
    expect(adopted).toContain('5 OUs; 5 accounts imported, 3 accounts referenced by id (the management account, 2 closed)');
    expect(adopted).toContain('2 permission sets managed, 2 referenced');
    expect(adopted).toContain('deployment role AWSControlTowerExecution');
  });

  test('lists what was left unmanaged and why: closed accounts, Control Tower, the BILLING contact, a deleted principal', () => {
    const unmanaged = section('Left unmanaged, and why');
    expect(unmanaged).toMatch(/account Retired \(400000000006\) is SUSPENDED/);
    expect(unmanaged).toMatch(/Control Tower's guardrail SCPs aws-guardrails-AbCdEf, aws-guardrails-GhIjKl/);
    expect(unmanaged).toMatch(/the BILLING alternate contact \(Finance, finance@ct\.example\.com\): the baseline manages only the SECURITY contact/);
    expect(unmanaged).toMatch(/user mononym@ct\.example\.com has no familyName/);
  });

  test('lists what needs a decision: SCIM users without external IDs, what the first plan changes, the deleted principal', () => {
    const decisions = section('Needs a decision');
    expect(decisions).toMatch(/user bob@ct\.example\.com has no external ID/);
    expect(decisions).toMatch(/does not prevent password reuse/);
    expect(decisions).toContain(CT.deletedPrincipal);
    expect(section('Not read')).toContain('Nothing: every read discovery makes was allowed.');
  });

  test('names what was never read when a permission was denied', async () => {
    const denied = adoptEstate(await discoverControlTower((call) => (call.operation === 'GetAlternateContact' ? { error: { name: 'AccessDeniedException', message: 'denied' } } : undefined)), 'ct');
    expect(denied.report).toMatch(/## Not read\n\n- not read: alternate contacts \(account:GetAlternateContact was denied/);
  });
});

describe('the Control Tower estate read with optional permissions denied', () => {
  const denied = (operations: readonly string[]): Intercept => (call) => (operations.includes(call.operation) && !(call.service === 'sso' && call.operation === 'ListTagsForResource') ? { error: { name: 'AccessDeniedException', message: `not authorized to perform: ${call.service}:${call.operation}` } } : undefined);

  test('alternate contacts, tags, delegated administrators, access keys and MFA devices denied: adoption completes, imports only, the same planted difference', async () => {
    const estate = await discoverControlTower(denied(['GetAlternateContact', 'ListTagsForResource', 'ListDelegatedAdministrators', 'ListAccessKeys', 'ListMFADevices']));
    expect(estate.unread!.map((part) => part.permission)).toEqual([
      'account:GetAlternateContact', 'iam:ListAccessKeys', 'iam:ListMFADevices', 'organizations:ListDelegatedAdministrators', 'organizations:ListTagsForResource', 'organizations:ListTagsForResource',
    ]);
    const adoption = adoptEstate(estate, 'ct');
    const { result } = synthAdopted(adoption, adoption.yaml, 'ct');
    for (const stack of result.imports!.stacks) expect({ stack: stack.stack, withoutEntry: stack.withoutEntry }).toEqual({ stack: stack.stack, withoutEntry: [] });
    expect(changesOf(result).map((d) => `${d.address}.${d.attribute}`)).toEqual(['aws_iam_account_password_policy.password_policy.password_reuse_prevention']);
    expect(adoption.report).toMatch(/## Not read\n\n- not read: alternate contacts[\s\S]*- not read: tags of OUs and accounts/);
  });
});

describe('closed accounts in a config', () => {
  const config = (closed: boolean) => ({
    region: 'eu-west-1',
    organization: {
      organizationalUnits: { Suspended: {} },
      accounts: {
        management: { id: '111111111111', management: true },
        live: { name: 'Live', email: 'live@example.com' },
        retired: { id: '222222222222', name: 'Retired', ou: 'Suspended', closed },
      },
    },
    identityCenter: {
      mfa: { prompt: 'every-sign-in' },
      groups: { Admins: {} },
      assignments: [
        { group: 'Admins', permissionSets: ['Admin'], allAccounts: true },
        { group: 'Admins', permissionSets: ['PowerUser'], organizationalUnits: ['Suspended'] },
      ],
    },
  });

  test('allAccounts and OU targets do not reach a closed account', () => {
    const targets = model(config(true)).identityCenter.assignments.map((a) => `${a.permissionSetName}:${a.account.key}`);
    expect(targets.sort()).toEqual(['Admin:live', 'Admin:management']);
  });

  test('the same account, not closed, is reached by both', () => {
    const targets = model(config(false)).identityCenter.assignments.map((a) => `${a.permissionSetName}:${a.account.key}`);
    expect(targets.sort()).toEqual(['Admin:live', 'Admin:management', 'Admin:retired', 'PowerUser:retired']);
  });
});

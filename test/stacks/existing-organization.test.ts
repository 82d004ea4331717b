import { addresses, dataSource, issues, lineContaining, model, namesOf, resource, synth, withChange, type Yamlish } from '../helpers/environment';
import { checkEnvironment } from '../../rules/synth';

/** An organization Control Tower manages: only the accounts and OUs this file names, all referenced. */
export function existingOrganizationConfig(): Yamlish {
  return {
    region: 'eu-west-1',
    organization: {
      existing: true,
      organizationalUnits: { Workloads: { children: { Prod: {}, Dev: {} } }, Security: {} },
      accounts: {
        management: { id: '111111111111', management: true },
        audit: { id: '222222222222', ou: 'Security' },
        prod: { id: '333333333333', ou: 'Workloads/Prod' },
      },
    },
    identityCenter: {
      mfa: { prompt: 'every-sign-in' },
      groups: { 'Platform Admins': { existing: true }, Developers: { existing: true }, Auditors: { existing: true } },
      assignments: [
        { group: 'Developers', permissionSets: ['PowerUser'], organizationalUnits: ['Workloads/Dev', 'Workloads/Prod'] },
        { group: 'Developers', permissionSets: ['PowerUser'], accounts: ['prod'] },
        { group: 'Auditors', permissionSets: ['Admin'], organizationalUnits: ['Security'] },
        { group: 'Platform Admins', permissionSets: ['Admin'], allAccountsExceptManagement: true },
        { group: 'Platform Admins', permissionSets: ['Admin'], accounts: ['audit'] },
      ],
    },
  };
}

const DESCENDANTS = 'aws_organizations_organizational_unit_descendant_accounts';

describe('an organization managed elsewhere (organization.existing: true)', () => {
  const stacks = synth(existingOrganizationConfig());

  test('no stack declares an aws_organizations_* resource', () => {
    for (const json of [stacks.organization, stacks.identityCenter]) {
      expect(Object.keys(json.resource ?? {}).filter((type) => type.startsWith('aws_organizations_'))).toEqual([]);
    }
    // The organization stack only reads the organization, and keeps its outputs for the stacks that read them.
    expect(addresses(stacks.organization)).toEqual(['data.aws_organizations_organization.organization']);
    expect(stacks.organization.output?.account_ids.value).toEqual({ management: '111111111111', audit: '222222222222', prod: '333333333333' });
    expect(stacks.organization.output?.root_id.value).toBe('${data.aws_organizations_organization.organization.roots[0].id}');
  });

  test('OU targets are read from the live organization: each OU looked up by name under its parent', () => {
    expect(dataSource(stacks.identityCenter, 'aws_organizations_organizational_unit', 'workloads')).toEqual({ name: 'Workloads', parent_id: '${data.aws_organizations_organization.organization.roots[0].id}' });
    expect(dataSource(stacks.identityCenter, 'aws_organizations_organizational_unit', 'workloads__prod')).toEqual({ name: 'Prod', parent_id: '${data.aws_organizations_organizational_unit.workloads.id}' });
    expect(dataSource(stacks.identityCenter, DESCENDANTS, 'ou__workloads__prod')).toEqual({ parent_id: '${data.aws_organizations_organizational_unit.workloads__prod.id}' });
    expect(dataSource(stacks.identityCenter, DESCENDANTS, 'all_accounts')).toEqual({ parent_id: '${data.aws_organizations_organization.organization.roots[0].id}' });
    // Only OUs on the way to a target: nothing names Workloads alone, yet it is the parent of two targets.
    expect(Object.keys(stacks.identityCenter.data?.[DESCENDANTS] ?? {}).sort()).toEqual(['all_accounts', 'ou__security', 'ou__workloads__dev', 'ou__workloads__prod']);
  });

  test('a grant through OUs is one resource per principal and set, for_each over the active account IDs, minus the accounts it names', () => {
    const grant = resource(stacks.identityCenter, 'aws_ssoadmin_account_assignment', 'group_developers__poweruser');
    expect(grant.for_each).toBe(
      '${toset(setsubtract(distinct(concat(' +
        '[for account in data.aws_organizations_organizational_unit_descendant_accounts.ou__workloads__dev.accounts : account.id if account.status == "ACTIVE"], ' +
        '[for account in data.aws_organizations_organizational_unit_descendant_accounts.ou__workloads__prod.accounts : account.id if account.status == "ACTIVE"])), ["333333333333"]))}',
    );
    expect(grant).toMatchObject({ target_id: '${each.key}', target_type: 'AWS_ACCOUNT', principal_type: 'GROUP', permission_set_arn: '${aws_ssoadmin_permission_set.poweruser.arn}' });
    // The named account keeps its own address.
    expect(resource(stacks.identityCenter, 'aws_ssoadmin_account_assignment', 'group_developers__poweruser__prod')).toMatchObject({ target_id: '333333333333' });
  });

  test('all accounts except the management account leaves out the live management account and the named ones', () => {
    const grant = resource(stacks.identityCenter, 'aws_ssoadmin_account_assignment', 'group_platform_admins__admin');
    expect(grant.for_each).toBe(
      '${toset(setsubtract([for account in data.aws_organizations_organizational_unit_descendant_accounts.all_accounts.accounts : account.id if account.status == "ACTIVE"], ["222222222222", data.aws_organizations_organization.organization.master_account_id]))}',
    );
    expect(namesOf(stacks.identityCenter, 'aws_ssoadmin_account_assignment')).toEqual(['group_auditors__admin', 'group_developers__poweruser', 'group_developers__poweruser__prod', 'group_platform_admins__admin', 'group_platform_admins__admin__audit']);
  });

  test('an OU that holds no account of this file is still a valid target: its accounts are read at plan time', () => {
    // Workloads/Dev holds no account in the file, which a managed organization refuses.
    const managed = issues(withChange((c) => (c.organization.existing = false), existingOrganizationConfig));
    expect(managed.map((i) => i.message)).toContain('OU "Workloads/Dev" holds no account in this file, so this target grants nothing');
    expect(dataSource(stacks.identityCenter, DESCENDANTS, 'ou__workloads__dev')).toEqual({ parent_id: '${data.aws_organizations_organizational_unit.workloads__dev.id}' });
  });

  test('an account with email, tags on an OU, service control policies and centralized root access are refused with a fix', () => {
    const config = withChange((c) => {
      c.organization.accounts.newone = { email: 'aws-new@example.com' };
      c.organization.organizationalUnits.Security.tags = { Team: 'sec' };
      c.baseline = { centralizedRootAccess: true };
    }, existingOrganizationConfig);
    const found = issues(config);
    expect(found.map((i) => i.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('account "newone" has email, but an existing organization\'s accounts are never created here'),
        expect.stringContaining('OU "Security" has tags'),
        expect.stringContaining('centralized root access is an organization feature'),
      ]),
    );
    const email = found.find((i) => i.message.includes('"newone" has email'))!;
    expect(email).toMatchObject({ file: 'environments/test.yaml', line: lineContaining(config, 'aws-new@example.com') });
    expect(email.fix).toContain('Account Factory');
    expect(found.find((i) => i.message.includes('centralized root access'))!.fix).toContain('centralizedRootAccess: false');
  });

  test('a grant to a user through an OU is still a RISK-GRANT-TO-USER finding', () => {
    const config = withChange((c) => {
      c.identityCenter.users = { 'okta.user@example.com': { existing: true } };
      c.identityCenter.assignments = [{ user: 'okta.user@example.com', permissionSets: ['PowerUser'], organizationalUnits: ['Security'] }];
    }, existingOrganizationConfig);
    const found = checkEnvironment(model(config)).findings.filter((f) => f.ruleId === 'RISK-GRANT-TO-USER');
    expect(found.map((f) => f.target)).toEqual(['okta.user@example.com / PowerUser / the accounts of Security']);
  });

  test('allAccounts through the live organization is a RISK-GRANT-ON-MANAGEMENT finding, as a named management account is', () => {
    const config = withChange((c) => (c.identityCenter.assignments = [{ group: 'Auditors', permissionSets: ['PowerUser'], allAccounts: true }]), existingOrganizationConfig);
    expect(checkEnvironment(model(config)).findings.filter((f) => f.ruleId === 'RISK-GRANT-ON-MANAGEMENT').map((f) => f.target)).toEqual(['Auditors / PowerUser / all accounts']);
  });

  test('a baseline without the organization guardrails synthesizes beside an existing organization', () => {
    const stacks = synth(withChange((c) => (c.baseline = { centralizedRootAccess: false }), existingOrganizationConfig));
    expect(stacks.baseline).toBeDefined();
    expect(Object.keys(stacks.organization.resource ?? {})).toEqual([]);
  });

  test('a permission set whose customer managed policy this project creates cannot reach accounts known only at plan time', () => {
    const config = withChange((c) => {
      c.identityCenter.customerManagedPolicies = { Extras: { file: 'extras.json' } };
      c.identityCenter.permissionSets = { Auditor: { customerManagedPolicies: [{ name: 'Extras' }] } };
      c.identityCenter.assignments = [{ group: 'Auditors', permissionSets: ['Auditor'], organizationalUnits: ['Security'] }];
    }, existingOrganizationConfig);
    const found = issues(config).filter((i) => i.message.includes('known only at plan time'));
    expect(found).toHaveLength(1);
    expect(found[0].fix).toContain('name the accounts under accounts:');
  });
});

describe('Identity Center from a delegated administrator', () => {
  const delegated = () => withChange((c) => (c.identityCenter.delegatedAdministrator = 'audit'), existingOrganizationConfig);

  test("the identity-center stack's own provider runs in the delegated account through the assumed role", () => {
    const { identityCenter } = synth(delegated());
    const own = identityCenter.provider?.aws.find((provider) => provider.alias === undefined);
    expect(own?.assume_role).toEqual([{ role_arn: 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole', session_name: 'test-identity-center' }]);
  });

  test('the role is the account roleName, or delegatedAdministratorRoleName', () => {
    const named = withChange((c) => {
      c.organization.accounts.audit.roleName = 'AWSControlTowerExecution';
    }, delegated);
    expect(synth(named).identityCenter.provider?.aws[0].assume_role).toEqual([expect.objectContaining({ role_arn: 'arn:aws:iam::222222222222:role/AWSControlTowerExecution' })]);
    const own = withChange((c) => (c.identityCenter.delegatedAdministratorRoleName = 'IdentityCenterAdmin'), () => named);
    expect(synth(own).identityCenter.provider?.aws[0].assume_role).toEqual([expect.objectContaining({ role_arn: 'arn:aws:iam::222222222222:role/IdentityCenterAdmin' })]);
  });

  test('with a delegated administrator, plan-time grants always leave out the management account, wherever it sits', () => {
    const { identityCenter } = synth(delegated());
    expect(resource(identityCenter, 'aws_ssoadmin_account_assignment', 'group_auditors__admin').for_each).toContain('data.aws_organizations_organization.organization.master_account_id');
  });

  test('a managed organization registers the delegation (sso.amazonaws.com) in the organization stack', () => {
    const config = withChange((c) => {
      c.organization = { accounts: { management: { id: '111111111111', management: true }, identity: { email: 'aws-identity@example.com' } } };
      c.identityCenter.delegatedAdministrator = 'identity';
      c.identityCenter.assignments = [{ group: 'Developers', permissionSets: ['PowerUser'], allAccountsExceptManagement: true }];
    }, existingOrganizationConfig);
    const stacks = synth(config);
    expect(resource(stacks.organization, 'aws_organizations_delegated_administrator', 'identity_center')).toEqual({
      account_id: '${aws_organizations_account.identity.id}',
      service_principal: 'sso.amazonaws.com',
      depends_on: ['aws_organizations_organization.organization'],
    });
    // A created account's ID comes from the organization stack's state.
    expect(stacks.identityCenter.provider?.aws[0].assume_role).toEqual([expect.objectContaining({ role_arn: 'arn:aws:iam::${data.terraform_remote_state.organization.outputs.account_ids.identity}:role/OrganizationAccountAccessRole' })]);
  });

  test.each([
    ['the management account as delegated administrator', (c: any) => (c.identityCenter.delegatedAdministrator = 'management'), 'cannot be its own delegated administrator', 'name a member account'],
    ['an assignment to the management account', (c: any) => c.identityCenter.assignments.push({ group: 'Auditors', permissionSets: ['Admin'], accounts: ['management'] }), 'whose access a delegated administrator cannot manage', 'from the management account'],
    ['allAccounts, which includes the management account', (c: any) => c.identityCenter.assignments.push({ group: 'Auditors', permissionSets: ['Admin'], allAccounts: true }), 'allAccounts includes the management account', 'allAccountsExceptManagement: true'],
    ['an undefined account', (c: any) => (c.identityCenter.delegatedAdministrator = 'adit'), 'account "adit" is not defined (did you mean "audit"?)', 'a key of organization.accounts'],
  ])('refuses %s, with the fix', (_what, mutate, message, fix) => {
    const found = issues(withChange(mutate, delegated));
    const match = found.find((i) => i.message.includes(message));
    expect(match).toBeDefined();
    expect(match!.fix).toContain(fix);
    expect(match!.line).toBeGreaterThan(0);
  });

  test('an existing organization cannot register the delegation here: it becomes manual step IC-DELEGATED-ADMIN, first', () => {
    const steps = model(delegated()).manualSteps;
    expect(steps[0]).toMatchObject({ id: 'IC-DELEGATED-ADMIN' });
    expect(steps[0].actions[0]).toBe('Register account 222222222222 as the delegated administrator of IAM Identity Center');
    expect(model(existingOrganizationConfig()).manualSteps.map((step) => step.id)).not.toContain('IC-DELEGATED-ADMIN');
  });

  test('a bare account ID of a member account is accepted', () => {
    const config = withChange((c) => (c.identityCenter.delegatedAdministrator = '444444444444'), existingOrganizationConfig);
    expect(synth(config).identityCenter.provider?.aws[0].assume_role).toEqual([expect.objectContaining({ role_arn: 'arn:aws:iam::444444444444:role/OrganizationAccountAccessRole' })]);
  });
});

describe('renames in an existing organization', () => {
  test('a renamed group moves its plan-time grant as a whole (every instance), and no account rename touches it', () => {
    const config = withChange((c) => {
      c.identityCenter.groups['Workload Developers'] = c.identityCenter.groups.Developers;
      delete c.identityCenter.groups.Developers;
      for (const a of c.identityCenter.assignments) if (a.group === 'Developers') a.group = 'Workload Developers';
      c.renames = { groups: { Developers: 'Workload Developers' } };
    }, existingOrganizationConfig);
    const moved = model(config).moved.identityCenter;
    expect(moved).toContainEqual({ from: 'aws_ssoadmin_account_assignment.group_developers__poweruser', to: 'aws_ssoadmin_account_assignment.group_workload_developers__poweruser' });
    expect(moved).toContainEqual({ from: 'aws_ssoadmin_account_assignment.group_developers__poweruser__prod', to: 'aws_ssoadmin_account_assignment.group_workload_developers__poweruser__prod' });
  });
});

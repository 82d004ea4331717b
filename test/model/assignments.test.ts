import { baseConfig, issues, model } from '../helpers/environment';

const assignmentsOf = (assignments: unknown[], change?: (config: any) => void) => {
  const config: any = baseConfig();
  config.identityCenter.assignments = assignments;
  change?.(config);
  return model(config).identityCenter.assignments;
};
const targets = (assignments: ReturnType<typeof assignmentsOf>) => assignments.map((a) => a.account.key).sort();

describe('assignment expansion', () => {
  test('an OU target reaches every account in the OU and in the OUs below it', () => {
    const expanded = assignmentsOf([{ group: 'Platform Admins', permissionSets: ['ReadOnlyish'], organizationalUnits: ['Workloads'] }], (c) => {
      c.identityCenter.permissionSets = { ReadOnlyish: { managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } };
    });
    expect(targets(expanded)).toEqual(['dev', 'prod']);
  });

  test('a nested OU target reaches only that branch', () => {
    expect(targets(assignmentsOf([{ group: 'Platform Admins', permissionSets: ['Admin'], organizationalUnits: ['Workloads/Dev'] }]))).toEqual(['dev']);
  });

  test('allAccounts reaches created and existing accounts, the management account too', () => {
    expect(targets(assignmentsOf([{ group: 'Platform Admins', permissionSets: ['Admin'], allAccounts: true }]))).toEqual(['audit', 'dev', 'management', 'prod']);
  });

  test('allAccountsExceptManagement leaves out only the management account', () => {
    expect(targets(assignmentsOf([{ group: 'Platform Admins', permissionSets: ['Admin'], allAccountsExceptManagement: true }]))).toEqual(['audit', 'dev', 'prod']);
  });

  test('one row expands to principal × permission set × account, named by all three', () => {
    const expanded = assignmentsOf([{ user: 'jane.doe@example.com', permissionSets: ['Admin', 'PowerUser'], accounts: ['prod', 'dev'] }]);
    expect(expanded.map((a) => a.address).sort()).toEqual([
      'user_jane_doe_at_example_com__admin__dev',
      'user_jane_doe_at_example_com__admin__prod',
      'user_jane_doe_at_example_com__poweruser__dev',
      'user_jane_doe_at_example_com__poweruser__prod',
    ]);
    expect(expanded.every((a) => a.principalType === 'USER')).toBe(true);
  });

  test('the same grant reached by two targets becomes one assignment', () => {
    const expanded = assignmentsOf([
      { group: 'Platform Admins', permissionSets: ['Admin'], organizationalUnits: ['Workloads'] },
      { group: 'Platform Admins', permissionSets: ['Admin'], accounts: ['prod'] },
    ]);
    expect(expanded.map((a) => a.address).sort()).toEqual(['group_platform_admins__admin__dev', 'group_platform_admins__admin__prod']);
  });
});

describe('default permission sets', () => {
  test('Admin and PowerUser are added with their AWS-managed policies', () => {
    const sets = model(baseConfig()).identityCenter.permissionSets;
    expect(sets.map((s) => s.name)).toEqual(['Admin', 'PowerUser']);
    expect(sets.map((s) => (s.kind === 'managed' ? s.managedPolicyArns : []))).toEqual([
      ['arn:aws:iam::aws:policy/AdministratorAccess'],
      ['arn:aws:iam::aws:policy/PowerUserAccess'],
    ]);
  });

  test('the file can redefine Admin', () => {
    const config: any = baseConfig();
    config.identityCenter.permissionSets = { Admin: { sessionDuration: 'PT2H', managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'] } };
    const admin = model(config).identityCenter.permissionSets.find((s) => s.name === 'Admin');
    expect(admin).toMatchObject({ kind: 'managed', sessionDuration: 'PT2H' });
  });

  test('defaultPermissionSets: false leaves them out, and assigning Admin is then an error', () => {
    const config: any = baseConfig();
    config.identityCenter.defaultPermissionSets = false;
    expect(issues(config).map((i) => i.message)).toContain('permission set "Admin" is not defined');
    config.identityCenter.assignments = [];
    expect(model(config).identityCenter.permissionSets).toEqual([]);
  });
});

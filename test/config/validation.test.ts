import { baseConfig, issues, model, Yamlish } from '../helpers/environment';

type Mutate = (config: any) => void;
const withChange = (mutate: Mutate): Yamlish => {
  const config = baseConfig();
  mutate(config);
  return config;
};
const only = (config: Yamlish) => {
  const found = issues(config);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('environment config validation', () => {
  test('the base test config is valid', () => {
    expect(model(baseConfig()).name).toBe('test');
  });

  test('an unknown key is rejected with a "did you mean", its line and column', () => {
    const text = 'region: eu-west-1\norganization:\n  acounts: {}\n  accounts:\n    m: { id: "111111111111", management: true }\nidentityCenter:\n  mfa: { prompt: every-sign-in }\n';
    const found = issues(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'environments/test.yaml', line: 3, column: 3, path: ['organization', 'acounts'] });
    expect(found[0].message).toBe('unknown key "acounts" (did you mean "accounts"?)');
    expect(found[0].fix).toContain('servicePrincipals, policyTypes, unmanagedPolicyTypes, allowDisabling, organizationalUnits, accounts');
  });

  test('an unknown key inside a permission set suggests the permission set key', () => {
    const found = only(withChange((c) => (c.identityCenter.permissionSets = { Ops: { managedPolicy: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } })));
    expect(found.path).toEqual(['identityCenter', 'permissionSets', 'Ops', 'managedPolicy']);
    expect(found.message).toContain('did you mean "managedPolicies"?');
  });

  test('an assignment naming an undefined group is a dangling reference', () => {
    const found = only(withChange((c) => (c.identityCenter.assignments[0].group = 'Platform Admin')));
    expect(found.path).toEqual(['identityCenter', 'assignments', 0, 'group']);
    expect(found.message).toBe('group "Platform Admin" is not defined (did you mean "Platform Admins"?)');
  });

  test('an assignment naming an undefined permission set lists the defined ones', () => {
    const found = only(withChange((c) => (c.identityCenter.assignments[0].permissionSets = ['Admn'])));
    expect(found.path).toEqual(['identityCenter', 'assignments', 0, 'permissionSets', 0]);
    expect(found.message).toContain('"Admn" is not defined (did you mean "Admin"?)');
    expect(found.fix).toContain('Admin, PowerUser');
  });

  test('an assignment naming an undefined account or OU is rejected', () => {
    const found = issues(withChange((c) => {
      c.identityCenter.assignments[0].accounts = ['prd'];
      c.identityCenter.assignments[0].organizationalUnits = ['Prod'];
    }));
    expect(found.map((i) => i.message)).toEqual([
      'account "prd" is not defined (did you mean "prod"?)',
      'OU "Prod" is not defined (did you mean "Workloads/Prod"?)',
    ]);
  });

  test('an account in an undefined OU is rejected', () => {
    const found = only(withChange((c) => (c.organization.accounts.prod.ou = 'Workloads/Production')));
    expect(found.path).toEqual(['organization', 'accounts', 'prod', 'ou']);
    expect(found.message).toContain('did you mean "Workloads/Prod"?');
  });

  test('two accounts with the same email are duplicates', () => {
    const found = only(withChange((c) => (c.organization.accounts.dev.email = 'AWS-prod@example.com')));
    expect(found.path).toEqual(['organization', 'accounts', 'dev', 'email']);
    expect(found.message).toContain('same email as account "prod"');
  });

  test('an invalid email is rejected', () => {
    const found = only(withChange((c) => (c.organization.accounts.prod.email = 'aws-prod.example.com')));
    expect(found.path).toEqual(['organization', 'accounts', 'prod', 'email']);
    expect(found.message).toContain('must be an email address');
  });

  test('an account ID that is not 12 digits is rejected', () => {
    const found = only(withChange((c) => (c.organization.accounts.audit.id = '22222222222')));
    expect(found.message).toContain('must be exactly 12 digits');
  });

  test('an unquoted account ID is rejected with the fix to quote it', () => {
    const text = 'region: eu-west-1\norganization:\n  accounts:\n    m:\n      id: 111111111111\n      management: true\nidentityCenter:\n  mfa: { prompt: every-sign-in }\n';
    const found = issues(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 5, column: 11 });
    expect(found[0].fix).toBe('quote the value: "111111111111" (YAML reads bare digits as a number)');
  });

  test.each([['Admin Access'], ['A'.repeat(33)], ['Ops/Admin']])('permission set name %p breaks AWS naming rules', (name) => {
    const found = only(withChange((c) => (c.identityCenter.permissionSets = { [name]: {} })));
    expect(found.message).toContain('breaks AWS\'s rules: 1–32 characters');
  });

  test.each([['PT30M'], ['PT13H'], ['1 hour'], ['P1D'], ['PT']])('session duration %p is outside PT1H…PT12H', (duration) => {
    const found = only(withChange((c) => (c.identityCenter.permissionSets = { Ops: { sessionDuration: duration } })));
    expect(found.path).toEqual(['identityCenter', 'permissionSets', 'Ops', 'sessionDuration']);
    expect(found.message).toContain('from PT1H to PT12H');
  });

  test.each([['PT1H'], ['PT12H'], ['PT1H30M'], ['PT90M']])('session duration %p is accepted', (duration) => {
    expect(() => model(withChange((c) => (c.identityCenter.permissionSets = { Ops: { sessionDuration: duration } })))).not.toThrow();
  });

  test('an inline policy that is not valid JSON is rejected with the parser message', () => {
    const found = only(withChange((c) => (c.identityCenter.permissionSets = { Ops: { inlinePolicy: '{"Version": "2012-10-17", "Statement": [}' } })));
    expect(found.path).toEqual(['identityCenter', 'permissionSets', 'Ops', 'inlinePolicy']);
    expect(found.message).toMatch(/^the inline policy is not valid JSON: /);
  });

  test('an inline policy statement without Resource and with a bad Effect is rejected statement by statement', () => {
    const found = issues(withChange((c) => (c.identityCenter.permissionSets = { Ops: { inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Effect: 'allow', Action: 's3:PutObject' }] } } })));
    expect(found.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['identityCenter.permissionSets.Ops.inlinePolicy.Statement.1.Effect', 'Effect must be "Allow" or "Deny"; got "allow"'],
      ['identityCenter.permissionSets.Ops.inlinePolicy.Statement.1', 'the statement has no Resource (or NotResource)'],
    ]);
  });

  test('unreadable YAML is reported with its position', () => {
    const found = issues('region: eu-west-1\norganization:\n  accounts: [unclosed\n');
    expect(found[0].message).toMatch(/^unreadable YAML: /);
    expect(found[0].line).toBeGreaterThanOrEqual(3);
  });

  test('a duplicated key in the YAML is unreadable, not silently overwritten', () => {
    const found = issues('region: eu-west-1\nregion: us-east-1\n');
    expect(found[0].message).toBe('key "region" appears twice in this mapping (first on line 1)');
    expect(found[0].line).toBe(2);
  });

  test('every problem in a file is reported at once', () => {
    const found = issues(withChange((c) => {
      c.organization.accounts.prod.email = 'not-an-email';
      c.identityCenter.assignments[0].group = 'Nobody';
      c.identityCenter.groups['Platform Admins'].members = ['ghost'];
    }));
    // the shape check stops before meaning checks, so only the email shows first…
    expect(found.map((i) => i.path.join('.'))).toEqual(['organization.accounts.prod.email']);
    const meaning = issues(withChange((c) => {
      c.identityCenter.assignments[0].group = 'Nobody';
      c.identityCenter.groups['Platform Admins'].members = ['ghost'];
      c.organization.accounts.dev.ou = 'Nowhere';
    }));
    expect(meaning.map((i) => i.path.join('.')).sort()).toEqual([
      'identityCenter.assignments.0.group',
      'identityCenter.groups.Platform Admins.members.0',
      'organization.accounts.dev.ou',
    ]);
  });

  test('two users whose names give the same Terraform address are rejected', () => {
    const found = only(withChange((c) => (c.identityCenter.users['Jane.Doe@example.com'] = { existing: true })));
    expect(found.message).toBe('user "Jane.Doe@example.com" and user "jane.doe@example.com" both become the Terraform name "jane_doe_at_example_com"');
  });

  test('an account with both id and email is ambiguous', () => {
    const found = only(withChange((c) => (c.organization.accounts.audit.email = 'audit@example.com')));
    expect(found.message).toContain('has both id and email');
  });

  test('a created user without a name is rejected with the field to add', () => {
    const found = only(withChange((c) => delete c.identityCenter.users['jane.doe@example.com'].familyName));
    expect(found.message).toBe('user "jane.doe@example.com" needs familyName');
  });

  test('an existing permission set that declares policies is rejected: they would never apply', () => {
    const found = only(withChange((c) => (c.identityCenter.permissionSets = { CTAdmin: { existing: true, managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } })));
    expect(found.path).toEqual(['identityCenter', 'permissionSets', 'CTAdmin', 'managedPolicies']);
  });

  test('turning MFA off needs a written reason', () => {
    const found = only(withChange((c) => (c.identityCenter.mfa = { prompt: 'never' })));
    expect(found.path).toEqual(['identityCenter', 'mfa']);
    expect(found.fix).toContain('reason');
    expect(() => model(withChange((c) => (c.identityCenter.mfa = { prompt: 'never', reason: 'MFA is enforced by the external IdP (Okta)' })))).not.toThrow();
  });

  test('an assignment needs exactly one principal and a target', () => {
    const found = issues(withChange((c) => (c.identityCenter.assignments = [{ group: 'Platform Admins', user: 'jane.doe@example.com', permissionSets: ['Admin'] }])));
    expect(found.map((i) => i.message)).toEqual([
      'an assignment names exactly one principal: group or user',
      'the assignment has no target',
    ]);
  });

  test('a value outside an enum names the allowed values and the closest', () => {
    const found = only(withChange((c) => (c.identityCenter.mfa = { prompt: 'every-signin' })));
    expect(found.message).toBe('must be one of "every-sign-in", "context-aware", "never"; got "every-signin"');
    expect(found.fix).toContain('did you mean "every-sign-in"?');
  });
});

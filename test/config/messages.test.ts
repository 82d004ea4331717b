/** Every message says where and what to change: a fix line on every shape issue, the right line, the right direction. */
import { ConfigError } from '../../config/issues';
import { baseConfig, issues, load, model, toYaml } from '../helpers/environment';

const BROKEN = [
  'organization: {accounts: {}}\nidentityCenter: {mfa: {prompt: never}}\n',
  'region: 5\norganization: {accounts: {m: {id: 5, management: "yes", name: ""}}}\nidentityCenter: {mfa: {prompt: evry-sign-in}, users: {"": {}}, groups: {G: {members: x}}}\ntags: {"bad key!": v, k: [1], n: ~}\n',
  'region: eu-west-1\norganization: {accounts: {m: {id: "111111111111", management: true}}}\nidentityCenter: {mfa: {prompt: every-sign-in}, permissionSets: {P: {permissionsBoundary: {x: 1}, customerManagedPolicies: [{name: "a b"}], description: ""}}, assignments: [{permissionSets: []}]}\n',
  'region: eu-west-1\nbackend: {type: s4}\norganization: {accounts: {m: {id: "111111111111", management: true}}}\nidentityCenter: {mfa: {prompt: every-sign-in}}\n',
  '',
  '- a list\n',
  'just text\n',
];

describe('messages', () => {
  test.each(BROKEN.map((text, i) => [i, text]))('every issue of broken config %i has a position and a fix', (_, text) => {
    for (const found of issues(text as string)) {
      expect(found.line).toBeGreaterThan(0);
      expect(found.column).toBeGreaterThan(0);
      expect(found.fix).toEqual(expect.any(String));
      expect(found.message).not.toMatch(/Invalid input|Too small|Too big|received/);
    }
  });

  test('a wrong type says what to write, in words, and what was there', () => {
    const found = issues('region: eu-west-1\norganization: {accounts: {m: {id: "111111111111", management: "yes"}}}\nidentityCenter: {mfa: {prompt: every-sign-in}}\n');
    expect(found[0]).toMatchObject({ message: 'must be true or false; got "yes"', fix: 'write true or false, without quotes' });
  });

  test('a missing key points at the line of the mapping that should hold it, and says what to add', () => {
    const found = issues('region: eu-west-1\norganization:\n  accounts:\n    m: { id: "111111111111", management: true }\nidentityCenter:\n  users: {}\n');
    expect(found[0]).toMatchObject({ path: ['identityCenter', 'mfa'], line: 5, column: 1, message: 'is required: a mapping (key: value lines)', fix: 'add mfa: {} here' });
  });

  test('a block list of the wrong type points at its key, not at the line below', () => {
    const found = issues('region: eu-west-1\norganization:\n  accounts:\n    m: { id: "111111111111", management: true }\nidentityCenter:\n  mfa: { prompt: every-sign-in }\n  groups:\n    G:\n      members:\n        a: b\n');
    expect(found[0]).toMatchObject({ path: ['identityCenter', 'groups', 'G', 'members'], line: 9, message: 'must be a list (lines starting with "- "); got a mapping' });
  });

  test('an empty string says to give a value or remove the key', () => {
    const config: any = baseConfig();
    config.organization.accounts.prod.name = '';
    expect(issues(config)[0]).toMatchObject({ message: 'must not be empty; got ""', fix: 'give name a value, or remove the key' });
  });

  test('a dangling reference offers to remove the reference, not only to define the name', () => {
    const config: any = baseConfig();
    config.identityCenter.groups['Platform Admins'].members = ['gone@example.com'];
    expect(issues(config)[0].fix).toBe('define it under identityCenter.users (with existing: true if it exists already), or remove it from members');
    const other: any = baseConfig();
    other.identityCenter.assignments[0].accounts = ['gone'];
    expect(issues(other)[0].fix).toMatch(/^use one of: .*; define it under organization\.accounts; or remove the reference$/);
  });

  test('no issue is printed at :0:0', () => {
    expect(new ConfigError(issues('')).message).not.toContain(':0:0');
  });
});

describe('session durations', () => {
  test.each([['PT3600S', 'PT1H'], ['PT1H0M0S', 'PT1H'], ['PT90M', 'PT1H30M'], ['PT12H', 'PT12H'], ['PT2H30M', 'PT2H30M']])('%s is accepted and read as %s', (written, normal) => {
    const config: any = baseConfig();
    config.identityCenter.permissionSets = { Ops: { sessionDuration: written, managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } };
    const set = model(config).identityCenter.permissionSets.find((s) => s.name === 'Ops') as { sessionDuration: string };
    expect(set.sessionDuration).toBe(normal);
  });

  test.each(['PT59M', 'PT12H1S', 'P1D', '1H', 'PT'])('%s is rejected', (written) => {
    const config: any = baseConfig();
    config.identityCenter.permissionSets = { Ops: { sessionDuration: written } };
    expect(issues(config)[0].message).toContain('must be an ISO-8601 duration from PT1H to PT12H');
  });
});

describe('warnings', () => {
  test('a group one letter away from another, with no members and no assignments, is a warning at its key', () => {
    const config: any = baseConfig();
    config.identityCenter.groups['Platform Admin'] = { description: 'typo?' };
    const text = toYaml(config);
    const result = load(text);
    if (!result.ok) throw new Error('expected a valid config');
    expect(result.ok).toBe(true);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings![0]).toMatchObject({ path: ['identityCenter', 'groups', 'Platform Admin'], message: 'group "Platform Admin" has no members and no assignments, and is one letter away from group "Platform Admins"' });
    expect(result.warnings![0].line).toBe(text.split('\n').findIndex((line) => line.includes('Platform Admin:')) + 1);
  });

  test('an empty group with a distinct name is no warning', () => {
    const config: any = baseConfig();
    config.identityCenter.groups.Auditors = {};
    const result = load(config);
    expect(result.ok && result.warnings).toBeUndefined();
  });
});

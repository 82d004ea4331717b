import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesize } from '../../synth/synthesize';
import { baselineConfig } from '../helpers/baseline';
import { baseConfig, issues, model } from '../helpers/environment';

function renamed(): any {
  const config: any = baseConfig();
  const group = config.identityCenter.groups['Platform Admins'];
  delete config.identityCenter.groups['Platform Admins'];
  config.identityCenter.groups['Platform Engineers'] = group;
  config.identityCenter.assignments[0].group = 'Platform Engineers';
  const prod = config.organization.accounts.prod;
  delete config.organization.accounts.prod;
  config.organization.accounts.production = prod;
  config.identityCenter.assignments[0].accounts = ['production'];
  config.renames = { groups: { 'Platform Admins': 'Platform Engineers' }, accounts: { prod: 'production' } };
  return config;
}

/**
 * Synthesizes the config before and after a rename: in each stack, every address that is new must be
 * moved from exactly one address that is gone, and every gone address moved somewhere — nothing is
 * destroyed and created. Returns the renamed stacks' JSON.
 */
function expectEveryChangedAddressMoved(before: any, after: any, stacks: readonly string[]) {
  const old = synthJson(before);
  const renamed = synthJson(after);
  const addresses = (json: any) => new Set(Object.entries(json.resource as Record<string, object>).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`)));
  for (const stack of stacks) {
    const was = addresses(old(stack));
    const now = addresses(renamed(stack));
    const gone = [...was].filter((address) => !now.has(address)).sort();
    const added = [...now].filter((address) => !was.has(address)).sort();
    const moved: Array<{ from: string; to: string }> = renamed(stack).moved ?? [];
    expect({ stack, to: moved.map((move) => move.to).sort() }).toEqual({ stack, to: added });
    expect({ stack, from: moved.map((move) => move.from).sort() }).toEqual({ stack, from: gone });
    expect(added.length).toBeGreaterThan(0);
  }
  return renamed;
}

function synthJson(config: any) {
  const outdir = mkdtempSync(join(tmpdir(), 'renames-'));
  synthesize([model(config)], outdir);
  return (stack: string) => JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
}

describe('renames written in the config', () => {
  const json = synthJson(renamed());

  test('a renamed group moves with its memberships and assignments', () => {
    expect(json('test-identity-center').moved).toEqual(expect.arrayContaining([
      { from: 'aws_identitystore_group.platform_admins', to: 'aws_identitystore_group.platform_engineers' },
      { from: 'aws_identitystore_group_membership.platform_admins__jane_doe_at_example_com', to: 'aws_identitystore_group_membership.platform_engineers__jane_doe_at_example_com' },
      { from: 'aws_ssoadmin_account_assignment.group_platform_admins__admin__prod', to: 'aws_ssoadmin_account_assignment.group_platform_engineers__admin__production' },
    ]));
    expect(json('test-identity-center').moved).toHaveLength(3);
  });

  test('a renamed account key moves the account', () => {
    expect(json('test-organization').moved).toEqual([{ from: 'aws_organizations_account.prod', to: 'aws_organizations_account.production' }]);
  });

  test('a renamed OU moves with every OU below it', () => {
    const config: any = baseConfig();
    config.organization.organizationalUnits = { Apps: { children: { Prod: {}, Dev: {} } }, Security: {} };
    config.organization.accounts.prod.ou = 'Apps/Prod';
    config.organization.accounts.dev.ou = 'Apps/Dev';
    config.renames = { organizationalUnits: { Workloads: 'Apps' } };
    expect(synthJson(config)('test-organization').moved).toEqual([
      { from: 'aws_organizations_organizational_unit.workloads', to: 'aws_organizations_organizational_unit.apps' },
      { from: 'aws_organizations_organizational_unit.workloads__prod', to: 'aws_organizations_organizational_unit.apps__prod' },
      { from: 'aws_organizations_organizational_unit.workloads__dev', to: 'aws_organizations_organizational_unit.apps__dev' },
    ]);
  });

  test('without renames there are no moved blocks', () => {
    const plain = synthJson(baseConfig());
    expect(plain('test-identity-center').moved).toBeUndefined();
    expect(plain('test-organization').moved).toBeUndefined();
  });

  test('a rename whose old name is still defined, or whose new name is not, is rejected', () => {
    const config: any = baseConfig();
    config.renames = { groups: { 'Platform Admins': 'Platform Engineers' } };
    expect(issues(config).map((i) => i.message)).toEqual([
      'rename target "Platform Engineers" is not defined under identityCenter.groups',
      '"Platform Admins" is renamed but still defined under identityCenter.groups',
    ]);
  });

  test('an IAM user, an IAM group, an SCP, an OU and a baselined member account renamed at once: every baseline address moves, none is destroyed', () => {
    const before: any = baselineConfig();
    before.baseline.iamGroups = { Auditors: { managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } };
    before.baseline.iamUsers['IAM-Administrator'].groups = ['Administrators', 'Auditors'];
    before.baseline.iamUsers['IAM-Administrator'].accounts = ['management', 'prod'];
    const after: any = structuredClone(before);
    after.organization.organizationalUnits = { Apps: { children: { Prod: {}, Dev: {} } }, Security: {} };
    after.organization.accounts.production = { ...after.organization.accounts.prod, ou: 'Apps/Prod' };
    delete after.organization.accounts.prod;
    after.organization.accounts.dev.ou = 'Apps/Dev';
    after.identityCenter.assignments[0].accounts = ['production'];
    after.baseline.accounts.production = after.baseline.accounts.prod;
    delete after.baseline.accounts.prod;
    after.baseline.iamGroups = { Reviewers: after.baseline.iamGroups.Auditors };
    after.baseline.iamUsers['Break-Glass'] = { ...after.baseline.iamUsers['IAM-Administrator'], groups: ['Administrators', 'Reviewers'], accounts: ['management', 'production'] };
    delete after.baseline.iamUsers['IAM-Administrator'];
    after.baseline.serviceControlPolicies['protect-baseline'] = { ...after.baseline.serviceControlPolicies['protect-identity-baseline'], targets: ['Apps', 'Apps/Prod'] };
    delete after.baseline.serviceControlPolicies['protect-identity-baseline'];
    after.renames = {
      accounts: { prod: 'production' },
      organizationalUnits: { Workloads: 'Apps' },
      iamUsers: { 'IAM-Administrator': 'Break-Glass' },
      iamGroups: { Auditors: 'Reviewers' },
      serviceControlPolicies: { 'protect-identity-baseline': 'protect-baseline' },
    };
    const renamed = expectEveryChangedAddressMoved(before, after, ['test-baseline', 'test-organization']);
    expect(renamed('test-baseline').moved).toEqual(
      expect.arrayContaining([
        { from: 'aws_iam_user.iam-administrator', to: 'aws_iam_user.break-glass' },
        { from: 'aws_iam_user_login_profile.prod__iam-administrator', to: 'aws_iam_user_login_profile.production__break-glass' },
        { from: 'aws_iam_group_policy_attachment.auditors__readonlyaccess', to: 'aws_iam_group_policy_attachment.reviewers__readonlyaccess' },
        { from: 'aws_iam_account_password_policy.prod__password_policy', to: 'aws_iam_account_password_policy.production__password_policy' },
      ]),
    );
    expect(renamed('test-organization').moved).toEqual(
      expect.arrayContaining([
        { from: 'aws_organizations_policy.protect-identity-baseline', to: 'aws_organizations_policy.protect-baseline' },
        { from: 'aws_organizations_policy_attachment.protect-identity-baseline__workloads__prod', to: 'aws_organizations_policy_attachment.protect-baseline__apps__prod' },
      ]),
    );
  });

  test('renames of baseline names are checked like the others', () => {
    const config: any = baselineConfig();
    config.renames = { iamUsers: { 'IAM-Administrator': 'Break-Glass' }, serviceControlPolicies: { 'deny-root': 'deny-root-user' } };
    expect(issues(config).map((i) => i.message)).toEqual([
      'rename target "Break-Glass" is not defined under baseline.iamUsers',
      '"IAM-Administrator" is renamed but still defined under baseline.iamUsers',
    ]);
  });

  /** A baseline with an extra group and the user in the management account and the baselined member account `prod`. */
  function withMemberAccount(): any {
    const config: any = baselineConfig();
    config.baseline.iamGroups = { Auditors: { managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } };
    config.baseline.iamUsers['IAM-Administrator'].groups = ['Administrators', 'Auditors'];
    config.baseline.iamUsers['IAM-Administrator'].accounts = ['management', 'prod'];
    return config;
  }

  test('an IAM group renamed alone moves in the management account and in every member account', () => {
    const before = withMemberAccount();
    const after: any = structuredClone(before);
    after.baseline.iamGroups = { Reviewers: before.baseline.iamGroups.Auditors };
    after.baseline.iamUsers['IAM-Administrator'].groups = ['Administrators', 'Reviewers'];
    after.renames = { iamGroups: { Auditors: 'Reviewers' } };
    const renamed = expectEveryChangedAddressMoved(before, after, ['test-baseline']);
    expect(renamed('test-baseline').moved).toContainEqual({ from: 'aws_iam_group_policy_attachment.prod__auditors__require_mfa', to: 'aws_iam_group_policy_attachment.prod__reviewers__require_mfa' });
  });

  test('an IAM user renamed alone moves in the management account and in every member account', () => {
    const before = withMemberAccount();
    const after: any = structuredClone(before);
    after.baseline.iamUsers = { 'Break-Glass': before.baseline.iamUsers['IAM-Administrator'] };
    after.renames = { iamUsers: { 'IAM-Administrator': 'Break-Glass' } };
    const renamed = expectEveryChangedAddressMoved(before, after, ['test-baseline']);
    expect(renamed('test-baseline').moved).toContainEqual({ from: 'aws_iam_user_login_profile.prod__iam-administrator', to: 'aws_iam_user_login_profile.prod__break-glass' });
  });

  test('a management-account group named like a renamed member account is not taken for that account', () => {
    const before = withMemberAccount();
    before.organization.accounts.aud = { ...before.organization.accounts.audit };
    delete before.organization.accounts.audit;
    before.baseline.accounts.aud = {};
    before.baseline.iamGroups = { Audit: { managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } };
    before.baseline.iamUsers['IAM-Administrator'].groups = ['Administrators', 'Audit'];
    const after: any = structuredClone(before);
    after.organization.accounts.audit = after.organization.accounts.aud;
    delete after.organization.accounts.aud;
    after.baseline.accounts.audit = {};
    delete after.baseline.accounts.aud;
    after.renames = { accounts: { aud: 'audit' } };
    const renamed = expectEveryChangedAddressMoved(before, after, ['test-baseline']);
    const moved: Array<{ from: string; to: string }> = renamed('test-baseline').moved;
    expect(moved.filter((move) => move.to.endsWith('.audit__readonlyaccess') || move.from.endsWith('.aud__readonlyaccess'))).toEqual([]);
    expect(moved).toContainEqual({ from: 'aws_iam_group_policy_attachment.aud__audit__readonlyaccess', to: 'aws_iam_group_policy_attachment.audit__audit__readonlyaccess' });
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesize } from '../../synth/synthesize';
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
});

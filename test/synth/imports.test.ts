import { changesOf } from '../helpers/adoption';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportMap } from '../../config/import-map';
import { synthesize } from '../../synth/synthesize';
import { formatSummary } from '../../synth/summary';
import { baselineConfig } from '../helpers/baseline';
import { baseConfig, model } from '../helpers/environment';

const ORG = 'test-organization';
const IC = 'test-identity-center';
const INSTANCE = 'arn:aws:sso:::instance/ssoins-1111111111111111';
const ADMIN_ARN = 'arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-aaaaaaaaaaaaaaaa';

function importMap(): ImportMap {
  return {
    version: 1,
    stacks: {
      [ORG]: {
        'aws_organizations_organization.organization': { id: 'o-abc123', observed: { feature_set: 'ALL', aws_service_access_principals: ['iam.amazonaws.com', 'sso.amazonaws.com'], enabled_policy_types: ['SERVICE_CONTROL_POLICY'] }, known: {} },
        'aws_organizations_account.prod': { id: '333333333333', observed: { name: 'Prod', email: 'aws-prod@example.com' }, known: {} },
        // Renamed in the config: the account key was "production" when discovered.
        'aws_organizations_account.development': { id: '444444444444', observed: { name: 'Dev', email: 'aws-dev@example.com' }, known: {} },
        'aws_organizations_account.sandbox': { id: '555555555555', observed: { name: 'Sandbox', email: 'aws-sandbox@example.com' }, known: {} },
      },
      [IC]: {
        'aws_ssoadmin_permission_set.admin': { id: `${ADMIN_ARN},${INSTANCE}`, observed: { name: 'Admin', session_duration: 'PT1H' }, known: { arn: ADMIN_ARN } },
        'aws_identitystore_group.platform_admins': { id: 'd-1234567890/group-1', observed: { display_name: 'Platform Admins' }, known: { group_id: 'group-1' } },
        'aws_ssoadmin_account_assignment.group_platform_admins__admin__prod': {
          id: `group-1,GROUP,333333333333,AWS_ACCOUNT,${ADMIN_ARN},${INSTANCE}`,
          observed: { principal_id: 'group-1', principal_type: 'GROUP', target_id: '333333333333', target_type: 'AWS_ACCOUNT', permission_set_arn: ADMIN_ARN },
          known: {},
        },
      },
    },
  };
}

function run(map: ImportMap, change?: (config: any) => void) {
  const config: any = baseConfig();
  change?.(config);
  const environment = { ...model(config), imports: map };
  const outdir = mkdtempSync(join(tmpdir(), 'imports-'));
  const [result] = synthesize([environment], outdir);
  const json = (stack: string) => JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
  return { result, organization: json(ORG), identityCenter: json(IC) };
}

describe('import blocks from the import map', () => {
  const { result, organization, identityCenter } = run(importMap());

  test('every resource with an entry gets an import block with the documented ID', () => {
    expect(organization.import).toEqual(expect.arrayContaining([
      { to: 'aws_organizations_organization.organization', id: 'o-abc123' },
      { to: 'aws_organizations_account.prod', id: '333333333333' },
    ]));
    expect(identityCenter.import).toEqual(expect.arrayContaining([
      { to: 'aws_ssoadmin_permission_set.admin', id: `${ADMIN_ARN},${INSTANCE}` },
      { to: 'aws_ssoadmin_account_assignment.group_platform_admins__admin__prod', id: `group-1,GROUP,333333333333,AWS_ACCOUNT,${ADMIN_ARN},${INSTANCE}` },
    ]));
  });

  test('an entry whose address was renamed in the config becomes a moved block, matched by the account email', () => {
    expect(organization.moved).toEqual([{ from: 'aws_organizations_account.development', to: 'aws_organizations_account.dev' }]);
    expect(result.imports?.stacks.find((s) => s.stack === ORG)?.moved).toEqual([{ from: 'aws_organizations_account.development', to: 'aws_organizations_account.dev' }]);
  });

  test('entries nothing uses and resources without entries are listed', () => {
    const org = result.imports!.stacks.find((s) => s.stack === ORG)!;
    expect(org.unusedEntries).toEqual(['aws_organizations_account.sandbox']);
    const ic = result.imports!.stacks.find((s) => s.stack === IC)!;
    expect(ic.withoutEntry).toEqual(expect.arrayContaining(['aws_identitystore_user.jane_doe_at_example_com', 'aws_ssoadmin_permission_set.poweruser']));
    const summary = formatSummary([result]);
    expect(summary).toContain('    unused  aws_organizations_account.sandbox (test-organization): exists in AWS, not in this config');
    expect(summary).toContain('    moved   aws_organizations_account.development → aws_organizations_account.dev (test-organization)');
  });

  test('with AWS and config in agreement the zero-diff check reports nothing', () => {
    expect(changesOf(result)).toEqual([]);
    expect(formatSummary([result])).toContain('zero-diff: what AWS has matches the config for every imported resource');
  });

  test('a drifted attribute is reported by name, and an assignment difference as a replacement', () => {
    const map = importMap();
    map.stacks[IC]['aws_ssoadmin_permission_set.admin'].observed.session_duration = 'PT4H';
    map.stacks[IC]['aws_ssoadmin_account_assignment.group_platform_admins__admin__prod'].observed.principal_id = 'group-2';
    const { result: drifted } = run(map);
    expect(changesOf(drifted)).toEqual([
      { stack: IC, address: 'aws_ssoadmin_account_assignment.group_platform_admins__admin__prod', attribute: 'principal_id', aws: 'group-2', config: 'group-1', consequence: 'replace' },
      { stack: IC, address: 'aws_ssoadmin_permission_set.admin', attribute: 'session_duration', aws: 'PT4H', config: 'PT1H', consequence: 'update' },
    ]);
    expect(formatSummary([drifted])).toContain('    REPLACE aws_ssoadmin_account_assignment.group_platform_admins__admin__prod.principal_id: AWS has "group-2", config sets "group-1" (test-identity-center)');
  });

  test('a description AWS has and the config leaves out is reported with the warning that AWS cannot remove it', () => {
    const map = importMap();
    map.stacks[IC]['aws_ssoadmin_permission_set.admin'].observed.description = 'Made in the console';
    const { result: described } = run(map, (c) => (c.identityCenter.permissionSets = { Admin: { managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'] } }));
    expect(changesOf(described)).toEqual([{ stack: IC, address: 'aws_ssoadmin_permission_set.admin', attribute: 'description', aws: 'Made in the console', config: null, consequence: 'update' }]);
    expect(formatSummary([described])).toContain(
      `    update  aws_ssoadmin_permission_set.admin.description: AWS has "Made in the console", config sets null (${IC}); AWS cannot remove a permission set's description, so this update recurs on every plan: keep the description in the config`,
    );
  });

  test('default tags count as tags the first apply would add', () => {
    const map = importMap();
    map.stacks[ORG]['aws_organizations_account.prod'].observed.tags = {};
    const { result: tagged } = run(map, (c) => (c.tags = { Project: 'identity' }));
    expect(changesOf(tagged)).toEqual([
      { stack: ORG, address: 'aws_organizations_account.prod', attribute: 'tags', aws: {}, config: { Project: 'identity' }, consequence: 'update' },
    ]);
  });
});

test('a resource in a member account is imported through that account\'s provider', () => {
  const config = baselineConfig();
  const map: ImportMap = {
    version: 1,
    stacks: { 'test-baseline': { 'aws_iam_account_alias.prod__alias': { id: 'example-test-prod', observed: { account_alias: 'example-test-prod' }, known: {} }, 'aws_iam_account_alias.alias': { id: 'example-test-management', observed: {}, known: {} } } },
  };
  const outdir = mkdtempSync(join(tmpdir(), 'member-import-'));
  synthesize([{ ...model(config), imports: map }], outdir);
  const baseline = JSON.parse(readFileSync(join(outdir, 'stacks', 'test-baseline', 'cdk.tf.json'), 'utf8'));
  expect(baseline.import).toEqual([
    { id: 'example-test-management', to: 'aws_iam_account_alias.alias' },
    { provider: 'aws.prod', id: 'example-test-prod', to: 'aws_iam_account_alias.prod__alias' },
  ]);
  expect(baseline.resource.aws_iam_account_alias.prod__alias.provider).toBe('aws.prod');
});

/** Renames nobody declared: detected ones move every dependent with them; likely ones get the renames: entry that would move them. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportMap } from '../../config/import-map';
import { formatSummary } from '../../synth/summary';
import { synthesize } from '../../synth/synthesize';
import { changesOf } from '../helpers/adoption';
import { baseConfig, model, toYaml } from '../helpers/environment';

/** The 1-based line of the first line of `text` that starts with `start` (after its indentation is matched). */
const lineOf = (text: string, start: string) => text.split('\n').findIndex((line) => line.trimStart().startsWith(start.trimStart()) && line.startsWith(' ')) + 1;

const ORG = 'test-organization';
const IC = 'test-identity-center';
const INSTANCE = 'arn:aws:sso:::instance/ssoins-1111111111111111';
const ADMIN = 'arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-aaaaaaaaaaaaaaaa';
const assignmentId = (principal: string, account: string) => `${principal},GROUP,${account},AWS_ACCOUNT,${ADMIN},${INSTANCE}`;

/** What discovery found: the base config's estate under the names it had then (group Platform Admins, the dev account's key). */
function discovered(devKey: string): ImportMap {
  const assignment = (account: string) => ({
    id: assignmentId('group-1', account),
    observed: { instance_arn: INSTANCE, principal_id: 'group-1', principal_type: 'GROUP', target_id: account, target_type: 'AWS_ACCOUNT', permission_set_arn: ADMIN },
    known: {},
  });
  return {
    version: 1,
    stacks: {
      [ORG]: {
        'aws_organizations_account.prod': { id: '333333333333', observed: { name: 'Prod', email: 'aws-prod@example.com' }, known: {} },
        [`aws_organizations_account.${devKey}`]: { id: '444444444444', observed: { name: 'Dev', email: 'aws-dev@example.com' }, known: {} },
      },
      [IC]: {
        'aws_ssoadmin_permission_set.admin': { id: `${ADMIN},${INSTANCE}`, observed: { name: 'Admin' }, known: { arn: ADMIN } },
        'aws_identitystore_group.platform_admins': { id: 'd-1/group-1', observed: { display_name: 'Platform Admins' }, known: { group_id: 'group-1' } },
        'aws_identitystore_user.jane_doe_at_example_com': { id: 'd-1/user-1', observed: { user_name: 'jane.doe@example.com' }, known: { user_id: 'user-1' } },
        'aws_identitystore_group_membership.platform_admins__jane_doe_at_example_com': { id: 'd-1/m-1', observed: { group_id: 'group-1', member_id: 'user-1' }, known: {} },
        'aws_ssoadmin_account_assignment.group_platform_admins__admin__prod': assignment('333333333333'),
        [`aws_ssoadmin_account_assignment.group_platform_admins__admin__${devKey}`]: assignment('444444444444'),
      },
    },
    lookups: { [IC]: { 'data.aws_ssoadmin_instances.identity_center': { arns: INSTANCE, identity_store_ids: 'd-1' } } },
  };
}

function run(change: (config: any) => void, devKey = 'dev') {
  const config: any = baseConfig();
  config.identityCenter.assignments[0].accounts = ['prod', 'dev'];
  change(config);
  const outdir = mkdtempSync(join(tmpdir(), 'detected-renames-'));
  const [result] = synthesize([{ ...model(config), imports: discovered(devKey) }], outdir);
  const json = (stack: string) => JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
  const stack = (name: string) => result.imports!.stacks.find((candidate) => candidate.stack === name)!;
  return { result, json, config, organization: stack(ORG), identityCenter: stack(IC) };
}

describe('an account key renamed without renames:', () => {
  const { result, organization, identityCenter } = run(() => undefined, 'development');

  test('the account is found by its email and moved', () => {
    expect(organization.moved).toEqual([{ from: 'aws_organizations_account.development', to: 'aws_organizations_account.dev' }]);
  });

  test('its assignments move with it, in the other stack, instead of being created', () => {
    expect(identityCenter.moved).toEqual([{ from: 'aws_ssoadmin_account_assignment.group_platform_admins__admin__development', to: 'aws_ssoadmin_account_assignment.group_platform_admins__admin__dev' }]);
    expect(identityCenter.withoutEntry.filter((address) => address.includes('assignment'))).toEqual([]);
    expect(identityCenter.unusedEntries).toEqual([]);
  });

  test('the moved assignment compares equal: its target resolves through the old key', () => {
    expect(changesOf(result).filter((d) => d.address.includes('assignment'))).toEqual([]);
  });
});

describe('a group renamed without renames:', () => {
  const rename = (config: any) => {
    config.identityCenter.groups['Platform Engineers'] = config.identityCenter.groups['Platform Admins'];
    delete config.identityCenter.groups['Platform Admins'];
    config.identityCenter.assignments[0].group = 'Platform Engineers';
  };

  test('synth names the renames: entry that would move it and its membership and assignments', () => {
    const { result, identityCenter, config } = run(rename);
    expect(identityCenter.renameHints).toEqual([{
      stack: IC,
      entry: 'renames: { groups: { "Platform Admins": "Platform Engineers" } }',
      yaml: 'renames:\n  groups:\n    Platform Admins: Platform Engineers\n',
      file: 'environments/test.yaml',
      line: lineOf(toYaml(config), '  Platform Engineers:'),
      renamesLine: undefined,
      from: 'aws_identitystore_group.platform_admins',
      to: 'aws_identitystore_group.platform_engineers',
      because: 'same assignments, same members',
      dependents: 3,
    }]);
    expect(formatSummary([result])).toContain(
      'hint    aws_identitystore_group.platform_admins → aws_identitystore_group.platform_engineers looks like a rename (same assignments, same members): add renames: { groups: { "Platform Admins": "Platform Engineers" } } to move it and 3 more instead of creating them',
    );
    expect(formatSummary([result])).toContain(
      `environments/test.yaml:${lineOf(toYaml(config), '  Platform Engineers:')} defines aws_identitystore_group.platform_engineers; add to environments/test.yaml (top level):\n              renames:\n                groups:\n                  Platform Admins: Platform Engineers`,
    );
  });

  test('with that entry every creation becomes a move, and there is no hint', () => {
    const { identityCenter } = run((config) => {
      rename(config);
      config.renames = { groups: { 'Platform Admins': 'Platform Engineers' } };
    });
    expect(identityCenter.withoutEntry.filter((address) => !/poweruser|administratoraccess/.test(address))).toEqual([]);
    expect(identityCenter.unusedEntries).toEqual([]);
    expect(identityCenter.renameHints).toEqual([]);
    expect(identityCenter.moved.map((move) => move.to).sort()).toEqual([
      'aws_identitystore_group.platform_engineers',
      'aws_identitystore_group_membership.platform_engineers__jane_doe_at_example_com',
      'aws_ssoadmin_account_assignment.group_platform_engineers__admin__dev',
      'aws_ssoadmin_account_assignment.group_platform_engineers__admin__prod',
    ]);
  });
});

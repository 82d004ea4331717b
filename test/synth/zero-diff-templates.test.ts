/**
 * The zero-diff check compares what AWS has with the text the config wrote, not with its escaped form
 * in cdk.tf.json (`$${`, `%%{`): found by the hostile test environment of test/terraform/.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportMap } from '../../config/import-map';
import { synthesize } from '../../synth/synthesize';
import { baseConfig, model } from '../helpers/environment';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-1111111111111111';
const SET = 'arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-aaaaaaaaaaaaaaaa';

function differences(description: string, observed: string) {
  const config = baseConfig() as any;
  config.identityCenter.permissionSets = { Admin: { description, managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'] } };
  config.identityCenter.groups['Platform Admins'].description = description;
  const map: ImportMap = {
    version: 1,
    stacks: {
      'test-identity-center': {
        'aws_ssoadmin_permission_set.admin': { id: `${SET},${INSTANCE}`, observed: { name: 'Admin', description: observed }, known: { arn: SET } },
        'aws_identitystore_group.platform_admins': { id: 'd-1234567890/group-1', observed: { display_name: 'Platform Admins', description: observed }, known: { group_id: 'group-1' } },
      },
    },
  };
  const [result] = synthesize([{ ...model(config), imports: map }], mkdtempSync(join(tmpdir(), 'zero-diff-')));
  return result.imports!.differences.map(({ address, attribute, aws, config: configured }) => ({ address, attribute, aws, config: configured }));
}

test('text with policy variables and %{ that AWS has as written is no difference', () => {
  expect(differences('Team ${aws:username} %{ if } "q" \\', 'Team ${aws:username} %{ if } "q" \\')).toEqual([]);
  expect(differences('Run the estate %{ if } \\ "q"', 'Run the estate %{ if } \\ "q"')).toEqual([]);
});

test('a real difference in such text is reported with the text as the config wrote it', () => {
  expect(differences('Team ${aws:username} %{x}', 'Team ${aws:userid} %{x}')).toEqual([
    { address: 'aws_identitystore_group.platform_admins', attribute: 'description', aws: 'Team ${aws:userid} %{x}', config: 'Team ${aws:username} %{x}' },
    { address: 'aws_ssoadmin_permission_set.admin', attribute: 'description', aws: 'Team ${aws:userid} %{x}', config: 'Team ${aws:username} %{x}' },
  ]);
});

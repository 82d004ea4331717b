/** `terraform_remote_state` reads the organization stack's state in the current workspace. */
import { baselineConfig } from '../helpers/baseline';
import { dataSource, synth } from '../helpers/environment';

test('the workspace is the expression terraform.workspace, not the escaped text "$${terraform.workspace}"', () => {
  const stacks = synth(baselineConfig());
  for (const json of [stacks.identityCenter, stacks.baseline!]) {
    // Escaped, Terraform would look for a workspace literally named "${terraform.workspace}" and fail
    // with "Unable to find remote state" (found by the real plan in test/terraform/).
    expect(dataSource(json, 'terraform_remote_state', 'organization')).toMatchObject({ backend: 'local', workspace: '${terraform.workspace}' });
  }
});

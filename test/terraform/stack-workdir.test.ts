/** The Terraform tests' copy of a stack differs from the synthesized one only where the README says. */
import { baselineConfig } from '../helpers/baseline';
import { synth } from '../helpers/environment';
import { appliedOutputs, stateWithOutputs, workingCopy, type StackJson } from './stack-workdir';

const ENDPOINT = 'http://127.0.0.1:4566';

function s3Stacks() {
  return synth({ ...baselineConfig(), backend: { type: 's3', bucket: 'example-state', keyPrefix: 'foundation/test' } }) as unknown as Record<'organization' | 'identityCenter' | 'baseline', StackJson>;
}

test('only the provider version, the provider settings for the stand-in and the backend change', () => {
  const { baseline } = s3Stacks();
  const copy = workingCopy(baseline, { stackName: 'test-baseline', awsVersion: '5.100.0', endpoint: ENDPOINT });
  const { terraform, provider, data, ...rest } = copy;
  const { terraform: originalTerraform, provider: originalProvider, data: originalData, ...originalRest } = baseline;
  expect(rest).toEqual(originalRest);
  expect(terraform).toEqual({ ...originalTerraform, required_providers: { aws: { ...originalTerraform.required_providers!.aws, version: '5.100.0' } }, backend: { local: { path: '../../../terraform.test-baseline.tfstate' } } });
  expect(provider!.aws!.length).toBe(originalProvider!.aws!.length);
  provider!.aws!.forEach((block, index) => {
    const { skip_credentials_validation, skip_requesting_account_id, skip_metadata_api_check, endpoints, ...kept } = block;
    expect(kept).toEqual(originalProvider!.aws![index]);
    expect([skip_credentials_validation, skip_requesting_account_id, skip_metadata_api_check]).toEqual([true, true, true]);
    expect(endpoints).toEqual([expect.objectContaining({ ssoadmin: ENDPOINT, identitystore: ENDPOINT, sts: ENDPOINT, iam: ENDPOINT, organizations: ENDPOINT })]);
  });
  expect(data!.terraform_remote_state.organization).toEqual({ ...originalData!.terraform_remote_state.organization, backend: 'local', config: { path: '../../../terraform.test-organization.tfstate' } });
});

test('the pinned provider version is kept when the mirror has it', () => {
  const { organization } = s3Stacks();
  expect(workingCopy(organization, { stackName: 'test-organization', endpoint: ENDPOINT }).terraform.required_providers?.aws?.version).toBe('6.25.0');
});

test('the applied organization outputs keep existing account IDs and give created accounts well-formed ones', () => {
  const { organization } = s3Stacks();
  const outputs = appliedOutputs(organization) as { account_ids: Record<string, string>; organization_id: string; root_id: string };
  expect(outputs.account_ids.management).toBe('111111111111');
  expect(outputs.account_ids.audit).toBe('222222222222');
  expect(outputs.account_ids.prod).toMatch(/^\d{12}$/);
  expect(outputs.organization_id).toMatch(/^o-[a-z0-9]{10,32}$/);
  expect(outputs.root_id).toMatch(/^r-[0-9a-z]{4,32}$/);
  const state = JSON.parse(stateWithOutputs(outputs, '1.11.4'));
  expect(state).toMatchObject({ version: 4, terraform_version: '1.11.4', resources: [] });
  expect(state.outputs.account_ids).toEqual({ value: outputs.account_ids, type: ['map', 'string'] });
});

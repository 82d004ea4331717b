/** Every stack states the Terraform version its features need (`terraform.required_version`). */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requiredTerraformVersion } from '../../stacks/terraform-version';
import { synthesize } from '../../synth/synthesize';
import { baselineConfig } from '../helpers/baseline';
import { baseConfig, model, synth } from '../helpers/environment';

const requiredVersion = (json: unknown) => (json as { terraform: { required_version?: string } }).terraform.required_version;

test('a stack with local state and no imports needs what cdktf needs: Terraform 1.2, below 2.0', () => {
  const stacks = synth(baselineConfig());
  expect(requiredVersion(stacks.organization)).toBe('>= 1.2.0, < 2.0.0');
  expect(requiredVersion(stacks.identityCenter)).toBe('>= 1.2.0, < 2.0.0');
  expect(requiredVersion(stacks.baseline)).toBe('>= 1.2.0, < 2.0.0');
});

test('S3 state with native locking needs Terraform 1.11 in every stack of the environment', () => {
  const config = { ...baselineConfig(), backend: { type: 's3', bucket: 'example-state', keyPrefix: 'foundation/test' } };
  const stacks = synth(config);
  for (const json of [stacks.organization, stacks.identityCenter, stacks.baseline]) expect(requiredVersion(json)).toBe('>= 1.11.0, < 2.0.0');
});

test('S3 state without the lockfile does not raise the version', () => {
  const stacks = synth({ ...baseConfig(), backend: { type: 's3', bucket: 'example-state', keyPrefix: 'foundation/test', useLockfile: false } });
  expect(requiredVersion(stacks.organization)).toBe('>= 1.2.0, < 2.0.0');
});

test('import blocks raise the version to 1.5 in the stack that has them, and only there', () => {
  const instance = 'arn:aws:sso:::instance/ssoins-1111111111111111';
  const admin = 'arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-aaaaaaaaaaaaaaaa';
  const environment = {
    ...model(baseConfig()),
    imports: { version: 1 as const, stacks: { 'test-identity-center': { 'aws_ssoadmin_permission_set.admin': { id: `${admin},${instance}`, observed: { name: 'Admin' }, known: { arn: admin } } } } },
  };
  const outdir = mkdtempSync(join(tmpdir(), 'required-version-'));
  synthesize([environment], outdir);
  const read = (stack: string) => JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as unknown;
  expect(requiredVersion(read('test-identity-center'))).toBe('>= 1.5.0, < 2.0.0');
  expect(requiredVersion(read('test-organization'))).toBe('>= 1.2.0, < 2.0.0');
});

test('the newest feature decides, in any order', () => {
  expect(requiredTerraformVersion([])).toBe('>= 1.2.0, < 2.0.0');
  expect(requiredTerraformVersion(['import-blocks', 's3-native-locking'])).toBe('>= 1.11.0, < 2.0.0');
  expect(requiredTerraformVersion(['s3-native-locking', 'import-blocks'])).toBe('>= 1.11.0, < 2.0.0');
});

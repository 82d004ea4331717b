import { baseConfig, resource, synth, namesOf } from '../helpers/environment';

describe('organization stack', () => {
  const { organization } = synth(baseConfig());

  test('the organization has all features and trusted access for Identity Center and IAM', () => {
    const org = resource(organization, 'aws_organizations_organization', 'organization');
    expect(org.feature_set).toBe('ALL');
    expect(org.aws_service_access_principals).toEqual(expect.arrayContaining(['sso.amazonaws.com', 'iam.amazonaws.com']));
    expect(org.enabled_policy_types).toEqual(['SERVICE_CONTROL_POLICY']);
  });

  test('the organization is protected from destroy', () => {
    expect(resource(organization, 'aws_organizations_organization', 'organization').lifecycle).toEqual({ prevent_destroy: true });
  });

  test('OUs are nested under their parents, top-level ones under the root', () => {
    expect(namesOf(organization, 'aws_organizations_organizational_unit')).toEqual(['security', 'workloads', 'workloads__dev', 'workloads__prod']);
    expect(resource(organization, 'aws_organizations_organizational_unit', 'workloads').parent_id).toBe('${aws_organizations_organization.organization.roots[0].id}');
    expect(resource(organization, 'aws_organizations_organizational_unit', 'workloads__prod')).toMatchObject({
      name: 'Prod',
      parent_id: '${aws_organizations_organizational_unit.workloads.id}',
    });
  });

  test('created accounts are never closed and never replaced over create-only arguments', () => {
    expect(resource(organization, 'aws_organizations_account', 'prod')).toMatchObject({
      name: 'Prod',
      email: 'aws-prod@example.com',
      parent_id: '${aws_organizations_organizational_unit.workloads__prod.id}',
      close_on_deletion: false,
      lifecycle: { prevent_destroy: true, ignore_changes: ['role_name', 'iam_user_access_to_billing'] },
    });
  });

  test('accounts referenced by ID are not created', () => {
    expect(namesOf(organization, 'aws_organizations_account')).toEqual(['dev', 'prod']);
  });

  test('account IDs are an output keyed by config name, literal for existing accounts', () => {
    expect(organization.output?.account_ids.value).toEqual({
      management: '111111111111',
      prod: '${aws_organizations_account.prod.id}',
      dev: '${aws_organizations_account.dev.id}',
      audit: '222222222222',
    });
  });

  test('the state is a local file per stack by default', () => {
    expect(organization.terraform?.backend).toEqual({ local: { path: '../../../terraform.test-organization.tfstate' } });
  });

  test('an S3 backend gets its own key per stack and S3-native locking', () => {
    const config: any = baseConfig();
    config.backend = { type: 's3', bucket: 'example-tf-state', keyPrefix: 'identity/prod', region: 'eu-central-1' };
    const stacks = synth(config);
    expect(stacks.organization.terraform?.backend?.s3).toEqual({ bucket: 'example-tf-state', key: 'identity/prod/test-organization.tfstate', region: 'eu-central-1', encrypt: true, use_lockfile: true });
    expect(stacks.identityCenter.terraform?.backend?.s3).toMatchObject({ key: 'identity/prod/test-identity-center.tfstate' });
  });

  test('environment tags become the provider default tags', () => {
    const config: any = baseConfig();
    config.tags = { Project: 'identity' };
    expect(synth(config).organization.provider?.aws[0]).toMatchObject({ region: 'eu-west-1', default_tags: [{ tags: { Project: 'identity' } }] });
  });
});

import { baseConfig, dataSource, namesOf, resource, synth } from '../helpers/environment';

const INSTANCE_ARN = '${element(tolist(data.aws_ssoadmin_instances.identity_center.arns), 0)}';
const IDENTITY_STORE = '${element(tolist(data.aws_ssoadmin_instances.identity_center.identity_store_ids), 0)}';

function richConfig(): any {
  const config: any = baseConfig();
  config.identityCenter.permissionSets = {
    Auditor: {
      description: 'Audits',
      sessionDuration: 'PT2H',
      relayState: 'https://console.aws.amazon.com/securityhub/home',
      managedPolicies: ['arn:aws:iam::aws:policy/SecurityAudit'],
      customerManagedPolicies: [{ name: 'AuditExtras', path: '/security/' }],
      inlinePolicy: { Version: '2012-10-17', Statement: { Effect: 'Deny', Action: 's3:GetObject', Resource: '*' } },
      permissionsBoundary: { customerManagedPolicy: { name: 'Boundary' } },
      tags: { Risk: 'low' },
    },
    CTAdmin: { existing: true },
  };
  config.identityCenter.users['okta.user@example.com'] = { existing: true };
  config.identityCenter.groups['Okta Engineers'] = { existing: true, members: ['jane.doe@example.com'] };
  config.identityCenter.groups.Auditors = { members: ['okta.user@example.com'] };
  config.identityCenter.accessControlAttributes = { CostCenter: ['${path:enterprise.costCenter}'] };
  config.identityCenter.assignments = [
    { group: 'Platform Admins', permissionSets: ['Admin'], allAccounts: true },
    { group: 'Auditors', permissionSets: ['Auditor'], organizationalUnits: ['Workloads'] },
    { group: 'Okta Engineers', permissionSets: ['PowerUser'], accounts: ['dev'] },
    { user: 'okta.user@example.com', permissionSets: ['CTAdmin'], accounts: ['management'] },
  ];
  return config;
}

describe('identity center stack', () => {
  const { identityCenter: ic } = synth(richConfig());

  test('the instance is looked up, never created, and fails the plan clearly when missing', () => {
    const instances = dataSource(ic, 'aws_ssoadmin_instances', 'identity_center');
    expect(instances.lifecycle).toMatchObject({ postcondition: [expect.objectContaining({ condition: '${length(self.arns) == 1}' })] });
    expect(Object.keys(ic.resource ?? {})).not.toContain('aws_ssoadmin_instance');
  });

  test('Admin and PowerUser exist with their AWS-managed policies', () => {
    expect(resource(ic, 'aws_ssoadmin_permission_set', 'admin')).toMatchObject({ name: 'Admin', instance_arn: INSTANCE_ARN, session_duration: 'PT1H' });
    expect(resource(ic, 'aws_ssoadmin_managed_policy_attachment', 'admin__administratoraccess')).toMatchObject({
      managed_policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      permission_set_arn: '${aws_ssoadmin_permission_set.admin.arn}',
    });
    expect(resource(ic, 'aws_ssoadmin_managed_policy_attachment', 'poweruser__poweruseraccess').managed_policy_arn).toBe('arn:aws:iam::aws:policy/PowerUserAccess');
  });

  test('a permission set carries description, session duration, relay state and tags', () => {
    expect(resource(ic, 'aws_ssoadmin_permission_set', 'auditor')).toEqual({
      name: 'Auditor',
      description: 'Audits',
      instance_arn: INSTANCE_ARN,
      session_duration: 'PT2H',
      relay_state: 'https://console.aws.amazon.com/securityhub/home',
      tags: { Risk: 'low' },
    });
  });

  test('customer-managed, inline and boundary policies are attached to their set', () => {
    expect(resource(ic, 'aws_ssoadmin_customer_managed_policy_attachment', 'auditor__security_auditextras').customer_managed_policy_reference).toEqual({ name: 'AuditExtras', path: '/security/' });
    const inline = resource(ic, 'aws_ssoadmin_permission_set_inline_policy', 'auditor');
    expect(JSON.parse(inline.inline_policy as string)).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }] });
    expect(resource(ic, 'aws_ssoadmin_permissions_boundary_attachment', 'auditor').permissions_boundary).toEqual({ customer_managed_policy_reference: { name: 'Boundary', path: '/' } });
  });

  test('an existing permission set is looked up by name, not created', () => {
    expect(dataSource(ic, 'aws_ssoadmin_permission_set', 'ctadmin')).toEqual({ name: 'CTAdmin', instance_arn: INSTANCE_ARN });
    expect(namesOf(ic, 'aws_ssoadmin_permission_set')).not.toContain('ctadmin');
  });

  test('a created user has its profile in the identity store', () => {
    expect(resource(ic, 'aws_identitystore_user', 'jane_doe_at_example_com')).toEqual({
      identity_store_id: IDENTITY_STORE,
      user_name: 'jane.doe@example.com',
      display_name: 'Jane Doe',
      name: { given_name: 'Jane', family_name: 'Doe' },
      emails: { value: 'jane.doe@example.com', primary: true },
    });
  });

  test('existing users and groups are looked up by user name and display name', () => {
    expect(dataSource(ic, 'aws_identitystore_user', 'okta_user_at_example_com').alternate_identifier).toEqual({ unique_attribute: { attribute_path: 'UserName', attribute_value: 'okta.user@example.com' } });
    expect(dataSource(ic, 'aws_identitystore_group', 'okta_engineers').alternate_identifier).toEqual({ unique_attribute: { attribute_path: 'DisplayName', attribute_value: 'Okta Engineers' } });
  });

  test('memberships join created and existing users and groups', () => {
    expect(resource(ic, 'aws_identitystore_group_membership', 'okta_engineers__jane_doe_at_example_com')).toEqual({
      identity_store_id: IDENTITY_STORE,
      group_id: '${data.aws_identitystore_group.okta_engineers.group_id}',
      member_id: '${aws_identitystore_user.jane_doe_at_example_com.user_id}',
    });
    expect(resource(ic, 'aws_identitystore_group_membership', 'auditors__okta_user_at_example_com')).toMatchObject({
      group_id: '${aws_identitystore_group.auditors.group_id}',
      member_id: '${data.aws_identitystore_user.okta_user_at_example_com.user_id}',
    });
  });

  test('an account target gets one assignment with the group as principal', () => {
    expect(resource(ic, 'aws_ssoadmin_account_assignment', 'group_okta_engineers__poweruser__dev')).toEqual({
      instance_arn: INSTANCE_ARN,
      permission_set_arn: '${aws_ssoadmin_permission_set.poweruser.arn}',
      principal_id: '${data.aws_identitystore_group.okta_engineers.group_id}',
      principal_type: 'GROUP',
      target_id: '${data.terraform_remote_state.organization.outputs.account_ids.dev}',
      target_type: 'AWS_ACCOUNT',
      depends_on: ['aws_ssoadmin_managed_policy_attachment.poweruser__poweruseraccess'],
    });
  });

  test('a nested-OU target assigns every account below the OU', () => {
    expect(namesOf(ic, 'aws_ssoadmin_account_assignment').filter((n) => n.startsWith('group_auditors__'))).toEqual(['group_auditors__auditor__dev', 'group_auditors__auditor__prod']);
  });

  test('an all-accounts target assigns created and existing accounts, existing ones by literal ID', () => {
    expect(namesOf(ic, 'aws_ssoadmin_account_assignment').filter((n) => n.startsWith('group_platform_admins__'))).toEqual([
      'group_platform_admins__admin__audit',
      'group_platform_admins__admin__dev',
      'group_platform_admins__admin__management',
      'group_platform_admins__admin__prod',
    ]);
    expect(resource(ic, 'aws_ssoadmin_account_assignment', 'group_platform_admins__admin__audit').target_id).toBe('222222222222');
  });

  test('a user assignment has principal type USER and uses an existing set by its looked-up ARN', () => {
    expect(resource(ic, 'aws_ssoadmin_account_assignment', 'user_okta_user_at_example_com__ctadmin__management')).toMatchObject({
      principal_type: 'USER',
      principal_id: '${data.aws_identitystore_user.okta_user_at_example_com.user_id}',
      permission_set_arn: '${data.aws_ssoadmin_permission_set.ctadmin.arn}',
      target_id: '111111111111',
    });
  });

  test('an assignment waits for every policy attachment of its set', () => {
    expect(resource(ic, 'aws_ssoadmin_account_assignment', 'group_auditors__auditor__prod').depends_on).toEqual([
      'aws_ssoadmin_managed_policy_attachment.auditor__securityaudit',
      'aws_ssoadmin_customer_managed_policy_attachment.auditor__security_auditextras',
      'aws_ssoadmin_permission_set_inline_policy.auditor',
      'aws_ssoadmin_permissions_boundary_attachment.auditor',
    ]);
  });

  test('attribute-based access control attributes are keyed by name', () => {
    expect(resource(ic, 'aws_ssoadmin_instance_access_control_attributes', 'identity_center').attribute).toEqual([
      { key: 'CostCenter', value: [{ source: ['$${path:enterprise.costCenter}'] }] },
    ]);
  });

  test('account IDs come from the organization stack state, read as a readable map output', () => {
    expect(dataSource(ic, 'terraform_remote_state', 'organization')).toMatchObject({ backend: 'local', config: { path: '../../../terraform.test-organization.tfstate' } });
  });

  test('outputs give the instance, the identity store, the portal URL and permission set ARNs', () => {
    expect(ic.output?.instance_arn.value).toBe(INSTANCE_ARN);
    expect(ic.output?.identity_store_id.value).toBe(IDENTITY_STORE);
    expect(ic.output?.access_portal_url.value).toBe(`https://${IDENTITY_STORE}.awsapps.com/start`);
    expect(ic.output?.permission_set_arns.value).toEqual({
      Admin: '${aws_ssoadmin_permission_set.admin.arn}',
      PowerUser: '${aws_ssoadmin_permission_set.poweruser.arn}',
      Auditor: '${aws_ssoadmin_permission_set.auditor.arn}',
      CTAdmin: '${data.aws_ssoadmin_permission_set.ctadmin.arn}',
    });
  });

  test('the optional profile fields of a user reach the identity store', () => {
    const config: any = baseConfig();
    Object.assign(config.identityCenter.users['jane.doe@example.com'], {
      middleName: 'Q', nickname: 'JD', title: 'SRE', userType: 'Employee', preferredLanguage: 'en', profileUrl: 'https://example.com/jd',
      locale: 'en-GB', timezone: 'Europe/London',
      phoneNumbers: [{ value: '+44 20 7946 0000', type: 'work', primary: true }],
      addresses: [{ streetAddress: '1 Example Street', locality: 'London', postalCode: 'EC1A 1AA', country: 'GB', type: 'work', primary: true }],
    });
    const user = resource(synth(config).identityCenter, 'aws_identitystore_user', 'jane_doe_at_example_com');
    expect(user).toMatchObject({
      name: { given_name: 'Jane', family_name: 'Doe', middle_name: 'Q' },
      nickname: 'JD', title: 'SRE', user_type: 'Employee', preferred_language: 'en', profile_url: 'https://example.com/jd',
      locale: 'en-GB', timezone: 'Europe/London',
      phone_numbers: { value: '+44 20 7946 0000', type: 'work', primary: true },
      addresses: { street_address: '1 Example Street', locality: 'London', postal_code: 'EC1A 1AA', country: 'GB', type: 'work', primary: true },
    });
  });
});

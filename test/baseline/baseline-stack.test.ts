import { baselineConfig, baselineOf } from '../helpers/baseline';
import { namesOf, resource, synth, type TerraformJson, type Yamlish } from '../helpers/environment';

type Statement = { Sid?: string; Effect: string; Action?: string | string[]; NotAction?: string[]; Resource: string | string[]; Condition?: Record<string, Record<string, string>> };

/** The JSON document of a policy argument, with Terraform's `$${` escape undone. */
const documentOf = (policy: unknown) => JSON.parse(String(policy).replace(/\$\$\{/g, '${')) as { Version: string; Statement: Statement[] };

const withChange = (mutate: (baseline: any, config: any) => void): Yamlish => {
  const config = baselineConfig();
  mutate(baselineOf(config), config);
  return config;
};

describe('baseline stack: the IAM path of the management account', () => {
  const baseline = synth(baselineConfig()).baseline as TerraformJson;

  test('the account alias becomes the sign-in URL output', () => {
    expect(resource(baseline, 'aws_iam_account_alias', 'alias')).toEqual({ account_alias: 'example-test-management' });
    expect(baseline.output?.signin_url.value).toBe('https://example-test-management.signin.aws.amazon.com/console');
    expect(baseline.output?.signin_urls.value).toEqual({
      management: 'https://example-test-management.signin.aws.amazon.com/console',
      prod: 'https://example-test-prod.signin.aws.amazon.com/console',
    });
  });

  test('the password policy defaults to the CIS floor', () => {
    expect(resource(baseline, 'aws_iam_account_password_policy', 'password_policy')).toEqual({
      minimum_password_length: 14,
      password_reuse_prevention: 24,
      require_uppercase_characters: true,
      require_lowercase_characters: true,
      require_numbers: true,
      require_symbols: true,
      allow_users_to_change_password: true,
      hard_expiry: false,
    });
  });

  test('the MFA policy is AWS\'s documented example, statement by statement, plus the first-sign-in password change', () => {
    const policy = resource(baseline, 'aws_iam_policy', 'require_mfa');
    expect(policy.name).toBe('RequireMFA');
    const document = documentOf(policy.policy);
    expect(document.Version).toBe('2012-10-17');
    expect(document.Statement.map((s) => s.Sid)).toEqual(['AllowViewAccountInfo', 'AllowManageOwnVirtualMFADevice', 'AllowManageOwnUserMFA', 'DenyAllExceptListedIfNoMFA']);
    const [view, virtual, own, deny] = document.Statement;
    expect(view).toEqual({ Sid: 'AllowViewAccountInfo', Effect: 'Allow', Action: 'iam:ListVirtualMFADevices', Resource: '*' });
    expect(virtual).toEqual({ Sid: 'AllowManageOwnVirtualMFADevice', Effect: 'Allow', Action: ['iam:CreateVirtualMFADevice'], Resource: 'arn:aws:iam::*:mfa/*' });
    expect(own).toEqual({
      Sid: 'AllowManageOwnUserMFA',
      Effect: 'Allow',
      Action: ['iam:DeactivateMFADevice', 'iam:EnableMFADevice', 'iam:GetUser', 'iam:ListMFADevices', 'iam:ResyncMFADevice'],
      Resource: 'arn:aws:iam::*:user/${aws:username}',
    });
    expect(deny.Effect).toBe('Deny');
    expect(deny.Resource).toBe('*');
    expect(deny.Condition).toEqual({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } });
    expect([...deny.NotAction!].sort()).toEqual(
      ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:GetUser', 'iam:ListMFADevices', 'iam:ListVirtualMFADevices', 'iam:ResyncMFADevice', 'sts:GetSessionToken', 'iam:ChangePassword', 'iam:GetAccountPasswordPolicy'].sort(),
    );
  });

  test('the policy variable reaches Terraform escaped, so Terraform does not try to interpolate it', () => {
    expect(String(resource(baseline, 'aws_iam_policy', 'require_mfa').policy)).toContain('user/$${aws:username}');
  });

  test('the Administrators group has AdministratorAccess, the MFA policy and IAMUserChangePassword', () => {
    expect(resource(baseline, 'aws_iam_group', 'administrators')).toEqual({ name: 'Administrators' });
    expect(namesOf(baseline, 'aws_iam_group_policy_attachment').filter((name) => name.startsWith('administrators'))).toEqual([
      'administrators__administratoraccess',
      'administrators__iamuserchangepassword',
      'administrators__require_mfa',
    ]);
    expect(resource(baseline, 'aws_iam_group_policy_attachment', 'administrators__require_mfa')).toEqual({ group: '${aws_iam_group.administrators.name}', policy_arn: '${aws_iam_policy.require_mfa.arn}' });
    expect(resource(baseline, 'aws_iam_group_policy_attachment', 'administrators__administratoraccess').policy_arn).toBe('arn:aws:iam::aws:policy/AdministratorAccess');
    expect(resource(baseline, 'aws_iam_group_policy_attachment', 'administrators__iamuserchangepassword').policy_arn).toBe('arn:aws:iam::aws:policy/IAMUserChangePassword');
  });

  test('every group the project creates gets the MFA policy', () => {
    const json = synth(withChange((b) => (b.iamGroups = { Auditors: { managedPolicies: ['arn:aws:iam::aws:policy/SecurityAudit'] } }))).baseline!;
    expect(namesOf(json, 'aws_iam_group')).toEqual(['administrators', 'auditors', 'prod__administrators', 'prod__auditors']);
    expect(resource(json, 'aws_iam_group_policy_attachment', 'auditors__require_mfa').policy_arn).toBe('${aws_iam_policy.require_mfa.arn}');
    expect(resource(json, 'aws_iam_group_policy_attachment', 'auditors__securityaudit').policy_arn).toBe('arn:aws:iam::aws:policy/SecurityAudit');
  });

  test('a removed IAM user is deleted even with the MFA device, keys or password they made themselves (force_destroy)', () => {
    // Without force_destroy the provider only leaves the groups before DeleteUser, which fails with DeleteConflict
    // while an MFA device, access key or login profile exists (internal/service/iam/user.go, resourceUserDelete).
    expect(resource(baseline, 'aws_iam_user', 'iam-administrator').force_destroy).toBe(true);
  });

  test('an IAM user has its owner, project and MFA tags, and joins its groups through a user membership', () => {
    expect(resource(baseline, 'aws_iam_user', 'iam-administrator')).toEqual({
      name: 'IAM-Administrator',
      force_destroy: true,
      tags: { Owner: 'jane.doe@example.com', Project: 'identity-foundation', MFAEnabled: 'required' },
    });
    expect(resource(baseline, 'aws_iam_user_group_membership', 'iam-administrator')).toEqual({ user: '${aws_iam_user.iam-administrator.name}', groups: ['${aws_iam_group.administrators.name}'] });
    expect(baseline.resource?.aws_iam_group_membership).toBeUndefined();
  });

  test('a console user with a PGP key gets a login profile: reset at first sign-in, create-only arguments ignored', () => {
    expect(resource(baseline, 'aws_iam_user_login_profile', 'iam-administrator')).toEqual({
      user: '${aws_iam_user.iam-administrator.name}',
      pgp_key: 'keybase:example_sec',
      password_reset_required: true,
      lifecycle: { ignore_changes: ['password_length', 'password_reset_required', 'pgp_key'] },
    });
  });

  test('only the encrypted password is an output, never the plaintext one', () => {
    expect(baseline.output?.encrypted_passwords.value).toEqual({ management: { 'IAM-Administrator': '${aws_iam_user_login_profile.iam-administrator.encrypted_password}' } });
    expect(JSON.stringify(baseline)).not.toMatch(/aws_iam_user_login_profile\.[^.]+\.password\b/);
    expect(baseline.output?.iam_user_arns.value).toEqual({ management: { 'IAM-Administrator': '${aws_iam_user.iam-administrator.arn}' } });
  });

  test('without a PGP key a user gets no login profile and no password output', () => {
    const json = synth(withChange((b) => delete b.pgpKey)).baseline!;
    expect(namesOf(json, 'aws_iam_user')).toEqual(['iam-administrator']);
    expect(json.resource?.aws_iam_user_login_profile).toBeUndefined();
    expect(json.output?.encrypted_passwords).toBeUndefined();
  });

  test('break-glass users are tagged as such', () => {
    expect((resource(synth(withChange((b) => (b.breakGlassOnly = true))).baseline!, 'aws_iam_user', 'iam-administrator').tags as Record<string, string>).Purpose).toBe('break-glass');
  });

  test('the alternate SECURITY contact comes from the config', () => {
    expect(resource(baseline, 'aws_account_alternate_contact', 'security_contact')).toEqual({
      alternate_contact_type: 'SECURITY',
      name: 'Security Operations',
      title: 'Security on-call',
      email_address: 'security@example.com',
      phone_number: '+44 20 7946 0000',
    });
  });

  test('without configRules there are no Config rules', () => {
    expect(baseline.resource?.aws_config_config_rule).toBeUndefined();
  });
});

describe('baseline stack: member accounts', () => {
  const baseline = synth(baselineConfig()).baseline as TerraformJson;
  const providers = baseline.provider?.aws as Array<Record<string, any>>;

  test('a member account is reached through its own provider that assumes the deployment role, with the ID from the organization stack', () => {
    expect(providers.map((p) => p.alias)).toEqual([undefined, 'prod']);
    expect(providers[1].assume_role).toEqual([{ role_arn: 'arn:aws:iam::${data.terraform_remote_state.organization.outputs.account_ids.prod}:role/OrganizationAccountAccessRole', session_name: 'test-baseline' }]);
    expect(baseline.data?.terraform_remote_state?.organization).toBeDefined();
  });

  test('an existing member account is assumed by its literal ID', () => {
    const json = synth(withChange((b) => (b.accounts.audit = {}))).baseline!;
    expect((json.provider?.aws as Array<Record<string, any>>).find((p) => p.alias === 'audit')?.assume_role[0].role_arn).toBe('arn:aws:iam::222222222222:role/OrganizationAccountAccessRole');
  });

  test('member resources are prefixed with the account key and use its provider', () => {
    expect(resource(baseline, 'aws_iam_account_alias', 'prod__alias')).toEqual({ account_alias: 'example-test-prod', provider: 'aws.prod' });
    expect(resource(baseline, 'aws_iam_account_password_policy', 'prod__password_policy').provider).toBe('aws.prod');
    expect(resource(baseline, 'aws_iam_group_policy_attachment', 'prod__administrators__require_mfa')).toEqual({
      group: '${aws_iam_group.prod__administrators.name}',
      policy_arn: '${aws_iam_policy.prod__require_mfa.arn}',
      provider: 'aws.prod',
    });
    expect(resource(baseline, 'aws_account_alternate_contact', 'prod__security_contact').provider).toBe('aws.prod');
  });

  test('users are created in the management account unless they name other accounts', () => {
    expect(namesOf(baseline, 'aws_iam_user')).toEqual(['iam-administrator']);
    const json = synth(withChange((b) => (b.iamUsers['IAM-Administrator'].accounts = ['management', 'prod']))).baseline!;
    expect(namesOf(json, 'aws_iam_user')).toEqual(['iam-administrator', 'prod__iam-administrator']);
    expect(json.output?.encrypted_passwords.value).toEqual({
      management: { 'IAM-Administrator': '${aws_iam_user_login_profile.iam-administrator.encrypted_password}' },
      prod: { 'IAM-Administrator': '${aws_iam_user_login_profile.prod__iam-administrator.encrypted_password}' },
    });
  });

  test('with only the management account there is no remote state and no extra provider', () => {
    const json = synth(withChange((b) => delete b.accounts.prod)).baseline!;
    expect(json.data?.terraform_remote_state).toBeUndefined();
    expect(json.provider?.aws).toHaveLength(1);
  });
});

describe('baseline stack: AWS Config rules', () => {
  const rules = (recorder: 'existing' | 'create') =>
    synth(
      withChange((b) => {
        b.configRules = recorder === 'create' ? { recorder, deliveryBucket: 'example-config-logs' } : { recorder };
        b.passwordPolicy = { maxPasswordAge: 90 };
      }),
    ).baseline!;

  test('with an existing recorder, the rules that check the baseline are deployed in every baselined account', () => {
    const json = rules('existing');
    expect(namesOf(json, 'aws_config_config_rule').filter((name) => !name.startsWith('prod__'))).toEqual([
      'iam_password_policy',
      'iam_root_access_key_check',
      'iam_user_group_membership_check',
      'iam_user_mfa_enabled',
      'iam_user_no_policies_check',
      'mfa_enabled_for_iam_console_access',
      'root_account_mfa_enabled',
    ]);
    expect(resource(json, 'aws_config_config_rule', 'root_account_mfa_enabled')).toEqual({ name: 'root-account-mfa-enabled', source: { owner: 'AWS', source_identifier: 'ROOT_ACCOUNT_MFA_ENABLED' } });
    expect(json.resource?.aws_config_configuration_recorder).toBeUndefined();
  });

  test('root MFA is checked only where the root user keeps credentials: not in member accounts with centralized root access', () => {
    const json = rules('existing');
    expect(namesOf(json, 'aws_config_config_rule')).not.toContain('prod__root_account_mfa_enabled');
    expect(namesOf(json, 'aws_config_config_rule')).toContain('prod__iam_root_access_key_check');
  });

  test('the password policy rule checks the policy\'s own values', () => {
    expect(JSON.parse(String(resource(rules('existing'), 'aws_config_config_rule', 'iam_password_policy').input_parameters))).toEqual({
      RequireUppercaseCharacters: 'true',
      RequireLowercaseCharacters: 'true',
      RequireSymbols: 'true',
      RequireNumbers: 'true',
      MinimumPasswordLength: '14',
      PasswordReusePrevention: '24',
      MaxPasswordAge: '90',
    });
  });

  test('recorder: create adds a started recorder the rules wait for', () => {
    const json = rules('create');
    expect(resource(json, 'aws_config_configuration_recorder', 'recorder')).toEqual({
      name: 'default',
      role_arn: '${aws_iam_service_linked_role.config.arn}',
      recording_group: { all_supported: true, include_global_resource_types: true },
    });
    expect(resource(json, 'aws_config_delivery_channel', 'delivery_channel')).toMatchObject({ s3_bucket_name: 'example-config-logs', depends_on: ['aws_config_configuration_recorder.recorder'] });
    expect(resource(json, 'aws_config_configuration_recorder_status', 'recorder')).toMatchObject({ is_enabled: true, depends_on: ['aws_config_delivery_channel.delivery_channel'] });
    expect(resource(json, 'aws_config_config_rule', 'iam_user_mfa_enabled').depends_on).toEqual(['aws_config_configuration_recorder_status.recorder']);
    expect(resource(json, 'aws_config_configuration_recorder', 'prod__recorder').provider).toBe('aws.prod');
  });
});

describe('baseline stack: stable addresses', () => {
  test('adding a member account, a user and a group, and reordering the file, changes no existing resource', () => {
    const args = (json: TerraformJson) =>
      new Map(Object.entries(json.resource ?? {}).flatMap(([type, byName]) => Object.entries(byName).map(([name, body]) => [`${type}.${name}`, JSON.stringify({ ...body, '//': undefined })] as const)));
    const before = args(synth(baselineConfig()).baseline!);
    const grown = withChange((b) => {
      b.accounts = { audit: { alias: 'example-test-audit' }, ...Object.fromEntries(Object.entries(b.accounts).reverse()) };
      b.iamUsers = { 'break-glass-2': { tags: { Owner: 'ops@example.com' }, groups: ['Auditors'] }, ...b.iamUsers };
      b.iamGroups = { Auditors: {} };
    });
    const after = args(synth(grown).baseline!);
    for (const [address, body] of before) expect({ address, body: after.get(address) }).toEqual({ address, body });
    expect(after.size).toBeGreaterThan(before.size);
  });
});

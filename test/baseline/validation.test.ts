import { baselineConfig, baselineOf, policyFile, scp } from '../helpers/baseline';
import { realActions } from '../helpers/iam-actions';
import { issues, model, toYaml, type Yamlish } from '../helpers/environment';

type Mutate = (baseline: any, config: any) => void;
const withChange = (mutate: Mutate): Yamlish => {
  const config = baselineConfig();
  mutate(baselineOf(config), config);
  return config;
};
const only = (config: Yamlish) => {
  const found = issues(config);
  expect(found.map((i) => i.message)).toHaveLength(1);
  return found[0];
};
/** 1-based line of the first line ending in `text`. */
const lineOf = (config: Yamlish, text: string) => toYaml(config).split('\n').findIndex((line) => line.endsWith(text)) + 1;

describe('baseline validation', () => {
  test('the baseline test config is valid', () => {
    expect(model(baselineConfig()).baseline?.accounts.map((account) => account.account.key)).toEqual(['management', 'prod']);
  });

  test('an environment without a baseline section still works', () => {
    const config = baselineConfig();
    delete config.baseline;
    expect(model(config).baseline).toBeUndefined();
  });

  describe('account alias', () => {
    test.each([
      ['Example-Prod', 'only lowercase letters, digits and hyphens are allowed', 'use e.g. "example-prod"'],
      ['ab', 'it is 2 characters long (3–63 allowed)', undefined],
      ['-example', 'it must not start or end with a hyphen', 'use e.g. "example"'],
      ['example-', 'it must not start or end with a hyphen', 'use e.g. "example"'],
      ['example--prod', 'it must not contain two hyphens in a row', 'use e.g. "example-prod"'],
      ['a'.repeat(64), 'it is 64 characters long (3–63 allowed)', undefined],
    ])('%s is rejected: %s', (alias, reason, fix) => {
      const config = withChange((b) => (b.accounts.prod.alias = alias));
      const found = only(config);
      expect(found).toMatchObject({ file: 'environments/test.yaml', path: ['baseline', 'accounts', 'prod', 'alias'], line: lineOf(config, `alias: ${alias}`) });
      expect(found.message).toContain(reason);
      if (fix) expect(found.fix).toBe(fix);
    });

    test('3 and 63 characters of lowercase letters, digits and single hyphens are accepted', () => {
      expect(model(withChange((b) => (b.accounts.prod.alias = 'a-1'))).baseline?.accounts[1].alias).toBe('a-1');
      expect(model(withChange((b) => (b.accounts.prod.alias = 'a'.repeat(63)))).baseline?.accounts[1].signinUrl).toBe(`https://${'a'.repeat(63)}.signin.aws.amazon.com/console`);
    });

    test('two accounts cannot share an alias', () => {
      expect(only(withChange((b) => (b.accounts.prod.alias = 'example-test-management'))).message).toContain('already used by account "management"');
    });
  });

  describe('password policy', () => {
    test('below the CIS floor without a reason is an error that lists every weaker setting', () => {
      const found = only(withChange((b) => (b.passwordPolicy = { minimumPasswordLength: 8, requireSymbols: false })));
      expect(found.path).toEqual(['baseline', 'passwordPolicy']);
      expect(found.message).toBe('the password policy is below the CIS AWS Foundations floor: minimumPasswordLength 8 < 14; requireSymbols: false');
      expect(found.fix).toContain('reason:');
    });

    test('below the CIS floor with a reason is accepted, and the model keeps the reason', () => {
      const config = withChange((b) => (b.passwordPolicy = { passwordReusePrevention: 5, reason: 'legacy SSO bridge cannot store 24 hashes' }));
      expect(model(config).baseline?.passwordPolicy).toMatchObject({ passwordReusePrevention: 5, belowCis: ['passwordReusePrevention 5 < 24'] });
    });

    test('tightening needs no reason', () => {
      expect(model(withChange((b) => (b.passwordPolicy = { minimumPasswordLength: 20, maxPasswordAge: 60 }))).baseline?.passwordPolicy.minimumPasswordLength).toBe(20);
    });

    test('values outside what IAM accepts are shape errors', () => {
      const found = issues(withChange((b) => (b.passwordPolicy = { passwordReusePrevention: 25 })));
      expect(found[0]).toMatchObject({ path: ['baseline', 'passwordPolicy', 'passwordReusePrevention'], shape: true });
    });
  });

  describe('IAM users', () => {
    test('a user without an Owner tag is rejected', () => {
      const config = withChange((b) => (b.iamUsers = { admin: { tags: { Team: 'platform' } } }));
      const found = only(config);
      expect(found.path).toEqual(['baseline', 'iamUsers', 'admin', 'tags']);
      expect(found.message).toContain('IAM user "admin" has no Owner tag');
      expect(found.fix).toBe('add tags: { Owner: <email or team of the person accountable> }');
    });

    test('MFAEnabled is set by the project, not the config', () => {
      expect(only(withChange((b) => (b.iamUsers['IAM-Administrator'].tags.MFAEnabled = 'Yes'))).message).toBe('MFAEnabled is set by the project on every IAM user');
    });

    test('a group that is not defined is a dangling reference', () => {
      const found = only(withChange((b) => (b.iamUsers['IAM-Administrator'].groups = ['Administrator'])));
      expect(found.path).toEqual(['baseline', 'iamUsers', 'IAM-Administrator', 'groups', 0]);
      expect(found.message).toBe('IAM group "Administrator" is not defined (did you mean "Administrators"?)');
    });

    test('a user in no group is rejected', () => {
      expect(only(withChange((b) => (b.iamUsers['IAM-Administrator'].groups = []))).message).toContain('is in no group');
    });

    test.each([
      ['keybase:x', 'is not a keybase user name'],
      ['-----BEGIN PGP PUBLIC KEY BLOCK-----\nabc', 'ASCII-armored'],
      ['bm90IGEga2V5IGF0IGFsbCwganVzdCBzb21lIHRleHQgdGhhdCBpcyBsb25n', 'neither keybase:<username> nor a base64-encoded OpenPGP public key'],
    ])('PGP key %j is rejected', (key, message) => {
      const found = only(withChange((b) => (b.pgpKey = key)));
      expect(found.path).toEqual(['baseline', 'pgpKey']);
      expect(found.message).toContain(message);
    });

    test('a base64-encoded OpenPGP public key packet is accepted', () => {
      const key = Buffer.concat([Buffer.from([0x99, 0x01, 0x0d, 0x04]), Buffer.alloc(60, 7)]).toString('base64');
      expect(model(withChange((b) => (b.iamUsers['IAM-Administrator'].pgpKey = key))).baseline?.accounts[0].users[0].pgpKey).toBe(key);
    });

    test('a user in an account without the baseline is rejected', () => {
      expect(only(withChange((b) => (b.iamUsers['IAM-Administrator'].accounts = ['dev']))).message).toBe('account "dev" does not get the baseline');
    });
  });

  describe('accounts', () => {
    test('an account key that is not in the organization is rejected with a suggestion', () => {
      const found = only(withChange((b) => (b.accounts.prd = {})));
      expect(found).toMatchObject({ path: ['baseline', 'accounts', 'prd'], atKey: true });
      expect(found.message).toBe('account "prd" is not defined (did you mean "prod"?)');
    });

    test('an account with its own roleName is reached through it, so every SCP Deny must exempt that role too', () => {
      const found = issues(withChange((_b, c) => (c.organization.accounts.prod.roleName = 'AdminRole')));
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((i) => i.message.includes('including the deployment role AdminRole'))).toBe(true);
      expect(found[0].fix).toContain('"arn:aws:iam::*:role/AdminRole"');
    });

    test('the management account takes no roleName: it is reached with your own credentials', () => {
      expect(only(withChange((_b, c) => (c.organization.accounts.management.roleName = 'AdminRole')))).toMatchObject({
        path: ['organization', 'accounts', 'management', 'roleName'],
        message: 'the management account is reached with your own credentials, not through a role',
      });
    });

    test('the baseline needs a management account', () => {
      expect(issues(withChange((_b, c) => (c.organization.accounts.management.management = false))).map((i) => i.message)).toContain(
        'the baseline starts in the management account, but no account has management: true',
      );
    });
  });

  describe('Config rules', () => {
    test('recorder: create needs a delivery bucket', () => {
      const found = issues(withChange((b) => (b.configRules = { recorder: 'create' }, (b.passwordPolicy = { maxPasswordAge: 90 }))));
      expect(found.map((i) => i.message)).toEqual(['recorder: create needs the S3 bucket the new delivery channel writes to']);
    });

    test('Config rules need a password policy with a maximum age', () => {
      expect(only(withChange((b) => (b.configRules = { recorder: 'existing' }))).message).toContain('IAM_PASSWORD_POLICY Config rule always checks a maximum password age');
    });
  });
});

describe('service control policy files', () => {
  const withPolicy = (content: unknown, targets = ['root']) => withChange((b) => (b.serviceControlPolicies = { guardrail: { file: policyFile(content), targets } }));
  const deny = (extra: Record<string, unknown> = {}) => ({ Sid: 'DenyIam', Effect: 'Deny', Action: 'iam:*', Resource: '*', ...extra });

  test('a file that does not exist is reported at the entry that names it', () => {
    const config = withChange((b) => (b.serviceControlPolicies['deny-root-user'].file = '../policies/scp/deny-rot-user.json'));
    const found = only(config);
    expect(found).toMatchObject({ path: ['baseline', 'serviceControlPolicies', 'deny-root-user', 'file'], line: lineOf(config, 'deny-rot-user.json') });
    expect(found.message).toBe('cannot read policies/scp/deny-rot-user.json: no such file');
    expect(found.fix).toContain('relative to this environment file');
  });

  test('invalid JSON names the file, its line and column', () => {
    const found = only(withPolicy('{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Deny" "Action": "*" }\n  ]\n}\n'));
    expect(found.message).toMatch(/^\S+policy\.json:4:\d+ is not valid JSON: /);
  });

  test('a statement that is not valid IAM is reported with its file position and path in the document', () => {
    const found = only(withPolicy(scp(deny({ Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/OrganizationAccountAccessRole' } } }), { Effect: 'Deny', Action: 's3:Get Object', Resource: '*' })));
    expect(found.path).toEqual(['baseline', 'serviceControlPolicies', 'guardrail', 'file']);
    expect(found.message).toMatch(/policy\.json:\d+:\d+ {2}Statement\[1\]\.Action: "s3:Get Object" is not an IAM action$/);
  });

  test('a Principal is not allowed in an SCP', () => {
    expect(only(withPolicy(scp({ Effect: 'Deny', Principal: '*', Action: 'organizations:LeaveOrganization', Resource: '*' }))).message).toContain('Statement[0].Principal: Principal is not allowed');
  });

  test('an SCP over 5,120 characters as compact JSON is rejected, whatever its indentation', () => {
    const actions = realActions('ec2', 190, 'Describe');
    const found = only(withPolicy(scp({ Effect: 'Deny', Action: actions, Resource: '*' })));
    expect(found.message).toMatch(/policy\.json is \d{4} characters as compact JSON \(what is sent\); AWS Organizations allows 5120 per service control policy$/);
  });

  test('an SCP of 5,120 characters or less passes even when its indented file is longer', () => {
    const actions = realActions('ec2', 140, 'Describe');
    const document = scp({ Effect: 'Deny', Action: actions, Resource: '*' });
    expect(JSON.stringify(document).length).toBeLessThanOrEqual(5120);
    expect(JSON.stringify(document, null, 8).length).toBeGreaterThan(5120);
    expect(model(withPolicy(document)).baseline?.organization.serviceControlPolicies[0].content).toBe(JSON.stringify(document));
  });

  test('a Deny on what the deployment does, without exempting the deployment role, is rejected', () => {
    const found = only(withPolicy(scp(deny())));
    expect(found.message).toMatch(/policy\.json:4:\d+ {2}Statement\[0\] \(DenyIam\): denies iam:CreateAccountAlias, iam:DeleteAccountAlias, iam:ListAccountAliases, iam:UpdateAccountPasswordPolicy and \d+ more to every principal, including the deployment role OrganizationAccountAccessRole/);
    expect(found.fix).toBe('add "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/OrganizationAccountAccessRole"}} to the statement, or narrow its Action');
  });

  test('NotAction counts too: a Deny of everything but a few actions hits the deployment', () => {
    expect(only(withPolicy(scp({ Effect: 'Deny', NotAction: ['s3:*'], Resource: '*' }))).message).toContain('denies iam:CreateAccountAlias');
  });

  test('a condition on another key does not exempt the deployment role', () => {
    expect(issues(withPolicy(scp(deny({ Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }))))).toHaveLength(1);
  });

  test.each([
    ['ArnNotLike on the role', { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/OrganizationAccountAccessRole'] } }],
    ['StringNotLike with a wildcard', { StringNotLike: { 'aws:PrincipalARN': 'arn:aws:iam::*:role/Organization*' } }],
    ['a Deny that only applies to the root user', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } }],
  ])('%s exempts the deployment role', (_name, condition) => {
    expect(model(withPolicy(scp(deny({ Condition: condition })))).baseline?.organization.serviceControlPolicies).toHaveLength(1);
  });

  test('a Deny scoped to resources of other services, or on other actions, does not touch the deployment', () => {
    const config = withPolicy(scp({ Effect: 'Deny', Action: 'iam:*', Resource: 'arn:aws:s3:::audit-logs/*' }, { Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }));
    expect(model(config).baseline?.organization.serviceControlPolicies[0].document.Statement).toHaveLength(2);
  });

  test('the exemption follows baseline.deploymentRole', () => {
    const config = withChange((b, c) => {
      b.deploymentRole = 'PlatformDeploy';
      c.organization.accounts.prod.roleName = 'PlatformDeploy';
    });
    const found = issues(config);
    // Statements 0 and 1 of protect-identity-baseline.json exempt OrganizationAccountAccessRole only; statement 2 denies nothing the deployment does.
    expect(found.map((i) => i.message.split('  ')[1].split(':')[0])).toEqual(['Statement[0] (DenyAccountIdentitySettingsChangesExceptDeploymentRole)', 'Statement[1] (DenyMfaPolicyAndAdministratorsGroupChangesExceptDeploymentRole)']);
    expect(found.every((i) => i.message.includes('including the deployment role PlatformDeploy'))).toBe(true);
  });

  test('targets must be root or a defined OU, and SCPs need the policy type', () => {
    const found = issues(withChange((b, c) => {
      b.serviceControlPolicies['deny-root-user'].targets = ['root', 'Workloads/Prd'];
      c.organization.policyTypes = ['TAG_POLICY'];
    }));
    expect(found.map((i) => i.message)).toEqual([
      'baseline.serviceControlPolicies needs the SERVICE_CONTROL_POLICY policy type, which is not enabled',
      'target "Workloads/Prd" is neither root nor a defined OU (did you mean "Workloads/Prod"?)',
    ]);
  });

  describe('Terraform addresses that two settings would share', () => {
    test('two policies with one policy name on a group are refused at the second one', () => {
      const config = withChange((b) => (b.iamGroups = { Auditors: { managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::111111111111:policy/team/ReadOnlyAccess'] } }));
      expect(only(config)).toMatchObject({
        path: ['baseline', 'iamGroups', 'Auditors', 'managedPolicies', 1],
        message: 'arn:aws:iam::111111111111:policy/team/ReadOnlyAccess and arn:aws:iam::aws:policy/ReadOnlyAccess have the same policy name, so both would be aws_iam_group_policy_attachment.auditors__readonlyaccess',
      });
    });

    test('a customer policy named AdministratorAccess collides with the one Administrators always has', () => {
      const config = withChange((b) => (b.iamGroups = { Administrators: { managedPolicies: ['arn:aws:iam::111111111111:policy/AdministratorAccess'] } }));
      expect(only(config).message).toBe('arn:aws:iam::111111111111:policy/AdministratorAccess and arn:aws:iam::aws:policy/AdministratorAccess have the same policy name, so both would be aws_iam_group_policy_attachment.administrators__administratoraccess');
    });

    test('an SCP attached to the root and to a top-level OU named Root is refused', () => {
      const config = withChange((b, c) => {
        c.organization.organizationalUnits.Root = {};
        b.serviceControlPolicies['deny-root-user'].targets = ['root', 'Root'];
      });
      expect(only(config)).toMatchObject({
        path: ['baseline', 'serviceControlPolicies', 'deny-root-user', 'targets', 1],
        message: 'targets "root" and "Root" both become the attachment deny-root-user__root',
      });
    });
  });
});

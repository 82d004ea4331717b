/** How the stacks reach member accounts: the role per account, invited accounts, and the partition of every ARN. */
import { baselineConfig, baselineOf } from '../helpers/baseline';
import { issues, model, resource, synth, type TerraformJson, type Yamlish } from '../helpers/environment';

const withChange = (mutate: (baseline: any, config: any) => void): Yamlish => {
  const config = baselineConfig();
  mutate(baselineOf(config), config);
  return config;
};

/** The assume_role of the provider with this alias. */
const assumedRole = (json: TerraformJson, alias: string) => {
  const provider = json.provider?.aws?.find((candidate) => candidate.alias === alias);
  if (!provider) throw new Error(`no provider aws.${alias}`);
  return (provider.assume_role as Array<{ role_arn: string }>)[0].role_arn;
};

describe('the deployment role of each member account', () => {
  test('an account with its own roleName is reached through that role; the others through baseline.deploymentRole', () => {
    const config = withChange((b, c) => {
      c.organization.accounts.audit.roleName = 'AWSControlTowerExecution';
      b.accounts.audit = {};
      b.serviceControlPolicies = {};
    });
    const baseline = synth(config).baseline!;
    expect(assumedRole(baseline, 'audit')).toBe('arn:aws:iam::222222222222:role/AWSControlTowerExecution');
    expect(assumedRole(baseline, 'prod')).toBe('arn:aws:iam::${data.terraform_remote_state.organization.outputs.account_ids.prod}:role/OrganizationAccountAccessRole');
  });

  test('a created account gets the deployment role under its name when baseline.deploymentRole is not the default', () => {
    const config = withChange((b) => {
      b.deploymentRole = 'PlatformDeploy';
      b.serviceControlPolicies = {};
    });
    const { organization, baseline } = synth(config);
    expect(resource(organization, 'aws_organizations_account', 'prod').role_name).toBe('PlatformDeploy');
    // An account outside the baseline gets it too: any stack may reach it later.
    expect(resource(organization, 'aws_organizations_account', 'dev').role_name).toBe('PlatformDeploy');
    expect(assumedRole(baseline!, 'prod')).toMatch(/:role\/PlatformDeploy$/);
  });

  test('with the default role, created accounts keep Organizations\' default (no role_name written)', () => {
    expect(resource(synth(baselineConfig()).organization, 'aws_organizations_account', 'prod').role_name).toBeUndefined();
  });
});

describe('an invited member account (given by id) without a stated role', () => {
  const config = withChange((b) => (b.accounts.audit = { alias: 'example-test-audit' }));

  test('still synthesizes, through OrganizationAccountAccessRole', () => {
    expect(assumedRole(synth(config).baseline!, 'audit')).toBe('arn:aws:iam::222222222222:role/OrganizationAccountAccessRole');
  });

  test('becomes manual step MEMBER-ACCESS-ROLE, first in the list: the role, its trust and its permissions', () => {
    const steps = model(config).manualSteps;
    expect(steps[0].id).toBe('MEMBER-ACCESS-ROLE');
    expect(steps[0].actions[0]).toBe('Create role OrganizationAccountAccessRole in audit (222222222222), trusted by the management account 111111111111, with AdministratorAccess');
    expect(steps[0].actions).toContain('The trust policy this gives: {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "sts:AssumeRole"}');
    expect(steps[0].verify).toEqual(['From the management account: aws sts assume-role --role-arn arn:aws:iam::222222222222:role/OrganizationAccountAccessRole --role-session-name check returns credentials']);
  });

  test('a stated roleName (Control Tower: AWSControlTowerExecution) removes the step', () => {
    const stated = withChange((b, c) => {
      b.accounts.audit = {};
      c.organization.accounts.audit.roleName = 'AWSControlTowerExecution';
    });
    expect(issues(stated).every((i) => i.message.includes('AWSControlTowerExecution'))).toBe(true);
  });

  test('created accounts and accounts no stack reaches get no step', () => {
    expect(model(baselineConfig()).manualSteps.map((step) => step.id)).not.toContain('MEMBER-ACCESS-ROLE');
  });
});

describe('ARNs follow the partition of the region', () => {
  const gov = (region: string) =>
    withChange((b, c) => {
      c.region = region;
      // The bundled SCP files are written for the aws partition (see the next test).
      b.serviceControlPolicies = {};
    });

  test.each([
    ['us-gov-west-1', 'aws-us-gov'],
    ['cn-north-1', 'aws-cn'],
    ['eu-west-1', 'aws'],
  ])('%s → arn:%s: in role ARNs, AWS managed policies and the MFA policy', (region, partition) => {
    const { identityCenter, baseline } = synth(gov(region));
    expect(assumedRole(baseline!, 'prod')).toMatch(new RegExp(`^arn:${partition}:iam::`));
    expect(resource(identityCenter, 'aws_ssoadmin_managed_policy_attachment', 'admin__administratoraccess').managed_policy_arn).toBe(`arn:${partition}:iam::aws:policy/AdministratorAccess`);
    expect(resource(baseline!, 'aws_iam_group_policy_attachment', 'administrators__administratoraccess').policy_arn).toBe(`arn:${partition}:iam::aws:policy/AdministratorAccess`);
    expect(resource(baseline!, 'aws_iam_group_policy_attachment', 'administrators__iamuserchangepassword').policy_arn).toBe(`arn:${partition}:iam::aws:policy/IAMUserChangePassword`);
    const mfa = String(resource(baseline!, 'aws_iam_policy', 'require_mfa').policy);
    expect(mfa).toContain(`"arn:${partition}:iam::*:mfa/*"`);
    expect(mfa).toContain(`"arn:${partition}:iam::*:user/$\${aws:username}"`);
    expect(mfa).not.toMatch(partition === 'aws' ? /arn:aws-/ : /arn:aws:/);
  });

  test('an SCP exemption written for another partition does not exempt the deployment role, and the fix names the right ARN', () => {
    const found = issues(withChange((b, c) => {
      c.region = 'us-gov-west-1';
      delete b.serviceControlPolicies['deny-root-user'];
    }));
    expect(found.length).toBeGreaterThan(0);
    expect(found[0].fix).toContain('"arn:aws-us-gov:iam::*:role/OrganizationAccountAccessRole"');
  });
});

describe('ARNs written in the config', () => {
  test('must be in the partition of the region, with the fix written out', () => {
    const config = withChange((b, c) => {
      c.region = 'us-gov-west-1';
      b.serviceControlPolicies = {};
      b.iamGroups = { Auditors: { managedPolicies: ['arn:aws:iam::aws:policy/SecurityAudit'] } };
      c.identityCenter.permissionSets = { Reader: { managedPolicies: ['arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess'], permissionsBoundary: { managedPolicy: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } } };
    });
    const found = issues(config);
    expect(found.map((i) => i.path)).toEqual([
      ['identityCenter', 'permissionSets', 'Reader', 'permissionsBoundary', 'managedPolicy'],
      ['baseline', 'iamGroups', 'Auditors', 'managedPolicies', 0],
    ]);
    expect(found[1].message).toBe('arn:aws:iam::aws:policy/SecurityAudit is in partition aws, but region us-gov-west-1 is in partition aws-us-gov');
    expect(found[1].fix).toBe('write it as arn:aws-us-gov:iam::aws:policy/SecurityAudit');
  });
});

import { loadEnvironmentText } from '../../config/load';
import type { ImportMap } from '../../config/import-map';
import { baseConfig, toYaml } from '../helpers/environment';

const mapWith = (principals: string[], policyTypes: string[]): ImportMap => ({
  version: 1,
  stacks: { 'test-organization': { 'aws_organizations_organization.organization': { id: 'o-abc123', observed: { aws_service_access_principals: principals, enabled_policy_types: policyTypes }, known: {} } } },
});

describe('a config checked against the import map', () => {
  test('leaving out a service principal that AWS has enabled is refused', () => {
    const result = loadEnvironmentText(toYaml(baseConfig()), 'environments/test.yaml', mapWith(['iam.amazonaws.com', 'sso.amazonaws.com', 'config.amazonaws.com'], ['SERVICE_CONTROL_POLICY']));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ path: ['organization', 'servicePrincipals'] });
    expect(result.issues[0].message).toBe('config.amazonaws.com is enabled in the organization (import map) but not listed here: the first apply would disable it');
  });

  test('leaving out SCPs is refused with the warning that every SCP would be detached', () => {
    const config: any = baseConfig();
    config.organization.policyTypes = [];
    const result = loadEnvironmentText(toYaml(config), 'environments/test.yaml', mapWith(['iam.amazonaws.com', 'sso.amazonaws.com'], ['SERVICE_CONTROL_POLICY']));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0].message).toContain('which detaches every SCP in the organization');
  });

  test('allowDisabling states the intent and lets the config through', () => {
    const config: any = baseConfig();
    config.organization.allowDisabling = ['config.amazonaws.com'];
    const result = loadEnvironmentText(toYaml(config), 'environments/test.yaml', mapWith(['iam.amazonaws.com', 'sso.amazonaws.com', 'config.amazonaws.com'], ['SERVICE_CONTROL_POLICY']));
    expect(result.ok).toBe(true);
  });
});

describe('policy types the provider cannot list (unmanagedPolicyTypes)', () => {
  const principals = ['iam.amazonaws.com', 'sso.amazonaws.com'];

  test('one AWS has enabled is refused when the config does not name it, and accepted under unmanagedPolicyTypes', () => {
    const refused = loadEnvironmentText(toYaml(baseConfig()), 'environments/test.yaml', mapWith(principals, ['SECURITYHUB_POLICY', 'SERVICE_CONTROL_POLICY']));
    expect(refused.ok).toBe(false);
    const config: any = baseConfig();
    config.organization.unmanagedPolicyTypes = ['SECURITYHUB_POLICY'];
    const accepted = loadEnvironmentText(toYaml(config), 'environments/test.yaml', mapWith(principals, ['SECURITYHUB_POLICY', 'SERVICE_CONTROL_POLICY']));
    expect(accepted.ok).toBe(true);
  });

  test('a type Terraform can manage does not belong there', () => {
    const config: any = baseConfig();
    config.organization.unmanagedPolicyTypes = ['TAG_POLICY'];
    const result = loadEnvironmentText(toYaml(config), 'environments/test.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => [i.path, i.message, i.fix])).toEqual([[['organization', 'unmanagedPolicyTypes', 0], 'TAG_POLICY is a policy type Terraform manages: it does not belong in unmanagedPolicyTypes', 'move TAG_POLICY to organization.policyTypes']]);
  });

  test('with types left alone, a listed type AWS has not enabled is refused: Terraform would never enable it', () => {
    const config: any = baseConfig();
    config.organization.policyTypes = ['SERVICE_CONTROL_POLICY', 'TAG_POLICY'];
    config.organization.unmanagedPolicyTypes = ['SECURITYHUB_POLICY'];
    const result = loadEnvironmentText(toYaml(config), 'environments/test.yaml', mapWith(principals, ['SECURITYHUB_POLICY', 'SERVICE_CONTROL_POLICY']));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.message)).toEqual(['TAG_POLICY is not enabled in the organization (import map), and with unmanagedPolicyTypes Terraform leaves the policy types as AWS has them: it would never be enabled']);
  });
});

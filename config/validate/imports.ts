/** Checks of the config against what discovery found (the import map). */
import { REQUIRED_SERVICE_PRINCIPALS } from '../../model/build';
import type { ImportMap } from '../import-map';
import { ConfigIssue, issue } from '../issues';
import type { EnvironmentConfig } from '../schema';

/**
 * After import, every service principal and policy type enabled in AWS is in state; one the config
 * leaves out is disabled on apply — and disabling SERVICE_CONTROL_POLICY detaches every SCP.
 */
export function checkOrganizationAgainstImports(config: EnvironmentConfig, map: ImportMap, stackName: string): ConfigIssue[] {
  const observed = map.stacks[stackName]?.['aws_organizations_organization.organization']?.observed;
  if (!observed) return [];
  const issues: ConfigIssue[] = [];
  const allowed = new Set(config.organization.allowDisabling);
  const configured = {
    aws_service_access_principals: new Set([...REQUIRED_SERVICE_PRINCIPALS, ...config.organization.servicePrincipals]),
    enabled_policy_types: new Set<string>([...config.organization.policyTypes, ...config.organization.unmanagedPolicyTypes]),
  };
  const keys = { aws_service_access_principals: 'servicePrincipals', enabled_policy_types: 'policyTypes' } as const;
  for (const attribute of ['aws_service_access_principals', 'enabled_policy_types'] as const) {
    const enabled = Array.isArray(observed[attribute]) ? (observed[attribute] as string[]) : [];
    for (const value of enabled) {
      if (configured[attribute].has(value) || allowed.has(value)) continue;
      const consequence = value === 'SERVICE_CONTROL_POLICY' ? ', which detaches every SCP in the organization' : '';
      issues.push(issue(['organization', keys[attribute]], `${value} is enabled in the organization (import map) but not listed here: the first apply would disable it${consequence}`, `add ${value} to organization.${keys[attribute]}, or to organization.allowDisabling to disable it on purpose`));
    }
  }
  // With types Terraform leaves alone, it enables none either: a listed type AWS has not enabled stays off.
  const enabledTypes = Array.isArray(observed.enabled_policy_types) ? (observed.enabled_policy_types as string[]) : [];
  if (config.organization.unmanagedPolicyTypes.length > 0) {
    for (const type of config.organization.policyTypes.filter((candidate) => !enabledTypes.includes(candidate))) {
      issues.push(issue(['organization', 'policyTypes'], `${type} is not enabled in the organization (import map), and with unmanagedPolicyTypes Terraform leaves the policy types as AWS has them: it would never be enabled`, `enable ${type} in AWS (aws organizations enable-policy-type) and discover again, or remove it from organization.policyTypes`));
    }
  }
  return issues;
}

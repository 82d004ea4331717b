/** The meaning checks, run after the shape check; each returns every issue it finds. */
import type { ConfigIssue } from '../issues';
import { NO_POLICY_FILES, type PolicyFiles } from '../policy-files';
import type { EnvironmentConfig } from '../schema';
import { checkAddressCollisions } from './addresses';
import { checkAssignments } from './assignments';
import { checkAwsLimits } from './aws-limits';
import { checkBaseline } from './baseline';
import { checkCustomerManagedPolicies } from './customer-managed-policies';
import { checkDelegatedAdministrator, checkExistingOrganization } from './existing-organization';
import { checkServiceControlPolicies } from './service-control-policies';
import { checkMfa } from './mfa';
import { checkNames } from './names';
import { checkAccounts, checkOrganizationalUnits, checkUnmanagedPolicyTypes } from './organization';
import { checkPartition } from './partition';
import { checkPermissionSets } from './permission-sets';
import { checkPolicyContents } from './policy-contents';
import { checkGroups, checkUsers } from './principals';
import { checkRenames } from './renames';

const CHECKS: ReadonlyArray<(config: EnvironmentConfig, files: PolicyFiles) => ConfigIssue[]> = [
  checkOrganizationalUnits,
  checkAccounts,
  checkUnmanagedPolicyTypes,
  checkExistingOrganization,
  checkDelegatedAdministrator,
  checkPermissionSets,
  checkUsers,
  checkGroups,
  checkAssignments,
  checkMfa,
  checkAddressCollisions,
  checkRenames,
  checkBaseline,
  checkServiceControlPolicies,
  // AWS's limits, character sets and policy grammar (config/validate/aws-limits.ts, names.ts, policy-contents.ts).
  checkAwsLimits,
  checkNames,
  checkPolicyContents,
  checkCustomerManagedPolicies,
  checkPartition,
];

/** `files`: the policy files the config names, read by the loader (config/policy-files.ts). */
export function validateEnvironment(config: EnvironmentConfig, files: PolicyFiles = NO_POLICY_FILES): ConfigIssue[] {
  return CHECKS.flatMap((check) => check(config, files));
}

/** What an environment gets without asking: the Admin and PowerUser permission sets. */
import { awsManagedPolicyArn, partitionOf, type Partition } from '../model/partition';
import type { EnvironmentConfig, PermissionSetConfig } from './schema';

export const DEFAULT_SESSION_DURATION = 'PT1H';

const defaultSet = (description: string, policyArn: string): PermissionSetConfig => ({
  existing: false,
  description,
  sessionDuration: DEFAULT_SESSION_DURATION,
  managedPolicies: [policyArn],
  customerManagedPolicies: [],
});

/** Admin and PowerUser, with the AWS managed policies of the region's partition. */
export function defaultPermissionSets(partition: Partition): Record<string, PermissionSetConfig> {
  return {
    Admin: defaultSet('Full administrator access (AdministratorAccess)', awsManagedPolicyArn(partition, 'AdministratorAccess')),
    PowerUser: defaultSet('Full access except IAM and Organizations (PowerUserAccess)', awsManagedPolicyArn(partition, 'PowerUserAccess')),
  };
}

/** The file's permission sets plus Admin and PowerUser where the file does not define them itself. */
export function effectivePermissionSets(config: EnvironmentConfig): Record<string, PermissionSetConfig> {
  const own = config.identityCenter.permissionSets;
  if (!config.identityCenter.defaultPermissionSets) return own;
  return { ...defaultPermissionSets(partitionOf(config.region)), ...own };
}

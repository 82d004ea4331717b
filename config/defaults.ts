/** What an environment gets without asking: the Admin and PowerUser permission sets. */
import type { EnvironmentConfig, PermissionSetConfig } from './schema';

export const DEFAULT_SESSION_DURATION = 'PT1H';

const defaultSet = (description: string, policyArn: string): PermissionSetConfig => ({
  existing: false,
  description,
  sessionDuration: DEFAULT_SESSION_DURATION,
  managedPolicies: [policyArn],
  customerManagedPolicies: [],
});

export const DEFAULT_PERMISSION_SETS: Readonly<Record<string, PermissionSetConfig>> = {
  Admin: defaultSet('Full administrator access (AdministratorAccess)', 'arn:aws:iam::aws:policy/AdministratorAccess'),
  PowerUser: defaultSet('Full access except IAM and Organizations (PowerUserAccess)', 'arn:aws:iam::aws:policy/PowerUserAccess'),
};

/** The file's permission sets plus Admin and PowerUser where the file does not define them itself. */
export function effectivePermissionSets(config: EnvironmentConfig): Record<string, PermissionSetConfig> {
  const own = config.identityCenter.permissionSets;
  if (!config.identityCenter.defaultPermissionSets) return own;
  return { ...DEFAULT_PERMISSION_SETS, ...own };
}

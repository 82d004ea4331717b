/** The meaning checks, run after the shape check; each returns every issue it finds. */
import type { ConfigIssue } from '../issues';
import type { EnvironmentConfig } from '../schema';
import { checkAddressCollisions } from './addresses';
import { checkAssignments } from './assignments';
import { checkMfa } from './mfa';
import { checkAccounts, checkOrganizationalUnits } from './organization';
import { checkPermissionSets } from './permission-sets';
import { checkGroups, checkUsers } from './principals';
import { checkRenames } from './renames';

const CHECKS: ReadonlyArray<(config: EnvironmentConfig) => ConfigIssue[]> = [
  checkOrganizationalUnits,
  checkAccounts,
  checkPermissionSets,
  checkUsers,
  checkGroups,
  checkAssignments,
  checkMfa,
  checkAddressCollisions,
  checkRenames,
];

export function validateEnvironment(config: EnvironmentConfig): ConfigIssue[] {
  return CHECKS.flatMap((check) => check(config));
}

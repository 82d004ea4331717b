/**
 * Where the config defines each renamable object: the Terraform address the model gives it, its key
 * (what a `renames:` entry names), its config path and its line. Synth's rename hints point here, so
 * a hint says which file and line to change (config/locate.ts finds the line).
 */
import type { ConfigPath } from './issues';
import { flattenOrganizationalUnits } from './ou-tree';
import type { EnvironmentConfig } from './schema';
import { addressName, joinAddress } from '../model/address';

export interface Definition {
  /** The key in the config: an account key, a group name, an OU path (`Workloads/Prod`). */
  readonly key: string;
  readonly path: ConfigPath;
}

export interface ConfigDefinitions {
  /** By resource address (`aws_identitystore_group.platform_admins`). */
  readonly byAddress: ReadonlyMap<string, Definition>;
  /**
   * The line of the key at a config path (a definition's, or `['renames']`), undefined when the file
   * does not have it. Asked only for a hint: finding every key's line up front cost seconds at 3,000 users.
   */
  readonly lineOf: (path: ConfigPath) => number | undefined;
}

/** `lineOf(path)`: the line of the key at `path` (config/locate.ts with atKey), undefined when the file does not have it. */
export function configDefinitions(config: EnvironmentConfig, lineOf: (path: ConfigPath) => number | undefined): ConfigDefinitions {
  const byAddress = new Map<string, Definition>();
  const add = (address: string, key: string, path: ConfigPath) => byAddress.set(address, { key, path });
  for (const key of Object.keys(config.organization.accounts)) add(`aws_organizations_account.${addressName(key)}`, key, ['organization', 'accounts', key]);
  for (const ou of flattenOrganizationalUnits(config.organization.organizationalUnits)) add(`aws_organizations_organizational_unit.${joinAddress(...ou.path.split('/'))}`, ou.path, ou.configPath);
  for (const key of Object.keys(config.identityCenter.permissionSets)) add(`aws_ssoadmin_permission_set.${addressName(key)}`, key, ['identityCenter', 'permissionSets', key]);
  for (const key of Object.keys(config.identityCenter.groups)) add(`aws_identitystore_group.${addressName(key)}`, key, ['identityCenter', 'groups', key]);
  for (const key of Object.keys(config.identityCenter.users)) add(`aws_identitystore_user.${addressName(key)}`, key, ['identityCenter', 'users', key]);
  for (const key of Object.keys(config.baseline?.serviceControlPolicies ?? {})) add(`aws_organizations_policy.${addressName(key)}`, key, ['baseline', 'serviceControlPolicies', key]);
  for (const key of Object.keys(config.baseline?.iamUsers ?? {})) add(`aws_iam_user.${addressName(key)}`, key, ['baseline', 'iamUsers', key]);
  for (const key of Object.keys(config.baseline?.iamGroups ?? {})) add(`aws_iam_group.${addressName(key)}`, key, ['baseline', 'iamGroups', key]);
  return { byAddress, lineOf };
}

import type { AccountModel, EnvironmentModel } from '../model/environment';
import { roleArn } from '../model/partition';

/**
 * The role the stacks that administer Identity Center (`<env>-identity-center`, and the
 * `<env>-access-<shard>` stacks that hold assignments) assume in the delegated administrator account
 * (identityCenter.delegatedAdministrator), or undefined when the management account administers it.
 * `accountIdOf` gives a created account's ID (from the organization stack's remote state).
 *
 * From there the stacks can do what AWS lets a delegated administrator do; what it cannot (manage the
 * management account's access and the permission sets provisioned there, register the delegation) is
 * refused at the config edge (config/validate/existing-organization.ts).
 */
export function delegatedAdministratorRoleArn(environment: EnvironmentModel, accountIdOf: (account: AccountModel) => string): string | undefined {
  const administrator = environment.identityCenter.delegatedAdministrator;
  if (!administrator) return undefined;
  const accountId = administrator.accountId ?? accountIdOf(administrator.account!);
  return roleArn(environment.partition, accountId, administrator.roleName);
}

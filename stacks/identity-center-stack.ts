import { Construct } from 'constructs';
import { propertyAccess, Token, type ITerraformDependable, type TerraformProvider } from '../lib/cdktf';
import type { AccountModel, EnvironmentModel } from '../model/environment';
import { AccessControlAttributes } from '../modules/access-control-attributes';
import { AccountAssignments } from '../modules/account-assignments';
import { CustomerManagedPolicies } from '../modules/customer-managed-policies';
import { GroupMemberships } from '../modules/group-memberships';
import { IdentityCenterInstance } from '../modules/identity-center-instance';
import { IdentityStoreGroups } from '../modules/identity-store-groups';
import { IdentityStoreUsers } from '../modules/identity-store-users';
import { LiveOrganization } from '../modules/live-organization';
import { OrganizationAccountAssignments } from '../modules/organization-account-assignments';
import { PermissionSet } from '../modules/permission-set';
import { releasedBlocks } from './access-stack';
import { EnvironmentStack } from './environment-stack';
import { delegatedAdministratorRoleArn } from './identity-center-administrator';
import { memberAccountProvider } from './member-provider';

export interface IdentityCenterStackProps {
  readonly environment: EnvironmentModel;
  /** The stack whose `account_ids` output holds the IDs of the accounts it creates. */
  readonly organization: EnvironmentStack;
}

/**
 * `<env>-identity-center`: permission sets, users, groups, memberships and account assignments, and
 * the customer managed policies the sets reference, created in each account they are assigned to.
 * In a sharded environment (model/shards.ts) the assignments are in `<env>-access-<shard>` stacks
 * instead, and this stack outputs the group and user IDs they read.
 */
export class IdentityCenterStack extends EnvironmentStack {
  constructor(scope: Construct, props: IdentityCenterStackProps) {
    const { environment } = props;
    const ic = environment.identityCenter;
    super(scope, `${environment.name}-identity-center`, { environment, region: ic.region });

    const accountIds = this.remoteStateOf(props.organization, 'organization').get('account_ids');
    // One reference token per account, not one per assignment (6,000 at 300 accounts): each token costs cdktf a stack trace.
    const accountIdTokens = new Map<string, string>();
    const accountIdOf = (account: AccountModel): string => {
      if (account.kind === 'existing') return account.id;
      if (!accountIdTokens.has(account.key)) accountIdTokens.set(account.key, Token.asString(propertyAccess(accountIds, [account.key])));
      return accountIdTokens.get(account.key)!;
    };

    // With a delegated administrator, the stack's own provider runs in that account; member-account providers do not.
    const administratorRole = delegatedAdministratorRoleArn(environment, accountIdOf);
    if (administratorRole !== undefined) this.runThroughRole(administratorRole, `${environment.name}-identity-center`);

    const instance = new IdentityCenterInstance(this, 'Instance');
    const { instanceArn, identityStoreId } = instance;
    // Customer managed policies in each account a set that references them is assigned to, through
    // that account's deployment role; the set's attachments (and so its assignments) wait for them.
    const providers = new Map<string, TerraformProvider>();
    const providerOf = (account: AccountModel): TerraformProvider | undefined => {
      if (account.kind === 'existing' && account.management) return undefined;
      if (!providers.has(account.key)) providers.set(account.key, memberAccountProvider(this, environment, account, accountIdOf(account), `${environment.name}-identity-center`));
      return providers.get(account.key);
    };
    const policies = new CustomerManagedPolicies(this, 'CustomerManagedPolicies', { policies: ic.customerManagedPolicies, providerOf });
    const sets = new Map<string, PermissionSet>();
    for (const set of ic.permissionSets) {
      sets.set(set.address, new PermissionSet(this, `PermissionSet-${set.address}`, { permissionSet: set, instanceArn, customerManagedPolicyDependencies: (name) => policies.everywhere(name) }));
    }
    const users = new IdentityStoreUsers(this, 'Users', { users: ic.users, identityStoreId });
    const groups = new IdentityStoreGroups(this, 'Groups', { groups: ic.groups, identityStoreId });
    new GroupMemberships(this, 'GroupMemberships', {
      memberships: ic.memberships,
      identityStoreId,
      groupIdOf: (address) => groups.idOf(address),
      userIdOf: (address) => users.idOf(address),
    });
    const setOf = (address: string): PermissionSet => sets.get(address)!;
    const { access } = environment;
    if (access.kind === 'single') {
      new AccountAssignments(this, 'AccountAssignments', {
        assignments: ic.assignments,
        instanceArn,
        principalIdOf: (a) => (a.principalType === 'GROUP' ? groups.idOf(a.principalAddress) : users.idOf(a.principalAddress)),
        permissionSetArnOf: (address) => setOf(address).arn,
        permissionSetDependenciesOf: (address): ITerraformDependable[] => setOf(address).attachments,
        accountIdOf: (a) => accountIdOf(a.account),
      });
    } else if (access.releasedFromIdentityCenter.length > 0) {
      // The environment was split: the assignments this state holds now belong to the access stacks.
      this.addOverride('removed', releasedBlocks(access.releasedFromIdentityCenter, environment.moved.identityCenter));
    }
    if (ic.organizationAssignments.length > 0) {
      // An existing organization: OU and all-accounts targets reach the accounts it holds at plan time.
      const live = new LiveOrganization(this, 'LiveOrganization', {
        units: environment.organization.organizationalUnits,
        accountsOf: [...new Set(ic.organizationAssignments.flatMap((a) => a.organizationalUnits))].sort(),
        allAccounts: ic.organizationAssignments.some((a) => a.allAccounts || a.allAccountsExceptManagement),
      });
      new OrganizationAccountAssignments(this, 'OrganizationAccountAssignments', {
        assignments: ic.organizationAssignments,
        instanceArn,
        principalIdOf: (a) => (a.principalType === 'GROUP' ? groups.idOf(a.principalAddress) : users.idOf(a.principalAddress)),
        permissionSetArnOf: (address) => setOf(address).arn,
        permissionSetDependenciesOf: (address): ITerraformDependable[] => setOf(address).attachments,
        accountIdsOf: (a) => {
          const reached = a.allAccounts || a.allAccountsExceptManagement ? [live.activeAccountIds()] : a.organizationalUnits.map((path) => live.activeAccountIds(path));
          // A delegated administrator cannot manage the management account's access, wherever it sits.
          const left = [...a.excludedAccountIds.map((id) => `"${id}"`), ...(a.allAccountsExceptManagement || ic.delegatedAdministrator ? [live.managementAccountId] : [])];
          const ids = reached.length === 1 ? reached[0] : `distinct(concat(${reached.join(', ')}))`;
          return left.length === 0 ? ids : `setsubtract(${ids}, [${left.join(', ')}])`;
        },
      });
    }
    if (ic.accessControlAttributes.length > 0) {
      new AccessControlAttributes(this, 'AccessControlAttributes', { attributes: ic.accessControlAttributes, instanceArn });
    }

    this.output('instance_arn', instanceArn, 'ARN of the IAM Identity Center instance');
    this.output('identity_store_id', identityStoreId, 'ID of the Identity Center identity store');
    this.output('access_portal_url', `https://${identityStoreId}.awsapps.com/start`, 'AWS access portal URL (the default form; a customized subdomain replaces the identity store ID)');
    this.output('permission_set_arns', Object.fromEntries(ic.permissionSets.map((set) => [set.name, setOf(set.address).arn])), 'Permission set ARNs by name');
    if (access.kind === 'sharded') {
      // What the access stacks read (stacks/access-stack.ts); only when there are any, so an unsharded stack stays as it was.
      // Keyed by address name (platform_admins, jane_doe_at_example_com): display names may hold any text, which an expression cannot index safely.
      this.output('group_ids', Object.fromEntries(ic.groups.map((group) => [group.address, groups.idOf(group.address)])), 'Identity store group IDs by address name (aws_identitystore_group.<name>)');
      this.output('user_ids', Object.fromEntries(ic.users.map((user) => [user.address, users.idOf(user.address)])), 'Identity store user IDs by address name (aws_identitystore_user.<name>)');
    }
  }
}

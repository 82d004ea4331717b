import type { Construct } from 'constructs';
import { propertyAccess, Token, type TerraformRemoteState } from '../lib/cdktf';
import type { AccountModel, AssignmentModel, EnvironmentModel } from '../model/environment';
import type { MovedAddress } from '../model/renames';
import type { AccessShard } from '../model/shards';
import { AccountAssignments } from '../modules/account-assignments';
import { EnvironmentStack } from './environment-stack';
import { delegatedAdministratorRoleArn } from './identity-center-administrator';

export interface AccessStackProps {
  readonly environment: EnvironmentModel;
  readonly shard: AccessShard;
  /** `<env>-identity-center`, whose outputs hold the instance, the set ARNs and the principal IDs. */
  readonly identityCenter: EnvironmentStack;
  /** `<env>-organization`, whose `account_ids` output holds the IDs of the accounts it creates. */
  readonly organization: EnvironmentStack;
}

/**
 * `<env>-access-<shard>`: the account assignments of the shard's accounts, at the addresses they have
 * in an unsharded identity-center stack. It reads what they refer to the way the identity-center
 * stack reads account IDs: `data.terraform_remote_state.identity_center` (instance_arn,
 * permission_set_arns, group_ids, user_ids) and `data.terraform_remote_state.organization`
 * (account_ids, only when a created account is in the shard). Accounts moved here get `import`
 * blocks; accounts moved away get `removed { lifecycle { destroy = false } }` (model/shards.ts).
 */
export class AccessStack extends EnvironmentStack {
  constructor(scope: Construct, props: AccessStackProps) {
    const { environment, shard } = props;
    const ic = environment.identityCenter;
    super(scope, shard.stackName, { environment, region: ic.region });

    const identityCenter = this.remoteStateOf(props.identityCenter, 'identity_center');
    // A delegated administrator this project creates has its ID in the organization stack too.
    const needsIds = shard.assignments.some((assignment) => assignment.account.kind === 'managed') || ic.delegatedAdministrator?.account?.kind === 'managed';
    const accountIds = needsIds ? this.remoteStateOf(props.organization, 'organization').get('account_ids') : undefined;
    const instanceArn = identityCenter.getString('instance_arn');
    // One token per set, principal and account (a token costs cdktf a stack trace), not one per assignment.
    // Set names are [\w+=,.@-] (config/schema.ts); principals are keyed by address name: both safe inside an expression.
    const setArn = tokensOf(identityCenter, 'permission_set_arns');
    const groupId = tokensOf(identityCenter, 'group_ids');
    const userId = tokensOf(identityCenter, 'user_ids');
    const accountIdTokens = new Map<string, string>();
    const accountIdOf = (account: AccountModel): string => {
      if (account.kind === 'existing') return account.id;
      if (!accountIdTokens.has(account.key)) accountIdTokens.set(account.key, Token.asString(propertyAccess(accountIds, [account.key])));
      return accountIdTokens.get(account.key)!;
    };
    // Assignments are managed from where Identity Center is administered: the delegated administrator's account when there is one.
    const administratorRole = delegatedAdministratorRoleArn(environment, accountIdOf);
    if (administratorRole !== undefined) this.runThroughRole(administratorRole, shard.stackName);
    const setNameOf = new Map(ic.permissionSets.map((set) => [set.address, set.name]));
    const principalIdOf = (a: AssignmentModel) => (a.principalType === 'GROUP' ? groupId(a.principalAddress) : userId(a.principalAddress));
    const permissionSetArnOf = (address: string) => setArn(setNameOf.get(address)!);

    new AccountAssignments(this, 'AccountAssignments', {
      assignments: shard.assignments,
      instanceArn,
      principalIdOf,
      permissionSetArnOf,
      // The sets' policy attachments are in the identity-center stack, applied before this one.
      permissionSetDependenciesOf: () => [],
      accountIdOf: (a) => accountIdOf(a.account),
    });

    if (shard.imported.length > 0) {
      // The import ID of aws_ssoadmin_account_assignment: PRINCIPAL_ID,PRINCIPAL_TYPE,TARGET_ID,TARGET_TYPE,PERMISSION_SET_ARN,INSTANCE_ARN
      // (terraform-provider-aws internal/service/ssoadmin/account_assignment.go, ParseAccountAssignmentID).
      this.requireTerraform('import-id-expressions');
      this.addOverride(
        'import',
        shard.imported.map((a) => ({
          to: `aws_ssoadmin_account_assignment.${a.address}`,
          id: `${principalIdOf(a)},${a.principalType},${accountIdOf(a.account)},AWS_ACCOUNT,${permissionSetArnOf(a.permissionSetAddress)},${instanceArn}`,
        })),
      );
    }
    if (shard.released.length > 0) this.addOverride('removed', releasedBlocks(shard.released, environment.moved.identityCenter));
  }
}

/**
 * `removed { from = aws_ssoadmin_account_assignment.<address>, lifecycle { destroy = false } }` per
 * assignment: out of this state, not out of AWS. An assignment renamed in the same synth (an account,
 * group or set under `renames:`) is released at its old address too: this state holds it there until
 * the rename is applied, and a `moved` block cannot follow it into another stack, so without the
 * block its old address would be planned as a destroy. Terraform plans nothing for a removed block
 * whose address the state does not hold.
 */
export function releasedBlocks(assignments: readonly AssignmentModel[], renames: readonly MovedAddress[] = []): Array<{ from: string; lifecycle: { destroy: false } }> {
  const oldAddresses = new Map<string, string[]>();
  for (const move of renames) oldAddresses.set(move.to, [...(oldAddresses.get(move.to) ?? []), move.from]);
  return assignments.flatMap((a) => {
    const address = `aws_ssoadmin_account_assignment.${a.address}`;
    return [address, ...(oldAddresses.get(address) ?? [])].map((from) => ({ from, lifecycle: { destroy: false as const } }));
  });
}

/** `name` → a token for `<output>["name"]` of the remote state, made once per name. */
function tokensOf(remote: TerraformRemoteState, output: string): (name: string) => string {
  const map = remote.get(output);
  const tokens = new Map<string, string>();
  return (name) => {
    if (!tokens.has(name)) tokens.set(name, Token.asString(propertyAccess(map, [name])));
    return tokens.get(name)!;
  };
}

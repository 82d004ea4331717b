/**
 * Renames written in the config (`renames:`): a name changed, the AWS object stays. Every address
 * built from the old name — the object's own and those of memberships and assignments that carry
 * it — gets a `moved` block from its old address, so Terraform moves state instead of destroying
 * and recreating (an assignment recreated is access lost mid-apply).
 */
import { addressName, joinAddress } from './address';
import type { EnvironmentModel } from './environment';

export interface Renames {
  readonly accounts: Readonly<Record<string, string>>;
  readonly groups: Readonly<Record<string, string>>;
  readonly users: Readonly<Record<string, string>>;
  /** Old OU path → new OU path. */
  readonly organizationalUnits: Readonly<Record<string, string>>;
  readonly iamUsers: Readonly<Record<string, string>>;
  readonly iamGroups: Readonly<Record<string, string>>;
  readonly serviceControlPolicies: Readonly<Record<string, string>>;
}

/**
 * How the baseline stack's addresses carry renamed names, new address part → old: a member
 * account's prefix (`log-archive__…`), an IAM user's or group's name. Applied to whatever resources
 * the stack has (baselineMoves), so every resource of a renamed account moves, Config rules included.
 */
export interface BaselineRenames {
  /** Renamed account keys as addresses; baselineMoves asks only for the member accounts it finds resources in. */
  readonly accounts: ReadonlyMap<string, string>;
  readonly iamUsers: ReadonlyMap<string, string>;
  readonly iamGroups: ReadonlyMap<string, string>;
}

export interface EnvironmentMoves {
  readonly organization: readonly MovedAddress[];
  readonly identityCenter: readonly MovedAddress[];
  readonly baseline: BaselineRenames;
}

export interface MovedAddress {
  readonly from: string;
  readonly to: string;
}

/** Old → new address pairs per stack kind, for every resource whose address carries a renamed name. */
export function movedAddresses(environment: EnvironmentModel, renames: Renames): EnvironmentMoves {
  // new address part → old address part
  const accounts = invert(renames.accounts, addressName);
  const groups = invert(renames.groups, addressName);
  const users = invert(renames.users, addressName);
  const ic = environment.identityCenter;
  const organization: MovedAddress[] = [];
  const identityCenter: MovedAddress[] = [];

  for (const ou of environment.organization.organizationalUnits) {
    const oldPath = previousOuPath(ou.path, renames.organizationalUnits);
    if (oldPath !== ou.path) organization.push(move('aws_organizations_organizational_unit', joinAddress(...oldPath.split('/')), ou.address));
  }
  for (const account of environment.organization.accounts) {
    const old = accounts.get(account.address);
    if (old && account.kind === 'managed') organization.push(move('aws_organizations_account', old, account.address));
  }
  // Service control policies and their attachments carry the policy's name and the OU's path.
  const policies = invert(renames.serviceControlPolicies, addressName);
  for (const scp of environment.baseline?.organization.serviceControlPolicies ?? []) {
    const oldPolicy = policies.get(scp.address) ?? scp.address;
    if (oldPolicy !== scp.address) organization.push(move('aws_organizations_policy', oldPolicy, scp.address));
    for (const target of scp.targets) {
      const oldTarget = target.kind === 'root' ? 'root' : joinAddress(...previousOuPath(target.path, renames.organizationalUnits).split('/'));
      const from = `${oldPolicy}__${oldTarget}`;
      if (from !== target.attachmentAddress) organization.push(move('aws_organizations_policy_attachment', from, target.attachmentAddress));
    }
  }
  for (const group of ic.groups) {
    const old = groups.get(group.address);
    if (old && group.kind === 'managed') identityCenter.push(move('aws_identitystore_group', old, group.address));
  }
  for (const user of ic.users) {
    const old = users.get(user.address);
    if (old && user.kind === 'managed') identityCenter.push(move('aws_identitystore_user', old, user.address));
  }
  for (const membership of ic.memberships) {
    const from = joinAddress(groups.get(membership.groupAddress) ?? membership.groupAddress, users.get(membership.userAddress) ?? membership.userAddress);
    if (from !== membership.address) identityCenter.push(move('aws_identitystore_group_membership', from, membership.address));
  }
  for (const assignment of ic.assignments) {
    const principals = assignment.principalType === 'GROUP' ? groups : users;
    const principal = `${assignment.principalType.toLowerCase()}_${principals.get(assignment.principalAddress) ?? assignment.principalAddress}`;
    const from = joinAddress(principal, assignment.permissionSetAddress, accounts.get(assignment.account.address) ?? assignment.account.address);
    if (from !== assignment.address) identityCenter.push(move('aws_ssoadmin_account_assignment', from, assignment.address));
  }
  // A grant to a live organization's accounts is named by principal and set only (its instances by account ID):
  // a renamed group or user moves the whole resource, every instance with it.
  for (const grant of ic.organizationAssignments) {
    const principals = grant.principalType === 'GROUP' ? groups : users;
    const from = joinAddress(`${grant.principalType.toLowerCase()}_${principals.get(grant.principalAddress) ?? grant.principalAddress}`, grant.permissionSetAddress);
    if (from !== grant.address) identityCenter.push(move('aws_ssoadmin_account_assignment', from, grant.address));
  }
  // A customer managed policy in a renamed account: aws_iam_policy.<account>__<policy>.
  for (const policy of ic.customerManagedPolicies) {
    for (const instance of policy.instances) {
      const from = joinAddress(accounts.get(instance.account.address) ?? instance.account.address, policy.name);
      if (from !== instance.address) identityCenter.push(move('aws_iam_policy', from, instance.address));
    }
  }
  return { organization, identityCenter, baseline: { accounts, iamUsers: invert(renames.iamUsers, addressName), iamGroups: invert(renames.iamGroups, addressName) } };
}

/** Resource types of the baseline named after an IAM user (`<user>`) or group (`<group>` or `<group>__<policy>`). */
const NAMED_AFTER_USER = new Set(['aws_iam_user', 'aws_iam_user_group_membership', 'aws_iam_user_login_profile']);
const NAMED_AFTER_GROUP = new Set(['aws_iam_group', 'aws_iam_group_policy_attachment']);

/** A resource of the baseline stack: its address and, in a member account, that account's address (its name's prefix). */
export interface BaselineResource {
  readonly address: string;
  readonly memberAccount?: string;
}

/**
 * `moved` pairs for the baseline stack's resources whose names carry a renamed name: the member
 * account's prefix, then the IAM user or group the name starts with (`groups`: every group address,
 * so `<group>__<policy>` is split at the group, not at the first `__`).
 */
export function baselineMoves(resources: Iterable<BaselineResource>, renames: BaselineRenames, groups: readonly string[]): MovedAddress[] {
  const byLength = [...groups].sort((a, b) => b.length - a.length);
  const moves: MovedAddress[] = [];
  for (const { address, memberAccount } of resources) {
    const [type, name] = address.split('.') as [string, string];
    const prefix = memberAccount === undefined ? '' : `${memberAccount}__`;
    let rest = name.slice(prefix.length);
    if (NAMED_AFTER_USER.has(type)) rest = renames.iamUsers.get(rest) ?? rest;
    if (NAMED_AFTER_GROUP.has(type)) {
      const group = byLength.find((candidate) => rest === candidate || rest.startsWith(`${candidate}__`));
      if (group !== undefined) rest = `${renames.iamGroups.get(group) ?? group}${rest.slice(group.length)}`;
    }
    const oldPrefix = memberAccount === undefined ? '' : `${renames.accounts.get(memberAccount) ?? memberAccount}__`;
    const from = `${oldPrefix}${rest}`;
    if (from !== name) moves.push(move(type, from, name));
  }
  return moves;
}
/** The path an OU had before the renames: the longest renamed prefix of its path, put back. */
function previousOuPath(path: string, renames: Readonly<Record<string, string>>): string {
  const renamed = Object.entries(renames)
    .filter(([, to]) => path === to || path.startsWith(`${to}/`))
    .sort(([, a], [, b]) => b.length - a.length)[0];
  return renamed ? `${renamed[0]}${path.slice(renamed[1].length)}` : path;
}

function invert(renames: Readonly<Record<string, string>>, toAddress: (name: string) => string): Map<string, string> {
  return new Map(Object.entries(renames).map(([from, to]) => [toAddress(to), toAddress(from)]));
}

function move(type: string, from: string, to: string): MovedAddress {
  return { from: `${type}.${from}`, to: `${type}.${to}` };
}

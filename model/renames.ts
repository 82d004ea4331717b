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
}

export interface MovedAddress {
  readonly from: string;
  readonly to: string;
}

/** Old → new address pairs per stack kind, for every resource whose address carries a renamed name. */
export function movedAddresses(environment: EnvironmentModel, renames: Renames): { organization: MovedAddress[]; identityCenter: MovedAddress[] } {
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
  return { organization, identityCenter };
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

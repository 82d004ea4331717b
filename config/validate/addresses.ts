/** Different config names must not share a Terraform address. */
import { addressName } from '../../model/address';
import { effectivePermissionSets } from '../defaults';
import { ConfigIssue } from '../issues';
import { flattenOrganizationalUnits } from '../ou-tree';
import type { EnvironmentConfig } from '../schema';

export function checkAddressCollisions(config: EnvironmentConfig): ConfigIssue[] {
  const ic = config.identityCenter;
  const ous = flattenOrganizationalUnits(config.organization.organizationalUnits);
  return [
    ...collisions('account', Object.keys(config.organization.accounts).map((key) => ({ name: key, path: ['organization', 'accounts', key] }))),
    ...collisions('OU', ous.map((ou) => ({ name: ou.path, address: ou.path.split('/').map(addressName).join('__'), path: ou.configPath }))),
    ...collisions('permission set', Object.keys(effectivePermissionSets(config)).map((name) => ({ name, path: ['identityCenter', 'permissionSets', name] }))),
    ...collisions('user', Object.keys(ic.users).map((name) => ({ name, path: ['identityCenter', 'users', name] }))),
    ...collisions('group', Object.keys(ic.groups).map((name) => ({ name, path: ['identityCenter', 'groups', name] }))),
  ];
}

interface Named {
  readonly name: string;
  readonly path: ReadonlyArray<string>;
  readonly address?: string;
}

function collisions(what: string, entries: readonly Named[]): ConfigIssue[] {
  const seen = new Map<string, string>();
  const issues: ConfigIssue[] = [];
  for (const entry of entries) {
    const address = entry.address ?? addressName(entry.name);
    const first = seen.get(address);
    if (first === undefined) seen.set(address, entry.name);
    else issues.push({ path: entry.path, atKey: true, message: `${what} "${entry.name}" and ${what} "${first}" both become the Terraform name "${address}"`, fix: `rename one of them so they differ in more than case or punctuation` });
  }
  return issues;
}

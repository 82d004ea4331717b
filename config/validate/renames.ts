/** Renames name an old name that is gone and a new name that exists. */
import { didYouMean } from '../did-you-mean';
import { ConfigIssue, issue } from '../issues';
import { flattenOrganizationalUnits } from '../ou-tree';
import type { EnvironmentConfig } from '../schema';
import { ADMINISTRATORS_GROUP } from './baseline';

export function checkRenames(config: EnvironmentConfig): ConfigIssue[] {
  const kinds = [
    ['accounts', Object.keys(config.organization.accounts), 'organization.accounts'],
    ['groups', Object.keys(config.identityCenter.groups), 'identityCenter.groups'],
    ['users', Object.keys(config.identityCenter.users), 'identityCenter.users'],
    ['organizationalUnits', flattenOrganizationalUnits(config.organization.organizationalUnits).map((ou) => ou.path), 'organization.organizationalUnits'],
    ['iamUsers', Object.keys(config.baseline?.iamUsers ?? {}), 'baseline.iamUsers'],
    ['iamGroups', [...new Set([ADMINISTRATORS_GROUP, ...Object.keys(config.baseline?.iamGroups ?? {})])], 'baseline.iamGroups'],
    ['serviceControlPolicies', Object.keys(config.baseline?.serviceControlPolicies ?? {}), 'baseline.serviceControlPolicies'],
  ] as const;
  const issues: ConfigIssue[] = [];
  for (const [kind, names, where] of kinds) {
    for (const [from, to] of Object.entries(config.renames[kind])) {
      const at = ['renames', kind, from];
      if (!names.includes(to)) issues.push(issue(at, `rename target "${to}" is not defined under ${where}${didYouMean(to, names.filter((name) => name !== from))}`, `rename the entry in ${where} to "${to}" too`));
      if (names.includes(from)) issues.push({ path: at, atKey: true, message: `"${from}" is renamed but still defined under ${where}`, fix: 'remove the old entry, or remove the rename' });
    }
  }
  return issues;
}

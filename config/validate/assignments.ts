/** Account assignments: one principal, known permission sets, targets that exist. */
import { effectivePermissionSets } from '../defaults';
import { didYouMean } from '../did-you-mean';
import { parseExpiry } from '../expiry';
import { ConfigIssue, issue } from '../issues';
import { didYouMeanOuPath, flattenOrganizationalUnits, isWithin } from '../ou-tree';
import type { EnvironmentConfig } from '../schema';

export function checkAssignments(config: EnvironmentConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { identityCenter, organization } = config;
  const setNames = Object.keys(effectivePermissionSets(config));
  const accountKeys = Object.keys(organization.accounts);
  const ouPaths = flattenOrganizationalUnits(organization.organizationalUnits).map((ou) => ou.path);
  const userNames = Object.keys(identityCenter.users);
  const groupNames = Object.keys(identityCenter.groups);
  const hasManagement = Object.values(organization.accounts).some((account) => account.management);

  identityCenter.assignments.forEach((assignment, index) => {
    const at = ['identityCenter', 'assignments', index];
    if ((assignment.group === undefined) === (assignment.user === undefined)) {
      issues.push(issue(at, 'an assignment names exactly one principal: group or user', 'write group: <name> or user: <name>, not both or neither'));
    } else if (assignment.group !== undefined && !groupNames.includes(assignment.group)) {
      issues.push(issue([...at, 'group'], `group "${assignment.group}" is not defined${didYouMean(assignment.group, groupNames)}`, 'define it under identityCenter.groups (with existing: true if it comes from your identity provider), or remove the assignment'));
    } else if (assignment.user !== undefined && !userNames.includes(assignment.user)) {
      issues.push(issue([...at, 'user'], `user "${assignment.user}" is not defined${didYouMean(assignment.user, userNames)}`, 'define it under identityCenter.users (with existing: true if it exists already), or remove the assignment'));
    }
    assignment.permissionSets.forEach((name, i) => {
      if (!setNames.includes(name)) {
        issues.push(issue([...at, 'permissionSets', i], `permission set "${name}" is not defined${didYouMean(name, setNames)}`, `use one of: ${setNames.join(', ')}; define it under identityCenter.permissionSets; or remove the reference`));
      }
    });
    assignment.accounts.forEach((key, i) => {
      if (!accountKeys.includes(key)) {
        issues.push(issue([...at, 'accounts', i], `account "${key}" is not defined${didYouMean(key, accountKeys)}`, `use one of: ${accountKeys.join(', ')}; define it under organization.accounts; or remove the reference`));
      }
    });
    assignment.organizationalUnits.forEach((path, i) => {
      if (!ouPaths.includes(path)) {
        issues.push(issue([...at, 'organizationalUnits', i], `OU "${path}" is not defined${didYouMeanOuPath(path, ouPaths)}`, `write the full path from the root, e.g. ${ouPaths[ouPaths.length - 1] ?? 'Workloads/Prod'}, or remove the reference`));
      } else if (!organization.existing && !Object.values(organization.accounts).some((account) => isWithin(account.ou, path))) {
        // (An existing organization's OUs are read at plan time: accounts created outside this file count.)
        issues.push(issue([...at, 'organizationalUnits', i], `OU "${path}" holds no account in this file, so this target grants nothing`, 'add the accounts to the OU, or remove the target'));
      }
    });
    const targets = assignment.accounts.length + assignment.organizationalUnits.length + Number(assignment.allAccounts) + Number(assignment.allAccountsExceptManagement);
    if (targets === 0) {
      issues.push(issue(at, 'the assignment has no target', 'add accounts:, organizationalUnits:, allAccounts: true or allAccountsExceptManagement: true'));
    }
    if (assignment.expires !== undefined) {
      const parsed = parseExpiry(assignment.expires);
      if (!parsed.ok) issues.push(issue([...at, 'expires'], parsed.message, parsed.fix));
    }
    if (assignment.allAccountsExceptManagement && !hasManagement && !organization.existing) {
      issues.push(issue([...at, 'allAccountsExceptManagement'], 'no account is marked management: true, so "all accounts except the management account" is undefined', 'mark the management account with management: true and its id'));
    }
  });
  return issues;
}

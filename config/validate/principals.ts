/** Identity Center users and groups: what a created user needs, and memberships that resolve. */
import { didYouMean } from '../did-you-mean';
import { ConfigIssue, issue } from '../issues';
import type { EnvironmentConfig, UserConfig } from '../schema';

const REQUIRED_FOR_NEW_USER = ['displayName', 'givenName', 'familyName'] as const;

export function checkUsers(config: EnvironmentConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [userName, user] of Object.entries(config.identityCenter.users)) {
    const at = ['identityCenter', 'users', userName];
    if (user.existing) {
      const profile = Object.keys(user).filter((key) => key !== 'existing' && key !== 'name' && user[key as keyof UserConfig] !== undefined);
      for (const key of profile) {
        issues.push(issue([...at, key], `user "${userName}" is existing: its profile is not managed here, so ${key} would never be applied`, `remove ${key}, or remove existing: true to manage the user here`));
      }
      continue;
    }
    for (const key of REQUIRED_FOR_NEW_USER) {
      if (user[key] === undefined) issues.push(issue(at, `user "${userName}" needs ${key}`, `add ${key}:, or mark the user existing: true if it comes from your identity provider`));
    }
  }
  return issues;
}

export function checkGroups(config: EnvironmentConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const userNames = Object.keys(config.identityCenter.users);
  // A set: an adopted group lists hundreds of members of thousands of users.
  const known = new Set(userNames);
  for (const [groupName, group] of Object.entries(config.identityCenter.groups)) {
    const at = ['identityCenter', 'groups', groupName];
    if (group.existing && group.description !== undefined) {
      issues.push(issue([...at, 'description'], `group "${groupName}" is existing: its description is not managed here`, 'remove description'));
    }
    const seen = new Set<string>();
    group.members.forEach((member, index) => {
      if (!known.has(member)) {
        issues.push(issue([...at, 'members', index], `user "${member}" is not defined${didYouMean(member, userNames)}`, 'define it under identityCenter.users (with existing: true if it exists already), or remove it from members'));
      } else if (seen.has(member)) {
        issues.push(issue([...at, 'members', index], `user "${member}" is listed twice in group "${groupName}"`, 'remove the duplicate'));
      }
      seen.add(member);
    });
  }
  return issues;
}

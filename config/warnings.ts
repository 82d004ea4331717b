/**
 * Things that are valid but probably not meant: printed, never fatal. A group key `Platform Admin:`
 * beside `Platform Admins` is a valid name, so the typo silently creates an empty group; an unused
 * principal one edit away from another one is worth a line.
 */
import { editDistance } from './did-you-mean';
import type { ConfigIssue } from './issues';
import type { EnvironmentConfig } from './schema';

/** Longest name compared (distance work is quadratic in it). */
const MAX_NAME = 256;

function nearby(name: string, others: readonly string[]): string | undefined {
  if (name.length > MAX_NAME) return undefined;
  return others.find((other) => other !== name && other.length <= MAX_NAME && Math.abs(other.length - name.length) <= 1 && editDistance(name.toLowerCase(), other.toLowerCase(), 2) <= 1);
}

export function configWarnings(config: EnvironmentConfig): ConfigIssue[] {
  const warnings: ConfigIssue[] = [];
  const { groups, users, assignments } = config.identityCenter;
  const assignedGroups = new Set(assignments.map((a) => a.group).filter((g): g is string => g !== undefined));
  const assignedUsers = new Set(assignments.map((a) => a.user).filter((u): u is string => u !== undefined));
  const members = new Set(Object.values(groups).flatMap((group) => group.members));
  const groupNames = Object.keys(groups);
  const userNames = Object.keys(users);
  // Only small maps are compared pairwise; a generated estate of thousands is not typed by hand.
  if (groupNames.length <= 2000) {
    for (const [name, group] of Object.entries(groups)) {
      if (group.existing || group.members.length > 0 || assignedGroups.has(name)) continue;
      const other = nearby(name, groupNames);
      if (other !== undefined) {
        warnings.push({ path: ['identityCenter', 'groups', name], atKey: true, message: `group "${name}" has no members and no assignments, and is one letter away from group "${other}"`, fix: `if it is a typo, move its settings to "${other}" and remove it; if it is meant, give it members or an assignment` });
      }
    }
  }
  if (userNames.length <= 2000) {
    for (const [name, user] of Object.entries(users)) {
      if (user.existing || members.has(name) || assignedUsers.has(name)) continue;
      const other = nearby(name, userNames);
      if (other !== undefined) {
        warnings.push({ path: ['identityCenter', 'users', name], atKey: true, message: `user "${name}" is in no group and has no assignments, and is one letter away from user "${other}"`, fix: `if it is a typo, move its settings to "${other}" and remove it; if it is meant, add the user to a group` });
      }
    }
  }
  return warnings;
}

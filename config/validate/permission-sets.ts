/** Permission sets: AWS's naming rules, session length, policies that parse. */
import { effectivePermissionSets } from '../defaults';
import { ConfigIssue, issue } from '../issues';
import { parsePolicyDocument } from '../policy-document';
import { PERMISSION_SET_NAME, type EnvironmentConfig } from '../schema';
import { MAX_SESSION_MINUTES, MIN_SESSION_MINUTES, sessionMinutes } from '../session-duration';

/** PutInlinePolicyToPermissionSet: InlinePolicy is 1–32,768 characters. */
export const INLINE_POLICY_MAX_LENGTH = 32_768;

export function checkPermissionSets(config: EnvironmentConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [name, set] of Object.entries(config.identityCenter.permissionSets)) {
    const at = ['identityCenter', 'permissionSets', name];
    const awsName = set.name ?? name;
    if (!PERMISSION_SET_NAME.test(awsName)) {
      issues.push({ path: set.name === undefined ? at : [...at, 'name'], atKey: set.name === undefined, message: `permission set name "${awsName}" breaks AWS's rules: 1–32 characters of letters, digits and +=,.@_-`, fix: 'rename it, e.g. without spaces' });
    }
    if (set.existing) {
      const declared: string[] = (['description', 'sessionDuration', 'relayState', 'inlinePolicy', 'permissionsBoundary', 'tags'] as const).filter((key) => set[key] !== undefined);
      if (set.managedPolicies.length > 0) declared.push('managedPolicies');
      if (set.customerManagedPolicies.length > 0) declared.push('customerManagedPolicies');
      for (const key of declared) {
        issues.push(issue([...at, key], `permission set "${name}" is existing: it is only assigned, so ${key} would never be applied`, `remove ${key}, or remove existing: true to manage the set here`));
      }
      continue;
    }
    if (set.sessionDuration !== undefined) {
      const minutes = sessionMinutes(set.sessionDuration);
      if (minutes === undefined || minutes < MIN_SESSION_MINUTES || minutes > MAX_SESSION_MINUTES) {
        issues.push(issue([...at, 'sessionDuration'], `session duration "${set.sessionDuration}" must be an ISO-8601 duration from PT1H to PT12H`, 'write e.g. PT1H, PT4H or PT1H30M'));
      }
    }
    if (set.inlinePolicy !== undefined) {
      const parsed = parsePolicyDocument(set.inlinePolicy, [...at, 'inlinePolicy'], { what: 'the inline policy', maxLength: INLINE_POLICY_MAX_LENGTH });
      if (!parsed.ok) issues.push(...parsed.issues);
    }
    const seen = new Set<string>();
    set.managedPolicies.forEach((arn, index) => {
      if (seen.has(arn)) issues.push(issue([...at, 'managedPolicies', index], `policy ${arn} is listed twice`, 'remove the duplicate'));
      seen.add(arn);
    });
  }
  if (Object.keys(effectivePermissionSets(config)).length === 0 && config.identityCenter.assignments.length > 0) {
    issues.push(issue(['identityCenter', 'defaultPermissionSets'], 'assignments are given but no permission set is defined', 'define permission sets, or set defaultPermissionSets: true'));
  }
  return issues;
}

/**
 * Customer managed policies the config defines (identityCenter.customerManagedPolicies): names AWS
 * accepts, a reviewed policy file that is a valid identity-based policy within IAM's size quota, and
 * permission set references whose path matches the definition. A reference to a policy the config does
 * not define is not an error: it becomes prerequisite IC-CUSTOMER-POLICIES and a summary warning.
 */
import { addressName } from '../../model/address';
import { REQUIRE_MFA_POLICY_NAME } from '../../model/baseline';
import { ConfigIssue, formatPath, issue } from '../issues';
import { parsePolicyDocument } from '../policy-document';
import type { PolicyFiles } from '../policy-files';
import type { CustomerManagedPolicyRef, EnvironmentConfig } from '../schema';

/**
 * IAM and AWS STS quotas, "Managed policy size": 6,144 characters; IAM does not count white space
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
 */
export const MANAGED_POLICY_MAX_CHARACTERS = 6_144;

/** CreatePolicy PolicyName: 1–128 characters of [\w+=,.@-]. */
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;

export function checkCustomerManagedPolicies(config: EnvironmentConfig, files: PolicyFiles): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const defined = config.identityCenter.customerManagedPolicies;
  const addresses = new Map<string, string>();
  // IAM names are unique per account regardless of case: SecurityAudit and securityaudit are one policy.
  const byLowerName = new Map<string, string>();
  for (const [name, policy] of Object.entries(defined)) {
    const at = ['identityCenter', 'customerManagedPolicies', name];
    if (!POLICY_NAME.test(name)) issues.push({ path: at, atKey: true, message: `policy name "${name}" must be 1–128 letters, digits and +=,.@_-`, fix: 'rename it, e.g. SecurityAuditExtras' });
    const sameName = byLowerName.get(name.toLowerCase());
    if (sameName !== undefined) issues.push({ path: at, atKey: true, message: `policies "${name}" and "${sameName}" differ only in case; IAM treats them as one name`, fix: 'rename one of them' });
    byLowerName.set(name.toLowerCase(), name);
    const first = addresses.get(addressName(name));
    if (first !== undefined && sameName === undefined) issues.push({ path: at, atKey: true, message: `policies "${name}" and "${first}" both become the Terraform name "${addressName(name)}"`, fix: 'rename one of them' });
    else addresses.set(addressName(name), name);
    // The baseline creates RequireMFA in every account it reaches; a second one of that name fails with EntityAlreadyExists.
    if (config.baseline?.requireMfa.enabled && name.toLowerCase() === REQUIRE_MFA_POLICY_NAME.toLowerCase()) {
      issues.push({ path: at, atKey: true, message: `the baseline already creates the policy ${REQUIRE_MFA_POLICY_NAME} in every account it reaches`, fix: 'give this policy another name' });
    }
    issues.push(...documentIssues(files, policy.file, [...at, 'file']));
  }
  for (const [setName, set] of Object.entries(config.identityCenter.permissionSets)) {
    if (set.existing) continue;
    const at = ['identityCenter', 'permissionSets', setName];
    set.customerManagedPolicies.forEach((reference, index) => issues.push(...referenceIssues(reference, defined, [...at, 'customerManagedPolicies', index])));
    const boundary = set.permissionsBoundary;
    if (boundary && 'customerManagedPolicy' in boundary) issues.push(...referenceIssues(boundary.customerManagedPolicy, defined, [...at, 'permissionsBoundary', 'customerManagedPolicy']));
  }
  return issues;
}

function documentIssues(files: PolicyFiles, path: string, at: ReadonlyArray<string | number>): ConfigIssue[] {
  const file = files.get(path);
  if (!file || file.error !== undefined) {
    const unreadable = file?.text === undefined;
    const fix = unreadable ? 'paths are relative to this environment file, e.g. ../policies/customer-managed/security-audit-extras.json' : `fix the JSON syntax of ${file.displayPath} at that position`;
    return [issue(at, file?.error ?? `cannot read ${path}`, fix)];
  }
  const parsed = parsePolicyDocument(file.value, [], { what: 'a customer managed policy', identityBased: true });
  if (!parsed.ok) return parsed.issues.map((found) => issue(at, `${file.at(found.path)}  ${formatPath(found.path)}: ${found.message}`, found.fix ?? `fix ${file.displayPath}`));
  const counted = JSON.stringify(file.value).replace(/\s/g, '').length;
  if (counted > MANAGED_POLICY_MAX_CHARACTERS) {
    return [
      issue(
        at,
        `${file.displayPath} is ${counted} characters without white space; IAM allows ${MANAGED_POLICY_MAX_CHARACTERS} per managed policy`,
        'merge statements with the same Effect and Resource, use action wildcards, or split it into two policies and reference both',
      ),
    ];
  }
  return [];
}

function referenceIssues(reference: CustomerManagedPolicyRef, defined: EnvironmentConfig['identityCenter']['customerManagedPolicies'], at: ReadonlyArray<string | number>): ConfigIssue[] {
  const policy = defined[reference.name];
  if (policy === undefined || policy.path === reference.path) return [];
  return [
    issue(
      [...at, 'path'],
      `customer managed policy ${reference.name} is defined with path ${policy.path}, but this reference has path ${reference.path}; IAM has one policy of that name per account`,
      `use path: ${policy.path}`,
    ),
  ];
}

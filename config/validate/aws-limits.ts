/**
 * AWS's numeric limits and formats that the schema cannot see on one field: policies per permission
 * set, inline policy size in bytes, sets per instance and per account, AWS managed policy ARNs that
 * exist, OU depth, policies per IAM group, S3 bucket names, account aliases. Each limit cites the
 * page it comes from; a limit AWS lets you raise can be raised here with identityCenter.quotas.
 */
import { groupPolicyArns } from '../../model/baseline';
import { partitionOf } from '../../model/partition';
import { effectivePermissionSets } from '../defaults';
import { ConfigIssue, ConfigPath, issue } from '../issues';
import { checkManagedPolicyArn } from '../managed-policies';
import { quote } from '../quote';
import { flattenOrganizationalUnits, isWithin } from '../ou-tree';
import { parsePolicyDocument } from '../policy-document';
import type { EnvironmentConfig } from '../schema';
import { INLINE_POLICY_MAX_LENGTH } from './permission-sets';

// IAM Identity Center quotas, https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html ("AWS account quotas").
/** "Number of permission sets allowed in IAM Identity Center": 2000 (can be increased). */
export const PERMISSION_SETS_PER_INSTANCE = 2000;
/** "Number of provisioned permission sets allowed per AWS account": 250 (can be increased). */
export const PERMISSION_SETS_PER_ACCOUNT = 250;
/** "Number of AWS managed and customer managed policies per permission set": 20 (cannot be increased). */
export const MANAGED_POLICIES_PER_SET = 20;
/**
 * Footnote to the above: "IAM sets a quota of 10 managed policies per role"; above 10 needs the IAM
 * quota "Managed policies attached to an IAM role" raised in every account the set is provisioned to.
 */
export const MANAGED_POLICIES_PER_ROLE = 10;
/** "Maximum size of inline policy per permission set: 32,768 bytes." */
export const INLINE_POLICY_MAX_BYTES = 32_768;
/** "Maximum size of non-whitespace characters in the inline policy per permission set is 10,240 bytes." */
export const INLINE_POLICY_MAX_NON_WHITESPACE_BYTES = 10_240;

/**
 * IAM quotas, "Managed policies attached to an IAM group": 10, not adjustable
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
 */
export const MANAGED_POLICIES_PER_GROUP = 10;

/**
 * CreateOrganizationalUnit: "The number of levels deep that you can nest OUs is dependent upon the
 * policy types enabled for that root. For service control policies, the limit is five."
 * (https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreateOrganizationalUnit.html)
 */
export const OU_MAX_DEPTH = 5;

export function checkAwsLimits(config: EnvironmentConfig): ConfigIssue[] {
  return [
    ...permissionSetIssues(config),
    ...permissionSetsPerAccountIssues(config),
    ...organizationalUnitDepthIssues(config),
    ...iamGroupIssues(config),
    ...bucketIssues(config),
    ...aliasIssues(config),
  ];
}

function permissionSetIssues(config: EnvironmentConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const quotas = config.identityCenter.quotas;
  const perRole = quotas.managedPoliciesPerRole ?? MANAGED_POLICIES_PER_ROLE;
  const sets = effectivePermissionSets(config);
  const perInstance = quotas.permissionSetsPerInstance ?? PERMISSION_SETS_PER_INSTANCE;
  const count = Object.keys(sets).length;
  if (count > perInstance) {
    issues.push(
      issue(
        ['identityCenter', 'permissionSets'],
        `${count} permission sets (with the defaults); IAM Identity Center allows ${perInstance} per instance${quotas.permissionSetsPerInstance ? ' (identityCenter.quotas)' : ''}`,
        quotas.permissionSetsPerInstance ? 'remove permission sets, or raise the quota again and update identityCenter.quotas.permissionSetsPerInstance' : 'remove permission sets, or request an increase of "Number of permission sets allowed in IAM Identity Center" in Service Quotas and set identityCenter.quotas.permissionSetsPerInstance',
      ),
    );
  }
  for (const [name, set] of Object.entries(config.identityCenter.permissionSets)) {
    if (set.existing) continue;
    const at = ['identityCenter', 'permissionSets', name];
    const attached = set.managedPolicies.length + set.customerManagedPolicies.length;
    const countPath = [...at, set.managedPolicies.length > 0 ? 'managedPolicies' : 'customerManagedPolicies'];
    if (attached > MANAGED_POLICIES_PER_SET) {
      issues.push(issue(countPath, `permission set "${name}" attaches ${set.managedPolicies.length} AWS managed and ${set.customerManagedPolicies.length} customer managed policies; IAM Identity Center allows ${MANAGED_POLICIES_PER_SET} together, and the limit cannot be raised`, 'merge policies into fewer customer managed policies, or move statements into the inline policy'));
    } else if (attached > perRole) {
      issues.push(
        issue(
          countPath,
          `permission set "${name}" attaches ${attached} managed policies (AWS and customer); the role it becomes in each account may have ${perRole} (IAM quota "Managed policies attached to an IAM role")`,
          `attach at most ${perRole}, or raise that IAM quota in every account the set is assigned to and set identityCenter.quotas.managedPoliciesPerRole: ${Math.min(attached, MANAGED_POLICIES_PER_SET)}`,
        ),
      );
    }
    const references = new Set<string>();
    set.customerManagedPolicies.forEach((policy, index) => {
      const key = `${policy.path}${policy.name}`;
      if (references.has(key)) issues.push(issue([...at, 'customerManagedPolicies', index], `customer managed policy ${key} is listed twice`, 'remove the duplicate'));
      references.add(key);
    });
    set.managedPolicies.forEach((arn, index) => {
      const found = managedPolicyArnIssue(arn, [...at, 'managedPolicies', index], 'customerManagedPolicies');
      if (found) issues.push(found);
    });
    const boundary = set.permissionsBoundary;
    if (boundary && 'managedPolicy' in boundary) {
      const found = managedPolicyArnIssue(boundary.managedPolicy, [...at, 'permissionsBoundary', 'managedPolicy'], 'permissionsBoundary.customerManagedPolicy');
      if (found) issues.push(found);
    }
    if (set.inlinePolicy !== undefined) {
      const parsed = parsePolicyDocument(set.inlinePolicy, [], { what: 'the inline policy' });
      // Larger than the character limit is reported by checkPermissionSets already.
      if (parsed.ok && parsed.json.length <= INLINE_POLICY_MAX_LENGTH) {
        const bytes = Buffer.byteLength(parsed.json, 'utf8');
        const nonWhitespace = Buffer.byteLength(parsed.json.replace(/\s+/g, ''), 'utf8');
        if (bytes > INLINE_POLICY_MAX_BYTES) {
          issues.push(issue([...at, 'inlinePolicy'], `the inline policy is ${bytes} bytes as compact JSON (UTF-8); IAM Identity Center allows ${INLINE_POLICY_MAX_BYTES}`, 'move statements into a customer managed policy'));
        } else if (nonWhitespace > INLINE_POLICY_MAX_NON_WHITESPACE_BYTES) {
          issues.push(
            issue(
              [...at, 'inlinePolicy'],
              `the inline policy has ${nonWhitespace} bytes that are not white space; IAM Identity Center allows ${INLINE_POLICY_MAX_NON_WHITESPACE_BYTES} per permission set`,
              'remove Sids, merge statements with the same Effect and Resource, use action wildcards, or move statements into a customer managed policy',
            ),
          );
        }
      }
    }
  }
  return issues;
}

/** One error for an ARN that is not an existing AWS managed policy; `customerField` is where a customer managed one belongs. */
function managedPolicyArnIssue(arn: string, path: ConfigPath, customerField: string): ConfigIssue | undefined {
  const found = checkManagedPolicyArn(arn);
  if (found.kind === 'aws-managed') return undefined;
  if (found.kind === 'customer') {
    const example = customerField === 'customerManagedPolicies' ? `customerManagedPolicies: [{ name: ${found.name}, path: ${found.path} }]` : `permissionsBoundary: { customerManagedPolicy: { name: ${found.name}, path: ${found.path} } }`;
    return issue(
      path,
      `${arn.length > 200 ? quote(arn) : arn} is a customer managed policy of account ${found.account}; IAM Identity Center attaches only AWS managed policies by ARN, and a customer managed policy by name and path in each account the set reaches`,
      `reference it as ${example}`,
    );
  }
  return issue(path, `${found.reason}${found.suggestion ? ` (did you mean ${found.suggestion}?)` : ''}`, found.suggestion ? `write ${found.suggestion}` : 'copy the ARN from the policy\'s page in the IAM console (Policies, filter "AWS managed")');
}

function permissionSetsPerAccountIssues(config: EnvironmentConfig): ConfigIssue[] {
  const quota = config.identityCenter.quotas.permissionSetsPerAccount ?? PERMISSION_SETS_PER_ACCOUNT;
  const accounts = Object.entries(config.organization.accounts);
  const setsByAccount = new Map<string, Set<string>>();
  for (const assignment of config.identityCenter.assignments) {
    for (const [key, account] of accounts) {
      const reached =
        assignment.allAccounts ||
        (assignment.allAccountsExceptManagement && !account.management) ||
        assignment.accounts.includes(key) ||
        assignment.organizationalUnits.some((path) => isWithin(account.ou, path));
      if (!reached) continue;
      const sets = setsByAccount.get(key) ?? new Set<string>();
      for (const name of assignment.permissionSets) sets.add(name);
      setsByAccount.set(key, sets);
    }
  }
  const issues: ConfigIssue[] = [];
  for (const [key, sets] of setsByAccount) {
    if (sets.size > quota) {
      issues.push({
        path: ['organization', 'accounts', key],
        atKey: true,
        message: `account "${key}" is assigned ${sets.size} permission sets; IAM Identity Center provisions at most ${quota} to one account`,
        fix: 'assign fewer sets to it, or request an increase of "Number of provisioned permission sets allowed per AWS account" and set identityCenter.quotas.permissionSetsPerAccount',
      });
    }
  }
  return issues;
}

function organizationalUnitDepthIssues(config: EnvironmentConfig): ConfigIssue[] {
  return flattenOrganizationalUnits(config.organization.organizationalUnits)
    .filter((ou) => ou.path.split('/').length === OU_MAX_DEPTH + 1)
    .map((ou) => ({
      path: ou.configPath,
      atKey: true,
      message: `OU "${ou.path}" is ${OU_MAX_DEPTH + 1} levels below the root; AWS Organizations nests OUs at most ${OU_MAX_DEPTH} deep`,
      fix: `move it (and what is below it) up, at most ${OU_MAX_DEPTH} levels below the root`,
    }));
}

function iamGroupIssues(config: EnvironmentConfig): ConfigIssue[] {
  const baseline = config.baseline;
  if (!baseline) return [];
  const issues: ConfigIssue[] = [];
  for (const [name, group] of Object.entries(baseline.iamGroups)) {
    const at = ['baseline', 'iamGroups', name, 'managedPolicies'];
    // The project attaches AdministratorAccess (Administrators), IAMUserChangePassword and the RequireMFA policy itself.
    const attached = groupPolicyArns(name, group.managedPolicies, baseline.requireMfa.enabled, partitionOf(config.region)).length + (baseline.requireMfa.enabled ? 1 : 0);
    if (attached > MANAGED_POLICIES_PER_GROUP) {
      const own = attached - group.managedPolicies.length;
      issues.push(issue(at, `IAM group "${name}" would have ${attached} managed policies (${group.managedPolicies.length} here and ${own} the project attaches); IAM allows ${MANAGED_POLICIES_PER_GROUP} per group, and the limit cannot be raised`, `attach at most ${MANAGED_POLICIES_PER_GROUP - own} here, or split the group`));
    }
    group.managedPolicies.forEach((arn, index) => {
      // A customer managed policy of the account is attachable to a group; only AWS managed ARNs are looked up.
      if (checkManagedPolicyArn(arn).kind === 'customer') return;
      const found = managedPolicyArnIssue(arn, [...at, index], 'customerManagedPolicies');
      if (found) issues.push(found);
    });
  }
  return issues;
}

/**
 * General purpose bucket naming rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html):
 * 3–63 characters of lowercase letters, digits, "." and "-"; begins and ends with a letter or digit;
 * no two adjacent periods; not an IP address; none of the reserved prefixes and suffixes.
 */
export function bucketNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length < 3 || name.length > 63) problems.push(`it is ${name.length} characters long (3–63 allowed)`);
  if (/[^a-z0-9.-]/.test(name)) problems.push('only lowercase letters, digits, "." and "-" are allowed');
  if (!/^[a-zA-Z0-9]/.test(name) || !/[a-zA-Z0-9]$/.test(name)) problems.push('it must begin and end with a letter or digit');
  if (name.includes('..')) problems.push('it must not contain two adjacent periods');
  if (/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)) problems.push('it must not be formatted as an IP address');
  for (const prefix of ['xn--', 'sthree-', 'amzn-s3-demo-']) if (name.startsWith(prefix)) problems.push(`the prefix ${prefix} is reserved`);
  for (const suffix of ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3']) if (name.endsWith(suffix)) problems.push(`the suffix ${suffix} is reserved`);
  return problems;
}

function bucketIssues(config: EnvironmentConfig): ConfigIssue[] {
  const buckets: Array<[ConfigPath, string]> = [];
  if (config.backend.type === 's3') buckets.push([['backend', 'bucket'], config.backend.bucket]);
  if (config.baseline?.configRules?.deliveryBucket !== undefined) buckets.push([['baseline', 'configRules', 'deliveryBucket'], config.baseline.configRules.deliveryBucket]);
  return buckets.flatMap(([path, name]) => {
    const problems = bucketNameProblems(name);
    if (problems.length === 0) return [];
    const suggestion = name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/\.{2,}/g, '.').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '').slice(0, 63);
    return [issue(path, `S3 bucket name "${name}" breaks S3's naming rules: ${problems.join('; ')}`, bucketNameProblems(suggestion).length === 0 ? `use e.g. "${suggestion}"` : 'use 3–63 lowercase letters, digits and hyphens')];
  });
}

/**
 * IAM: an account alias "cannot be a 12 digit number" (it would read as an account ID in the sign-in
 * URL; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-limits.html). Its pattern is
 * checked in config/validate/baseline.ts (aliasIssues, the CreateAccountAlias pattern).
 */
function aliasIssues(config: EnvironmentConfig): ConfigIssue[] {
  return Object.entries(config.baseline?.accounts ?? {})
    .filter(([, account]) => account.alias !== undefined && /^\d{12}$/.test(account.alias))
    .map(([key, account]) => issue(['baseline', 'accounts', key, 'alias'], `account alias "${account.alias}" is a 12-digit number, which IAM refuses: it would read as an account ID`, `use a name, e.g. "example-${key}"`));
}

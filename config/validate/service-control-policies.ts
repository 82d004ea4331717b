/**
 * Service control policies kept as reviewed JSON files: each must be a valid IAM policy, fit AWS's
 * size limit, and never deny the deployment role the actions this project needs in member accounts.
 * A problem inside a file is reported at the YAML entry that names the file, with the JSON file's
 * own line and column and the path inside the document in the message.
 */
import { addressName, joinAddress } from '../../model/address';
import { partitionOf, roleArn } from '../../model/partition';
import { ORGANIZATION_ACCESS_ROLE } from '../baseline-schema';
import { globMatch } from '../iam-actions';
import { didYouMeanOuPath, flattenOrganizationalUnits } from '../ou-tree';
import { ConfigIssue, formatPath, issue } from '../issues';
import { parsePolicyDocument, type PolicyDocument, type PolicyStatement } from '../policy-document';
import type { PolicyFiles } from '../policy-files';
import type { EnvironmentConfig } from '../schema';

/**
 * AWS Organizations quota "Maximum size of a policy document", service control policies: 5,120
 * characters (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html).
 * Unlike IAM's own policy limits, it counts white space ("includes any extra spaces or line breaks",
 * https://repost.aws/knowledge-center/organization-scp-size), so it is measured on exactly the text
 * this project sends: the file's document as compact JSON.
 */
export const SCP_MAX_CHARACTERS = 5_120;

/**
 * What the baseline stack calls in a member account through the deployment role. A Deny on any of
 * these that does not exempt the role would break the baseline's own apply.
 */
export const DEPLOYMENT_ACTIONS: readonly string[] = [
  'iam:CreateAccountAlias',
  'iam:DeleteAccountAlias',
  'iam:ListAccountAliases',
  'iam:UpdateAccountPasswordPolicy',
  'iam:DeleteAccountPasswordPolicy',
  'iam:GetAccountPasswordPolicy',
  'iam:CreatePolicy',
  'iam:CreatePolicyVersion',
  'iam:DeletePolicyVersion',
  'iam:DeletePolicy',
  'iam:GetPolicy',
  'iam:GetPolicyVersion',
  'iam:CreateGroup',
  'iam:DeleteGroup',
  'iam:GetGroup',
  'iam:AttachGroupPolicy',
  'iam:DetachGroupPolicy',
  'iam:ListAttachedGroupPolicies',
  'iam:CreateUser',
  'iam:DeleteUser',
  'iam:GetUser',
  'iam:TagUser',
  'iam:UntagUser',
  'iam:AddUserToGroup',
  'iam:RemoveUserFromGroup',
  'iam:ListGroupsForUser',
  'iam:CreateLoginProfile',
  'iam:DeleteLoginProfile',
  'iam:GetLoginProfile',
  'account:PutAlternateContact',
  'account:GetAlternateContact',
  'account:DeleteAlternateContact',
  'config:PutConfigRule',
  'config:DeleteConfigRule',
  'config:DescribeConfigRules',
  'config:PutConfigurationRecorder',
  'config:PutDeliveryChannel',
  'config:StartConfigurationRecorder',
];

/** Services whose resources the deployment touches; a Deny scoped to other resources cannot hit it. */
const DEPLOYMENT_SERVICES = new Set(['iam', 'account', 'config']);

export function checkServiceControlPolicies(config: EnvironmentConfig, files: PolicyFiles): ConfigIssue[] {
  const baseline = config.baseline;
  if (!baseline) return [];
  const issues: ConfigIssue[] = [];
  const scps = Object.entries(baseline.serviceControlPolicies);
  if (scps.length > 0 && !config.organization.policyTypes.includes('SERVICE_CONTROL_POLICY')) {
    issues.push(issue(['organization', 'policyTypes'], 'baseline.serviceControlPolicies needs the SERVICE_CONTROL_POLICY policy type, which is not enabled', 'add SERVICE_CONTROL_POLICY to organization.policyTypes'));
  }
  const ouPaths = flattenOrganizationalUnits(config.organization.organizationalUnits).map((ou) => ou.path);
  const partition = partitionOf(config.region);
  const roles = deploymentRoles(config);
  const addresses = new Map<string, string>();
  for (const [name, scp] of scps) {
    const at = ['baseline', 'serviceControlPolicies', name];
    const first = addresses.get(addressName(name));
    if (first !== undefined) issues.push({ path: at, atKey: true, message: `policies "${name}" and "${first}" both become the Terraform name "${addressName(name)}"`, fix: 'rename one of them' });
    else addresses.set(addressName(name), name);
    const policyName = scp.name ?? name;
    if (!/^[\w+=,.@ -]{1,128}$/.test(policyName)) {
      issues.push({ path: scp.name === undefined ? at : [...at, 'name'], atKey: scp.name === undefined, message: `policy name "${policyName}" must be 1–128 letters, digits, spaces and +=,.@_-`, fix: 'rename it, e.g. deny-root-user' });
    }
    const attachments = new Map<string, string>();
    scp.targets.forEach((target, index) => {
      // `root` and a top-level OU named Root would share the attachment address <policy>__root.
      const attachment = target === 'root' ? 'root' : joinAddress(...target.split('/'));
      const first = attachments.get(attachment);
      if (first !== undefined) {
        issues.push(issue([...at, 'targets', index], `targets "${first}" and "${target}" both become the attachment ${addressName(name)}__${attachment}`, 'attach the policy to one of them, or rename the OU'));
      }
      attachments.set(attachment, target);
      if (target !== 'root' && !ouPaths.includes(target)) {
        issues.push(issue([...at, 'targets', index], `target "${target}" is neither root nor a defined OU${didYouMeanOuPath(target, ouPaths)}`, `use root or one of: ${ouPaths.join(', ') || '(no OUs defined)'}`));
      }
    });
    const file = files.get(scp.file);
    if (!file || file.error !== undefined) {
      const unreadable = file?.text === undefined;
      const fix = unreadable ? 'paths are relative to this environment file, e.g. ../policies/scp/deny-root-user.json' : `fix the JSON syntax of ${file.displayPath} at that position`;
      issues.push(issue([...at, 'file'], file?.error ?? `cannot read ${scp.file}`, fix));
      continue;
    }
    const parsed = parsePolicyDocument(file.value, [], { what: 'a service control policy', identityBased: true });
    if (!parsed.ok) {
      for (const found of parsed.issues) {
        issues.push(issue([...at, 'file'], `${file.at(found.path)}  ${formatPath(found.path)}: ${found.message}`, found.fix ?? `fix ${file.displayPath}`));
      }
      continue;
    }
    const sent = JSON.stringify(file.value);
    if (sent.length > SCP_MAX_CHARACTERS) {
      issues.push(
        issue(
          [...at, 'file'],
          `${file.displayPath} is ${sent.length} characters as compact JSON (what is sent); AWS Organizations allows ${SCP_MAX_CHARACTERS} per service control policy`,
          'remove Sids, merge statements with the same Effect and Resource, use action wildcards, or split it into two policies',
        ),
      );
    }
    for (const role of roles) {
      for (const denial of deploymentRoleIssues(parsed.document, role, roleArn(partition, '000000000000', role))) {
        issues.push(issue([...at, 'file'], `${file.at(['Statement', denial.statement])}  ${denial.where}: ${denial.text}`, denial.fix));
      }
    }
  }
  return issues;
}

/**
 * Every role the stacks may assume in a member account: baseline.deploymentRole and each account's own
 * roleName. An SCP may apply to any of those accounts, so its Denies must exempt all of them.
 */
export function deploymentRoles(config: EnvironmentConfig): string[] {
  const own = Object.values(config.organization.accounts).filter((account) => !account.management).map((account) => account.roleName);
  return [...new Set([config.baseline?.deploymentRole ?? ORGANIZATION_ACCESS_ROLE, ...own.filter((role): role is string => role !== undefined)])];
}

interface DenialMessage {
  /** Index of the statement in the document. */
  readonly statement: number;
  readonly where: string;
  readonly text: string;
  readonly fix: string;
}

/** One message per Deny statement that would hit the deployment role. */
export function deploymentRoleIssues(document: PolicyDocument, roleName: string, principalArn: string): DenialMessage[] {
  const messages: DenialMessage[] = [];
  document.Statement.forEach((statement, index) => {
    if (statement.Effect !== 'Deny' || exemptsPrincipal(statement, principalArn)) return;
    const denied = deniedDeploymentActions(statement);
    if (denied.length === 0) return;
    const shown = denied.length > 4 ? `${denied.slice(0, 4).join(', ')} and ${denied.length - 4} more` : denied.join(', ');
    messages.push({
      statement: index,
      where: `Statement[${index}]${statement.Sid ? ` (${statement.Sid})` : ''}`,
      text: `denies ${shown} to every principal, including the deployment role ${roleName} that applies the baseline in member accounts`,
      fix: `add "Condition": {"ArnNotLike": {"aws:PrincipalArn": "${principalArn.replace(/::\d{12}:role\//, '::*:role/')}"}} to the statement, or narrow its Action`,
    });
  });
  return messages;
}

/** Deployment actions a statement's Action/NotAction and Resource reach (case-insensitive, with wildcards). */
export function deniedDeploymentActions(statement: PolicyStatement): string[] {
  if (statement.Effect !== 'Deny' || !touchesDeploymentResources(statement)) return [];
  if (statement.Action !== undefined) {
    const patterns = list(statement.Action);
    return DEPLOYMENT_ACTIONS.filter((action) => patterns.some((pattern) => wildcard(pattern, action, true)));
  }
  const excluded = list(statement.NotAction);
  return DEPLOYMENT_ACTIONS.filter((action) => !excluded.some((pattern) => wildcard(pattern, action, true)));
}

function touchesDeploymentResources(statement: PolicyStatement): boolean {
  if (statement.Resource === undefined) return true;
  return list(statement.Resource).some((resource) => {
    if (resource === '*') return true;
    const service = resource.split(':')[2] ?? '';
    return service.includes('*') || DEPLOYMENT_SERVICES.has(service);
  });
}

const NEGATED = new Set(['arnnotlike', 'arnnotequals', 'stringnotlike', 'stringnotequals']);
const POSITIVE = new Set(['arnlike', 'arnequals', 'stringlike', 'stringequals']);

/**
 * True when a condition on aws:PrincipalArn makes the statement not apply to `principalArn`: a
 * negated operator whose patterns match it (ArnNotLike …/OrganizationAccountAccessRole), or a
 * positive one whose patterns do not (ArnLike arn:aws:iam::*:root). Conditions on other keys prove
 * nothing here, so a Deny that relies on them counts as hitting the role.
 */
export function exemptsPrincipal(statement: PolicyStatement, principalArn: string): boolean {
  for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
    const op = operator.replace(/^For(AnyValue|AllValues):/, '').replace(/IfExists$/, '').toLowerCase();
    for (const [key, values] of Object.entries(block ?? {})) {
      if (key.toLowerCase() !== 'aws:principalarn') continue;
      const exact = op === 'stringequals' || op === 'stringnotequals';
      const matches = list(values).some((pattern) => (exact ? pattern === principalArn : wildcard(pattern, principalArn, false)));
      if (NEGATED.has(op) && matches) return true;
      if (POSITIVE.has(op) && !matches) return true;
    }
  }
  return false;
}

function list(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * IAM wildcard matching: `*` any run of characters, `?` one character. Without a regular expression:
 * `iam:*A*A*A*A*A*A*A*A*Z` as a regex takes seconds against one action name (config/iam-actions.ts).
 */
export function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  return ignoreCase ? globMatch(pattern.toLowerCase(), value.toLowerCase()) : globMatch(pattern, value);
}

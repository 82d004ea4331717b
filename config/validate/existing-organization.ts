/**
 * `organization.existing: true` (an organization managed elsewhere) and
 * `identityCenter.delegatedAdministrator` (Identity Center run from a member account): what each
 * can and cannot do, with the fix that says what to do instead.
 */
import { effectivePermissionSets } from '../defaults';
import { didYouMean } from '../did-you-mean';
import { ConfigIssue, issue } from '../issues';
import { flattenOrganizationalUnits } from '../ou-tree';
import type { EnvironmentConfig } from '../schema';

const ACCOUNT_ID = /^\d{12}$/;

export function checkExistingOrganization(config: EnvironmentConfig): ConfigIssue[] {
  const { organization } = config;
  const issues: ConfigIssue[] = [];
  if (!organization.existing) {
    if (Object.keys(organization.accounts).length === 0) {
      issues.push(issue(['organization', 'accounts'], 'the organization this file manages has no accounts', 'list its accounts under organization.accounts (at least the management account, by id), or set organization.existing: true to read them from an organization managed elsewhere'));
    }
    return issues;
  }
  for (const [key, account] of Object.entries(organization.accounts)) {
    if (account.email !== undefined) {
      issues.push(issue(['organization', 'accounts', key, 'email'], `account "${key}" has email, but an existing organization's accounts are never created here`, 'give its id: "<12 digits>" instead of email; create accounts where the organization is managed (e.g. Control Tower Account Factory): OU and all-accounts targets reach them without editing this file'));
    }
    if (account.tags !== undefined) {
      issues.push(issue(['organization', 'accounts', key, 'tags'], `account "${key}" has tags, but this project does not manage the accounts of an existing organization`, 'remove tags; tag the account where the organization is managed'));
    }
  }
  for (const ou of flattenOrganizationalUnits(organization.organizationalUnits)) {
    if (ou.config.tags !== undefined) issues.push(issue([...ou.configPath, 'tags'], `OU "${ou.path}" has tags, but an existing organization's OUs are only looked up by name here`, 'remove tags; tag the OU where the organization is managed'));
  }
  if (organization.servicePrincipals.length > 0) {
    issues.push(issue(['organization', 'servicePrincipals'], 'trusted access is set on the organization resource, which an existing organization does not have here', 'remove servicePrincipals; enable trusted access where the organization is managed (sso.amazonaws.com is on wherever Identity Center is enabled)'));
  }
  if (organization.unmanagedPolicyTypes.length > 0) {
    issues.push(issue(['organization', 'unmanagedPolicyTypes'], "unmanagedPolicyTypes protects the organization resource's policy types, and an existing organization has none here", 'remove unmanagedPolicyTypes'));
  }
  if (organization.allowDisabling.length > 0) {
    issues.push(issue(['organization', 'allowDisabling'], 'nothing is disabled in an existing organization: this project does not manage its trusted access or policy types', 'remove allowDisabling'));
  }
  const guardrails = config.baseline;
  if (guardrails && Object.keys(guardrails.serviceControlPolicies).length > 0) {
    issues.push(issue(['baseline', 'serviceControlPolicies'], 'service control policies are attached by the owner of the organization; an existing organization is only read here', 'remove them and manage the policies where the organization is managed (under Control Tower: its controls or Customizations for Control Tower)'));
  }
  if (guardrails?.centralizedRootAccess) {
    issues.push(issue(['baseline', 'centralizedRootAccess'], 'centralized root access is an organization feature (aws_iam_organizations_features) that needs trusted access for iam.amazonaws.com, which this project enables only on an organization it manages', 'set baseline.centralizedRootAccess: false and enable it where the organization is managed (IAM console → Root access management)'));
  }
  // Customer managed policies are created in each account their sets reach: accounts known only at plan time cannot get one.
  const defined = new Set(Object.entries(config.identityCenter.customerManagedPolicies).map(([name, policy]) => `${policy.path}${name}`));
  const sets = effectivePermissionSets(config);
  config.identityCenter.assignments.forEach((assignment, index) => {
    if (assignment.organizationalUnits.length === 0 && !assignment.allAccounts && !assignment.allAccountsExceptManagement) return;
    for (const setName of assignment.permissionSets) {
      const set = sets[setName];
      if (!set) continue;
      const boundary = set.permissionsBoundary && 'customerManagedPolicy' in set.permissionsBoundary ? [set.permissionsBoundary.customerManagedPolicy] : [];
      const created = [...set.customerManagedPolicies, ...boundary].filter((ref) => defined.has(`${ref.path}${ref.name}`));
      if (created.length === 0) continue;
      issues.push(issue(['identityCenter', 'assignments', index], `permission set "${setName}" references ${created.map((ref) => `${ref.path}${ref.name}`).join(', ')}, which this project creates in each account the set reaches, but in an existing organization an OU or all-accounts target reaches accounts known only at plan time`, `name the accounts under accounts: instead of the OU or all-accounts target, or create the policy in every account elsewhere (e.g. CloudFormation StackSets) and remove it from identityCenter.customerManagedPolicies (the set still references it by name)`));
    }
  });
  return issues;
}

/**
 * What AWS forbids a delegated administrator of IAM Identity Center: "All users who have sufficient
 * permissions to this delegated administrator account can perform all IAM Identity Center administrative
 * tasks from the account, except for: Enabling IAM Identity Center; Deleting IAM Identity Center
 * configurations; Managing permission sets provisioned in the management account; Registering or
 * deregistering other member accounts as delegated administrators; Enabling or disabling user access in the
 * management account" (IAM Identity Center User Guide, "Register a member account",
 * https://docs.aws.amazon.com/singlesignon/latest/userguide/delegated-admin-how-to-register.html), and it
 * registers "a member account" only ("Delegated administration", …/userguide/delegated-admin.html). This
 * project never enables or deletes Identity Center, and registers the delegation in the organization stack,
 * which runs in the management account; what is left to check is the management account and the account itself.
 */
export function checkDelegatedAdministrator(config: EnvironmentConfig): ConfigIssue[] {
  const { delegatedAdministrator: named, assignments } = config.identityCenter;
  const issues: ConfigIssue[] = [];
  if (named === undefined) {
    if (config.identityCenter.delegatedAdministratorRoleName !== undefined) {
      issues.push(issue(['identityCenter', 'delegatedAdministratorRoleName'], 'delegatedAdministratorRoleName is set, but identityCenter.delegatedAdministrator is not', 'name the delegated administrator account in identityCenter.delegatedAdministrator, or remove the role name'));
    }
    return issues;
  }
  const at = ['identityCenter', 'delegatedAdministrator'];
  const accounts = Object.entries(config.organization.accounts);
  const found = accounts.find(([key]) => key === named) ?? accounts.find(([, account]) => account.id === named);
  const management = accounts.find(([, account]) => account.management);
  if (!found && !ACCOUNT_ID.test(named)) {
    issues.push(issue(at, `account "${named}" is not defined${didYouMean(named, accounts.map(([key]) => key))}`, 'use a key of organization.accounts, or the 12-digit ID of the member account in quotes'));
    return issues;
  }
  const [key, account] = found ?? [named, undefined];
  if (account?.management) {
    issues.push(issue(at, `"${key}" is the management account, which cannot be its own delegated administrator: AWS registers a member account`, 'name a member account (AWS recommends a dedicated one, e.g. a security or identity account), or remove delegatedAdministrator to run Identity Center from the management account'));
    return issues;
  }
  if (account?.closed) {
    issues.push(issue(at, `account "${key}" is closed and cannot administer Identity Center`, 'name an active member account'));
  }
  if (!management) {
    issues.push(issue(['organization', 'accounts'], 'with a delegated administrator, the management account must be known: its access cannot be managed from there', 'add the management account under organization.accounts with id and management: true'));
    return issues;
  }
  const [managementKey] = management;
  assignments.forEach((assignment, index) => {
    const where = ['identityCenter', 'assignments', index];
    const fix = `manage access to the management account from the management account (an environment file without delegatedAdministrator), and assign here with allAccountsExceptManagement: true or named member accounts`;
    if (assignment.allAccounts) {
      issues.push(issue([...where, 'allAccounts'], `allAccounts includes the management account "${managementKey}", whose access a delegated administrator cannot manage (nor the permission sets provisioned there)`, fix));
    }
    const i = assignment.accounts.indexOf(managementKey);
    if (i >= 0) {
      issues.push(issue([...where, 'accounts', i], `"${managementKey}" is the management account, whose access a delegated administrator cannot manage (nor the permission sets provisioned there)`, fix));
    }
  });
  return issues;
}

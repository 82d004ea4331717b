/** Accounts and OUs: identity, protection and references between them. */
import { ConfigIssue, issue } from '../issues';
import { didYouMeanOuPath, flattenOrganizationalUnits } from '../ou-tree';
import { POLICY_TYPES, type EnvironmentConfig } from '../schema';

const OU_NAME = /^[\s\S]{1,128}$/;

export function checkOrganizationalUnits(config: EnvironmentConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const ou of flattenOrganizationalUnits(config.organization.organizationalUnits)) {
    if (ou.name.includes('/')) {
      issues.push({ path: ou.configPath, atKey: true, message: `OU key "${ou.name}" contains "/", which separates the parts of an OU path`, fix: `nest OUs with children:, or, for an AWS name with "/", use a key without it and the name in name: (e.g. ${ou.name.replace(/\//g, '-')}: { name: ${ou.name} })` });
    } else if (!OU_NAME.test(ou.config.name ?? ou.name)) {
      issues.push({ path: ou.configPath, atKey: true, message: `OU name "${ou.config.name ?? ou.name}" must be 1–128 characters`, fix: 'shorten it' });
    }
  }
  return issues;
}

/** unmanagedPolicyTypes holds only types the provider cannot list: one it can belongs in policyTypes. */
export function checkUnmanagedPolicyTypes(config: EnvironmentConfig): ConfigIssue[] {
  return config.organization.unmanagedPolicyTypes.flatMap((type, index) =>
    (POLICY_TYPES as readonly string[]).includes(type)
      ? [issue(['organization', 'unmanagedPolicyTypes', index], `${type} is a policy type Terraform manages: it does not belong in unmanagedPolicyTypes`, `move ${type} to organization.policyTypes`)]
      : [],
  );
}

export function checkAccounts(config: EnvironmentConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const ouPaths = flattenOrganizationalUnits(config.organization.organizationalUnits).map((ou) => ou.path);
  const emails = new Map<string, string>();
  const ids = new Map<string, string>();
  const accounts = Object.entries(config.organization.accounts);
  for (const [key, account] of accounts) {
    const at = ['organization', 'accounts', key];
    if (account.id === undefined && account.email === undefined) {
      issues.push(issue(at, `account "${key}" has neither email nor id`, 'give email: to create the account, or id: "<12 digits>" to reference one that exists'));
    }
    if (account.id !== undefined && account.email !== undefined) {
      issues.push(issue([...at, 'email'], `account "${key}" has both id and email: an account with an id is referenced, never created`, 'remove email (to reference the existing account) or id (to create a new one)'));
    }
    if (account.closed && account.id === undefined) {
      issues.push(issue([...at, 'closed'], `the closed account "${key}" needs its id: a closed account is only referenced`, 'add id: "<the account ID>", or remove the account'));
    }
    if (account.management && account.id === undefined) {
      issues.push(issue([...at, 'management'], `the management account "${key}" needs its id`, 'add id: "<the management account ID>"'));
    }
    if (account.id !== undefined && account.iamUserAccessToBilling !== undefined) {
      issues.push(issue([...at, 'iamUserAccessToBilling'], 'iamUserAccessToBilling applies only to accounts this project creates', 'remove it from the referenced account'));
    }
    if (account.management && account.roleName !== undefined) {
      issues.push(issue([...at, 'roleName'], 'the management account is reached with your own credentials, not through a role', 'remove roleName from the management account'));
    }
    if (account.ou !== undefined && !ouPaths.includes(account.ou)) {
      issues.push(issue([...at, 'ou'], `OU "${account.ou}" is not defined${didYouMeanOuPath(account.ou, ouPaths)}`, `use one of: ${ouPaths.join(', ') || '(none defined)'}; define it under organization.organizationalUnits; or remove ou (the account then sits at the root)`));
    }
    duplicate(issues, emails, account.email?.toLowerCase(), key, [...at, 'email'], 'email');
    duplicate(issues, ids, account.id, key, [...at, 'id'], 'id');
  }
  const management = accounts.filter(([, account]) => account.management);
  if (management.length > 1) {
    issues.push(issue(['organization', 'accounts', management[1][0], 'management'], `only one account can be the management account; "${management[0][0]}" is already`, 'remove management: true from all but one'));
  }
  return issues;
}

function duplicate(issues: ConfigIssue[], seen: Map<string, string>, value: string | undefined, key: string, path: ReadonlyArray<string>, what: string) {
  if (value === undefined) return;
  const first = seen.get(value);
  if (first !== undefined) issues.push(issue(path, `account "${key}" has the same ${what} as account "${first}": "${value}"`, `every account needs its own ${what}`));
  else seen.set(value, key);
}

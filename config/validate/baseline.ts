/**
 * The account security baseline: accounts that exist, aliases AWS accepts, a password policy at the
 * CIS floor (or a written reason), IAM users who have an owner, groups and a way to get their password.
 */
import { addressName, managedPolicyAttachmentName } from '../../model/address';
import { groupPolicyArns } from '../../model/baseline';
import { partitionOf, type Partition } from '../../model/partition';
import { CIS_PASSWORD_POLICY, type BaselineConfig, type PasswordPolicyConfig } from '../baseline-schema';
import { didYouMean } from '../did-you-mean';
import { ConfigIssue, issue } from '../issues';
import type { EnvironmentConfig } from '../schema';

/** The group every baseline has: AdministratorAccess, like the guides' Administrators group. */
export const ADMINISTRATORS_GROUP = 'Administrators';

/** Tags the project sets on every IAM user itself (while baseline.requireMfa is enabled). */
export const PROJECT_SET_USER_TAGS = ['MFAEnabled'];

/** CreateAccountAlias: 3–63 characters, ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$ (no leading, trailing or double hyphen). */
export const ACCOUNT_ALIAS = /^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/;

const IAM_USER_NAME = /^[\w+=,.@-]{1,64}$/;
const IAM_GROUP_NAME = /^[\w+=,.@-]{1,128}$/;
const KEYBASE = /^keybase:[A-Za-z0-9_]{2,16}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function checkBaseline(config: EnvironmentConfig): ConfigIssue[] {
  const baseline = config.baseline;
  if (!baseline) return [];
  const accounts = config.organization.accounts;
  const management = Object.entries(accounts).find(([, account]) => account.management)?.[0];
  const issues: ConfigIssue[] = [];
  if (management === undefined) {
    issues.push(issue(['baseline'], 'the baseline starts in the management account, but no account has management: true', 'mark the management account in organization.accounts with management: true and its id'));
  }
  const baselined = new Set([...(management ? [management] : []), ...Object.keys(baseline.accounts)]);
  const aliases = new Map<string, string>();
  for (const [key, account] of Object.entries(baseline.accounts)) {
    const at = ['baseline', 'accounts', key];
    const configured = accounts[key];
    if (!configured) {
      issues.push({ path: at, atKey: true, message: `account "${key}" is not defined${didYouMean(key, Object.keys(accounts))}`, fix: `use a key of organization.accounts: ${Object.keys(accounts).join(', ')}` });
      continue;
    }
    if (account.alias !== undefined) {
      issues.push(...aliasIssues(account.alias, [...at, 'alias']));
      const first = aliases.get(account.alias);
      if (first !== undefined) issues.push(issue([...at, 'alias'], `alias "${account.alias}" is already used by account "${first}"; aliases are unique across all of AWS`, 'give every account its own alias'));
      else aliases.set(account.alias, key);
    }
  }
  if (!baseline.requireMfa.enabled && baseline.requireMfa.reason === undefined) {
    issues.push(
      issue(
        ['baseline', 'requireMfa', 'enabled'],
        'requireMfa.enabled: false lets IAM users work without MFA: no group gets the MFA-enforcing policy',
        'remove enabled: false, or add reason: "<why, and until when>" (e.g. the import-only first plan of an adopted estate)',
      ),
    );
  }
  issues.push(...passwordPolicyIssues(baseline.passwordPolicy));
  if (baseline.configRules?.recorder === 'create' && baseline.configRules.deliveryBucket === undefined) {
    issues.push(issue(['baseline', 'configRules'], 'recorder: create needs the S3 bucket the new delivery channel writes to', 'add deliveryBucket: <bucket name>, or use recorder: existing where a recorder already runs'));
  }
  if (baseline.configRules !== undefined && baseline.passwordPolicy.maxPasswordAge === undefined) {
    issues.push(
      issue(
        ['baseline', 'passwordPolicy'],
        'the IAM_PASSWORD_POLICY Config rule always checks a maximum password age (its default is 90 days), so a policy without maxPasswordAge would be reported NON_COMPLIANT for ever',
        'set maxPasswordAge (e.g. 90), or remove configRules',
      ),
    );
  }
  issues.push(...groupAndUserIssues(baseline, baselined, management, partitionOf(config.region)));
  if (baseline.pgpKey !== undefined) issues.push(...pgpKeyIssues(baseline.pgpKey, ['baseline', 'pgpKey']));
  return issues;
}

export function aliasIssues(alias: string, path: ReadonlyArray<string | number>): ConfigIssue[] {
  if (ACCOUNT_ALIAS.test(alias)) return [];
  const problems: string[] = [];
  if (alias.length < 3 || alias.length > 63) problems.push(`it is ${alias.length} characters long (3–63 allowed)`);
  if (/[^a-z0-9-]/.test(alias)) problems.push('only lowercase letters, digits and hyphens are allowed');
  if (/^-|-$/.test(alias)) problems.push('it must not start or end with a hyphen');
  if (alias.includes('--')) problems.push('it must not contain two hyphens in a row');
  const suggestion = alias.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 63);
  return [issue(path, `account alias "${alias}" breaks AWS's rules: ${problems.join('; ')}`, ACCOUNT_ALIAS.test(suggestion) ? `use e.g. "${suggestion}"` : 'use 3–63 lowercase letters, digits and single hyphens, not at either end')];
}

type CisSetting = keyof typeof CIS_PASSWORD_POLICY;

/** The settings below the CIS floor, in the floor's order; a setting left out gets its default, the floor. */
export function settingsBelowCis(policy: Partial<Pick<PasswordPolicyConfig, CisSetting>>): CisSetting[] {
  return (Object.keys(CIS_PASSWORD_POLICY) as CisSetting[]).filter((key) => {
    const floor = CIS_PASSWORD_POLICY[key];
    const value = policy[key] ?? floor;
    return typeof floor === 'number' ? (value as number) < floor : value !== floor;
  });
}

/** Every setting below the CIS floor with its value; empty when the policy meets it. */
export function belowCis(policy: PasswordPolicyConfig): string[] {
  return settingsBelowCis(policy).map((key) => (typeof CIS_PASSWORD_POLICY[key] === 'number' ? `${key} ${policy[key]} < ${CIS_PASSWORD_POLICY[key]}` : `${key}: false`));
}

function passwordPolicyIssues(policy: PasswordPolicyConfig): ConfigIssue[] {
  const weaker = belowCis(policy);
  if (weaker.length === 0 || policy.reason !== undefined) return [];
  return [issue(['baseline', 'passwordPolicy'], `the password policy is below the CIS AWS Foundations floor: ${weaker.join('; ')}`, 'raise those settings (or remove them to get the CIS defaults), or add reason: "<why this is acceptable here>"')];
}

function groupAndUserIssues(baseline: BaselineConfig, baselined: ReadonlySet<string>, management: string | undefined, partition: Partition): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const groupNames = [ADMINISTRATORS_GROUP, ...Object.keys(baseline.iamGroups).filter((name) => name !== ADMINISTRATORS_GROUP)];
  const seenGroups = new Map<string, string>();
  for (const name of groupNames) {
    const at = ['baseline', 'iamGroups', name];
    const iamName = baseline.iamGroups[name]?.name ?? name;
    if (!IAM_GROUP_NAME.test(iamName)) issues.push({ path: at, atKey: true, message: `IAM group name "${iamName}" must be 1–128 letters, digits and +=,.@_-`, fix: 'rename it, e.g. without spaces' });
    const first = seenGroups.get(addressName(name));
    if (first !== undefined) issues.push({ path: at, atKey: true, message: `IAM groups "${name}" and "${first}" both become the Terraform name "${addressName(name)}"`, fix: 'rename one of them' });
    else seenGroups.set(addressName(name), name);
  }
  // Each attached policy is aws_iam_group_policy_attachment.<group>__<policy name>: two ARNs with one policy name collide.
  for (const [name, group] of Object.entries(baseline.iamGroups)) {
    const always = groupPolicyArns(name, [], baseline.requireMfa.enabled, partition);
    const seen = new Map(always.map((arn) => [managedPolicyAttachmentName(addressName(name), arn), arn]));
    group.managedPolicies.forEach((arn, index) => {
      const address = managedPolicyAttachmentName(addressName(name), arn);
      const first = seen.get(address);
      if (first !== undefined && first !== arn) {
        issues.push(issue(['baseline', 'iamGroups', name, 'managedPolicies', index], `${arn} and ${first} have the same policy name, so both would be aws_iam_group_policy_attachment.${address}`, 'attach one of them to another group'));
      }
      seen.set(address, first ?? arn);
    });
  }
  const seenUsers = new Map<string, string>();
  for (const [name, user] of Object.entries(baseline.iamUsers)) {
    const at = ['baseline', 'iamUsers', name];
    const iamName = user.name ?? name;
    if (!IAM_USER_NAME.test(iamName)) issues.push({ path: user.name === undefined ? at : [...at, 'name'], atKey: user.name === undefined, message: `IAM user name "${iamName}" must be 1–64 letters, digits and +=,.@_-`, fix: 'rename it, e.g. IAM-Administrator' });
    const first = seenUsers.get(addressName(name));
    if (first !== undefined) issues.push({ path: at, atKey: true, message: `IAM users "${name}" and "${first}" both become the Terraform name "${addressName(name)}"`, fix: 'rename one of them' });
    else seenUsers.set(addressName(name), name);
    if (!user.tags.Owner?.trim()) {
      issues.push(issue([...at, 'tags'], `IAM user "${name}" has no Owner tag: every individual IAM user needs a person or team who answers for it`, 'add tags: { Owner: <email or team of the person accountable> }'));
    }
    for (const key of baseline.requireMfa.enabled ? PROJECT_SET_USER_TAGS : []) {
      if (key in user.tags) issues.push(issue([...at, 'tags', key], `${key} is set by the project on every IAM user`, `remove ${key}`));
    }
    // Without the MFA policy (an adopted estate's first plan) a user may stay outside every group, as AWS has it.
    if (user.groups.length === 0 && baseline.requireMfa.enabled) issues.push(issue([...at, 'groups'], `IAM user "${name}" is in no group: users get permissions only through groups, which also carry the MFA policy`, `add groups: [${ADMINISTRATORS_GROUP}] or another group of baseline.iamGroups`));
    user.groups.forEach((group, index) => {
      if (!groupNames.includes(group)) issues.push(issue([...at, 'groups', index], `IAM group "${group}" is not defined${didYouMean(group, groupNames)}`, `use one of: ${groupNames.join(', ')}; define it under baseline.iamGroups; or remove it from groups`));
    });
    (user.accounts ?? []).forEach((account, index) => {
      if (!baselined.has(account)) {
        issues.push(issue([...at, 'accounts', index], `account "${account}" does not get the baseline${didYouMean(account, [...baselined])}`, `use ${management ?? 'the management account'} or add the account under baseline.accounts`));
      }
    });
    if (user.pgpKey !== undefined) issues.push(...pgpKeyIssues(user.pgpKey, [...at, 'pgpKey']));
  }
  return issues;
}

/** Terraform's aws_iam_user_login_profile takes `keybase:<username>` or a base64-encoded (binary, not armored) public key. */
export function pgpKeyIssues(key: string, path: ReadonlyArray<string | number>): ConfigIssue[] {
  if (key.startsWith('keybase:')) {
    return KEYBASE.test(key) ? [] : [issue(path, `"${key}" is not a keybase user name (2–16 letters, digits and _ after "keybase:")`, 'write keybase:<username>')];
  }
  if (key.includes('BEGIN PGP')) {
    return [issue(path, 'the PGP key is ASCII-armored; Terraform wants the binary key, base64-encoded', 'use the output of: gpg --export <key id> | base64 -w0')];
  }
  const compact = key.replace(/\s+/g, '');
  const bytes = BASE64.test(compact) && compact.length % 4 === 0 ? Buffer.from(compact, 'base64') : undefined;
  // An OpenPGP public key starts with a public-key packet: tag 6 in the old (0x98–0x9a) or new (0xc6) format.
  if (!bytes || bytes.length < 32 || ![0x98, 0x99, 0x9a, 0xc6].includes(bytes[0])) {
    return [issue(path, 'the PGP key is neither keybase:<username> nor a base64-encoded OpenPGP public key', 'use keybase:<username>, or the output of: gpg --export <key id> | base64 -w0')];
  }
  return [];
}

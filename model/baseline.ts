/**
 * Validated `baseline:` config → BaselineModel: the accounts that get the IAM path with everything
 * resolved (users per account, groups, addresses), the password policy, the organization guardrails
 * with their parsed documents, and the AWS Config rules. Runs only on a config that passed
 * validation, so a failed lookup here is a bug.
 */
import { ADMINISTRATORS_GROUP, belowCis } from '../config/validate/baseline';
import type { BaselineConfig, ContactConfig, PasswordPolicyConfig } from '../config/baseline-schema';
import { parsePolicyDocument, type PolicyDocument } from '../config/policy-document';
import type { PolicyFiles } from '../config/policy-files';
import { addressName, joinAddress } from './address';
import type { AccountModel, OrganizationalUnitModel } from './environment';
import { awsManagedPolicyArn, type Partition } from './partition';

/** Name of the MFA-enforcing policy in every baselined account. */
export const REQUIRE_MFA_POLICY_NAME = 'RequireMFA';
/** The AWS managed policy of the guides' Administrators group (its ARN: awsManagedPolicyArn). */
export const ADMINISTRATOR_ACCESS = 'AdministratorAccess';
/** The AWS managed policy the console adds when a user must set a new password at first sign-in. */
export const IAM_USER_CHANGE_PASSWORD = 'IAMUserChangePassword';

export interface BaselineModel {
  /** Role Terraform assumes in member accounts, and every SCP Deny exempts. */
  readonly deploymentRole: string;
  /**
   * The MFA-enforcing policy and IAMUserChangePassword on every group, MFAEnabled on every user.
   * Off only with a reason (an adopted estate's import-only first plan).
   */
  readonly requireMfa: { readonly enabled: boolean; readonly reason?: string };
  /** Accounts that get the IAM path; the management account first. */
  readonly accounts: readonly BaselineAccountModel[];
  readonly passwordPolicy: PasswordPolicyModel;
  /** Created in every baselined account; Administrators first. */
  readonly groups: readonly IamGroupModel[];
  /** IAM users are for emergencies; Identity Center is the everyday path. */
  readonly breakGlassOnly: boolean;
  /** AWS Config rules per account; undefined when the config asks for none. */
  readonly configRules?: ConfigRulesModel;
  /** Customer managed KMS key of Identity Center (manual control IC-KMS). */
  readonly identityCenterKmsKey?: string;
  /** What the baseline adds to the organization stack. */
  readonly organization: OrganizationGuardrailsModel;
}

export interface BaselineAccountModel {
  readonly account: AccountModel;
  readonly management: boolean;
  /** The account's alias, and the IAM sign-in URL it gives. */
  readonly alias?: string;
  readonly signinUrl?: string;
  readonly securityContact?: ContactConfig;
  readonly users: readonly IamUserModel[];
  /** AWS Config rule identifiers deployed in this account. */
  readonly configRules: readonly ConfigRuleModel[];
}

export interface IamGroupModel {
  readonly name: string;
  readonly address: string;
  /** Every managed policy attached (groupPolicyArns); the MFA policy, a customer policy of the stack, comes on top. */
  readonly managedPolicyArns: readonly string[];
}

export interface IamUserModel {
  readonly name: string;
  readonly address: string;
  /** Group names (and, with `address`, their addresses in the account). */
  readonly groups: readonly IamGroupModel[];
  readonly tags: Readonly<Record<string, string>>;
  /** Console access requested. */
  readonly console: boolean;
  /** The key the login profile encrypts the generated password with; without one there is no login profile. */
  readonly pgpKey?: string;
}

export type PasswordPolicyModel = Omit<PasswordPolicyConfig, 'reason'> & {
  /** Settings below the CIS floor (allowed because `reason` is given). */
  readonly belowCis: readonly string[];
  readonly reason?: string;
};

export interface ConfigRuleModel {
  /** Rule name in AWS Config, e.g. root-account-mfa-enabled. */
  readonly name: string;
  /** AWS managed rule identifier, e.g. ROOT_ACCOUNT_MFA_ENABLED. */
  readonly identifier: string;
  readonly inputParameters?: Readonly<Record<string, string>>;
}

export interface ConfigRulesModel {
  /** `existing`: a recorder already runs in each account; `create`: the baseline stack creates one. */
  readonly recorder: 'existing' | 'create';
  readonly deliveryBucket?: string;
}

export interface OrganizationGuardrailsModel {
  /** aws_iam_organizations_features with RootCredentialsManagement and RootSessions. */
  readonly centralizedRootAccess: boolean;
  readonly serviceControlPolicies: readonly ServiceControlPolicyModel[];
}

export interface ServiceControlPolicyModel {
  /** The config key, which is also the policy's name in AWS. */
  readonly name: string;
  readonly address: string;
  readonly description?: string;
  /** The file it was read from, as messages name it. */
  readonly file: string;
  /**
   * What is sent: the document as written in the file, as compact JSON (not normalized: the provider
   * compares SCP content as JSON, so a `Statement` object AWS has must stay an object).
   */
  readonly content: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly document: PolicyDocument;
  readonly targets: readonly ServiceControlPolicyTarget[];
}

export type ServiceControlPolicyTarget =
  | { readonly kind: 'root'; readonly attachmentAddress: string }
  | { readonly kind: 'ou'; readonly path: string; readonly attachmentAddress: string };

/**
 * AWS Config managed rules for what the baseline sets or asks people to do. Identifiers from the
 * AWS Config Developer Guide, "List of AWS Config Managed Rules".
 */
export const CONFIG_RULES = {
  rootMfa: { name: 'root-account-mfa-enabled', identifier: 'ROOT_ACCOUNT_MFA_ENABLED' },
  rootAccessKeys: { name: 'iam-root-access-key-check', identifier: 'IAM_ROOT_ACCESS_KEY_CHECK' },
  consoleMfa: { name: 'mfa-enabled-for-iam-console-access', identifier: 'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS' },
  userMfa: { name: 'iam-user-mfa-enabled', identifier: 'IAM_USER_MFA_ENABLED' },
  passwordPolicy: { name: 'iam-password-policy', identifier: 'IAM_PASSWORD_POLICY' },
  userNoPolicies: { name: 'iam-user-no-policies-check', identifier: 'IAM_USER_NO_POLICIES_CHECK' },
  userGroupMembership: { name: 'iam-user-group-membership-check', identifier: 'IAM_USER_GROUP_MEMBERSHIP_CHECK' },
} as const;

/** `https://<alias>.signin.aws.amazon.com/console` */
export function signinUrl(alias: string): string {
  return `https://${alias}.signin.aws.amazon.com/console`;
}

/**
 * The address of a baseline resource in an account: the plain name in the management account
 * (`aws_iam_policy.require_mfa`), `<account>__<name>` in a member account. `name` is already a
 * Terraform name (from addressName or joinAddress).
 */
export function baselineAddress(account: { readonly management: boolean; readonly account: AccountModel }, name: string): string {
  return account.management ? name : `${account.account.address}__${name}`;
}

export function buildBaseline(
  config: BaselineConfig,
  accounts: readonly AccountModel[],
  organizationalUnits: readonly OrganizationalUnitModel[],
  files: PolicyFiles,
  partition: Partition,
): BaselineModel {
  const management = accounts.find((account) => account.kind === 'existing' && account.management);
  if (!management) throw new Error('bug: a baseline reached the model without a management account');
  const groups = buildGroups(config, partition);
  // Users name their groups by key; the model carries each group's IAM name.
  const groupsByName = new Map(groupKeys(config).map((key, index) => [key, groups[index]]));
  const { reason, ...policy } = config.passwordPolicy;
  const passwordPolicy: PasswordPolicyModel = { ...policy, belowCis: belowCis(config.passwordPolicy), reason };
  const keys = [management.key, ...Object.keys(config.accounts).filter((key) => key !== management.key)];
  const baselined = keys.map((key): BaselineAccountModel => {
    const account = accounts.find((candidate) => candidate.key === key)!;
    const isManagement = account === management;
    const settings = config.accounts[key] ?? {};
    const users = Object.entries(config.iamUsers)
      .filter(([, user]) => (user.accounts ?? [management.key]).includes(key))
      .map(([key, user]): IamUserModel => ({
        name: user.name ?? key,
        address: addressName(key),
        groups: user.groups.map((group) => groupsByName.get(group)!),
        tags: {
          Project: 'identity-foundation',
          ...user.tags,
          ...(config.requireMfa.enabled ? { MFAEnabled: 'required' } : {}),
          ...(config.breakGlassOnly ? { Purpose: 'break-glass' } : {}),
        },
        console: user.console,
        pgpKey: user.pgpKey ?? config.pgpKey,
      }));
    return {
      account,
      management: isManagement,
      alias: settings.alias,
      signinUrl: settings.alias === undefined ? undefined : signinUrl(settings.alias),
      securityContact: settings.securityContact ?? config.securityContact,
      users,
      configRules: config.configRules ? configRulesFor(isManagement, config.centralizedRootAccess, passwordPolicy) : [],
    };
  });
  return {
    deploymentRole: config.deploymentRole,
    requireMfa: { enabled: config.requireMfa.enabled, reason: config.requireMfa.reason },
    accounts: baselined,
    passwordPolicy,
    groups,
    breakGlassOnly: config.breakGlassOnly,
    configRules: config.configRules ? { recorder: config.configRules.recorder, deliveryBucket: config.configRules.deliveryBucket } : undefined,
    identityCenterKmsKey: config.identityCenterKmsKey,
    organization: {
      centralizedRootAccess: config.centralizedRootAccess,
      serviceControlPolicies: Object.entries(config.serviceControlPolicies).map(([key, scp]) => {
        const name = scp.name ?? key;
        const file = files.get(scp.file);
        const parsed = file && file.error === undefined ? parsePolicyDocument(file.value, [], { what: 'a service control policy' }) : undefined;
        if (!file || !parsed?.ok) throw new Error(`bug: service control policy ${name} reached the model without a valid document`);
        const address = addressName(key);
        return {
          name,
          address,
          description: scp.description,
          file: file.displayPath,
          content: JSON.stringify(file.value),
          tags: { ...scp.tags },
          document: parsed.document,
          targets: scp.targets.map((target): ServiceControlPolicyTarget => {
            if (target === 'root') return { kind: 'root', attachmentAddress: joinAddress(address, 'root') };
            const ou = organizationalUnits.find((unit) => unit.path === target)!;
            return { kind: 'ou', path: ou.path, attachmentAddress: `${address}__${ou.address}` };
          }),
        };
      }),
    },
  };
}

/**
 * Every managed policy attached to an IAM group: AdministratorAccess on Administrators (like the
 * guides' group), the group's own, and IAMUserChangePassword beside the MFA policy (the password
 * reset that policy lets through before MFA).
 */
export function groupPolicyArns(name: string, own: readonly string[], requireMfa: boolean, partition: Partition): string[] {
  const aws = (policy: string) => awsManagedPolicyArn(partition, policy);
  return [...new Set([...(name === ADMINISTRATORS_GROUP ? [aws(ADMINISTRATOR_ACCESS)] : []), ...own, ...(requireMfa ? [aws(IAM_USER_CHANGE_PASSWORD)] : [])])];
}

const groupKeys = (config: BaselineConfig) => [ADMINISTRATORS_GROUP, ...Object.keys(config.iamGroups).filter((key) => key !== ADMINISTRATORS_GROUP)];

function buildGroups(config: BaselineConfig, partition: Partition): IamGroupModel[] {
  const own = config.iamGroups;
  return groupKeys(config).map((key) => ({
    name: own[key]?.name ?? key,
    address: addressName(key),
    managedPolicyArns: groupPolicyArns(key, own[key]?.managedPolicies ?? [], config.requireMfa.enabled, partition),
  }));
}

/**
 * The rules for one account. ROOT_ACCOUNT_MFA_ENABLED goes only where the root user keeps
 * credentials: with centralized root access, member accounts have none (control ROOT-MEMBER-CREDENTIALS).
 */
function configRulesFor(management: boolean, centralizedRootAccess: boolean, policy: PasswordPolicyModel): ConfigRuleModel[] {
  const passwordParameters: Record<string, string> = {
    RequireUppercaseCharacters: String(policy.requireUppercaseCharacters),
    RequireLowercaseCharacters: String(policy.requireLowercaseCharacters),
    RequireSymbols: String(policy.requireSymbols),
    RequireNumbers: String(policy.requireNumbers),
    MinimumPasswordLength: String(policy.minimumPasswordLength),
    PasswordReusePrevention: String(policy.passwordReusePrevention),
    ...(policy.maxPasswordAge !== undefined ? { MaxPasswordAge: String(policy.maxPasswordAge) } : {}),
  };
  return [
    ...(management || !centralizedRootAccess ? [CONFIG_RULES.rootMfa] : []),
    CONFIG_RULES.rootAccessKeys,
    CONFIG_RULES.consoleMfa,
    CONFIG_RULES.userMfa,
    { ...CONFIG_RULES.passwordPolicy, inputParameters: passwordParameters },
    CONFIG_RULES.userNoPolicies,
    CONFIG_RULES.userGroupMembership,
  ];
}

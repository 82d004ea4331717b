/**
 * The `baseline:` section of an environment file: the account security baseline of the seed guides
 * (MFA everywhere, root user hardening, the IAM path, organization guardrails). Shape only; the
 * checks that need more than one field live in `config/validate/baseline.ts` and
 * `config/validate/service-control-policies.ts`.
 */
import { z } from 'zod';
import { emailProblem } from './email';

const strict = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape);

/** The role Organizations creates in every account it creates (CreateAccount's RoleName default). */
export const ORGANIZATION_ACCESS_ROLE = 'OrganizationAccountAccessRole';

const MANAGED_POLICY_ARN = /^arn:aws[\w-]*:iam::(aws|\d{12}):policy\/[\w+=,.@\/-]+$/;
const KMS_KEY_ARN = /^arn:aws[\w-]*:kms:[a-z0-9-]+:\d{12}:key\/[\w-]+$/;
/** IAM role, user and group names: letters, digits and +=,.@_- (AWS: 64 characters for roles and users, 128 for groups). */
const IAM_NAME = /^[\w+=,.@-]+$/;
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

/**
 * The CIS AWS Foundations floor for the account password policy. A policy below it is allowed only
 * with a written `reason`.
 */
export const CIS_PASSWORD_POLICY = {
  minimumPasswordLength: 14,
  passwordReusePrevention: 24,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: true,
  requireNumbers: true,
  requireSymbols: true,
  allowUsersToChangePassword: true,
} as const;

const tags = z
  .record(z.string().regex(TAG_KEY, 'tag keys are 1–128 letters, digits, spaces and _.:/=+-@'), z.string().max(256))
  .refine((value) => Object.keys(value).length <= 50, 'at most 50 tags');

const passwordPolicySchema = strict({
  /** Shortest password IAM accepts, 6–128. Default 14 (CIS). */
  minimumPasswordLength: z.number().int().min(6).max(128).default(CIS_PASSWORD_POLICY.minimumPasswordLength),
  /** How many previous passwords a user cannot reuse, 1–24. Default 24 (CIS). */
  passwordReusePrevention: z.number().int().min(1).max(24).default(CIS_PASSWORD_POLICY.passwordReusePrevention),
  /** Default true (CIS). */
  requireUppercaseCharacters: z.boolean().default(true),
  /** Default true (CIS). */
  requireLowercaseCharacters: z.boolean().default(true),
  /** Default true (CIS). */
  requireNumbers: z.boolean().default(true),
  /** Default true (CIS). */
  requireSymbols: z.boolean().default(true),
  /** Users may change their own password. Default true (CIS). */
  allowUsersToChangePassword: z.boolean().default(true),
  /** Days until a password expires, 1–1095. Default: passwords do not expire. */
  maxPasswordAge: z.number().int().min(1).max(1095).optional(),
  /** An expired password can only be reset by an administrator. Default false. */
  hardExpiry: z.boolean().default(false),
  /** Required when any setting is below the CIS floor: why that is acceptable here. */
  reason: z.string().min(10, 'give a reason of at least 10 characters').optional(),
});

const requireMfaSchema = strict({
  /**
   * The MFA-enforcing policy (AWS's self-managed MFA example) and IAMUserChangePassword on every IAM
   * group, and the MFAEnabled tag on every IAM user. Default true; false needs a `reason` — meant for
   * the first, import-only plan of an adopted estate, until the policy is switched on in its own change.
   */
  enabled: z.boolean().default(true),
  /** Required with enabled: false: why IAM users may work without MFA here, and until when. */
  reason: z.string().min(10, 'give a reason of at least 10 characters').optional(),
});

const contactSchema = strict({
  /** Person or team, e.g. "Security Operations". */
  name: z.string().min(1).max(64),
  title: z.string().min(1).max(50),
  email: z.string().superRefine((value, ctx) => {
    // One pass, length first (config/email.ts): no backtracking regular expression.
    const found = emailProblem(value, 254);
    if (found) ctx.addIssue({ code: 'custom', message: `must be an email address such as security@example.com: ${found}` });
  }).meta({ format: 'email', maxLength: 254 }),
  /** Digits, spaces and ()+-, e.g. "+44 20 7946 0000". */
  phone: z.string().regex(/^[\s0-9()+-]{1,25}$/, 'must be a phone number of digits, spaces and ()+-, e.g. "+44 20 7946 0000"'),
});

const accountSchema = strict({
  /** IAM account alias: the sign-in URL becomes https://<alias>.signin.aws.amazon.com/console. */
  alias: z.string().optional(),
  /** The account's alternate SECURITY contact; default: `baseline.securityContact`. */
  securityContact: contactSchema.optional(),
});

const groupSchema = strict({
  /** The group's name in IAM, when the key cannot be it (`Ops.Team` beside `Ops_Team`: one Terraform name). Default: the key. */
  name: z.string().min(1).max(128).optional(),
  /** Policy ARNs attached to the group. The MFA-enforcing policy and IAMUserChangePassword are always attached. */
  managedPolicies: z.array(z.string().regex(MANAGED_POLICY_ARN, 'must be an IAM policy ARN such as arn:aws:iam::aws:policy/ReadOnlyAccess')).default([]),
});

const userSchema = strict({
  /** The user's name in IAM, when the key cannot be it (`ops.bot` beside `ops_bot`: one Terraform name). Default: the key. */
  name: z.string().min(1).max(64).optional(),
  /** IAM groups (keys of `baseline.iamGroups`, or Administrators). Default [Administrators]. */
  groups: z.array(z.string()).default(['Administrators']),
  /** Accounts (keys of organization.accounts) the user is created in. Default: the management account. */
  accounts: z.array(z.string()).min(1).optional(),
  /** Tags; `Owner` is required. `Project` defaults to identity-foundation; `MFAEnabled: required` is set by the project while requireMfa is enabled. */
  tags: tags.default({}),
  /** Console access: a login profile whose generated password is encrypted with the PGP key. Default true. */
  console: z.boolean().default(true),
  /** `keybase:<username>` or a base64-encoded PGP public key; default `baseline.pgpKey`. */
  pgpKey: z.string().optional(),
});

const serviceControlPolicySchema = strict({
  /** The policy's name in AWS, when the key cannot be it (`deny root` beside `deny_root`: one Terraform name). Default: the key. */
  name: z.string().min(1).max(128).optional(),
  /** The reviewed policy document: a JSON file, path relative to this environment file. */
  file: z.string().regex(/\.json$/, 'must be a .json file, e.g. ../policies/scp/deny-root-user.json'),
  description: z.string().min(1).max(512).optional(),
  /** Where it is attached: `root` (the organization root) or OU paths such as `Workloads/Prod`. */
  targets: z.array(z.string().min(1)).min(1, 'attach it somewhere: root or an OU path'),
  /** Tags on the policy (besides the provider's default tags). */
  tags: tags.default({}),
});

const configRulesSchema = strict({
  /**
   * AWS Config rules need a configuration recorder in each account and region: `existing` when one
   * is already recording (e.g. set up by Control Tower), `create` to create it here.
   */
  recorder: z.enum(['existing', 'create']),
  /** With `recorder: create`: the S3 bucket the delivery channel writes to (it must allow AWS Config). */
  deliveryBucket: z.string().min(3).max(63).optional(),
});

export const baselineSchema = strict({
  /**
   * The role Terraform uses in member accounts without their own `roleName`: the member-account
   * providers assume it, and every SCP Deny must exempt it. Default OrganizationAccountAccessRole.
   */
  deploymentRole: z.string().regex(IAM_NAME, 'must be an IAM role name, e.g. OrganizationAccountAccessRole').max(64).default(ORGANIZATION_ACCESS_ROLE),
  /** Accounts (keys of organization.accounts) that get the IAM path. The management account always does. */
  accounts: z.record(z.string(), accountSchema).default({}),
  /** IAM users get permissions only after signing in with MFA. Default: enabled. */
  requireMfa: requireMfaSchema.prefault({}),
  /** The account password policy of every baselined account. Default: the CIS floor. */
  passwordPolicy: passwordPolicySchema.prefault({}),
  /** Default alternate SECURITY contact of every baselined account. */
  securityContact: contactSchema.optional(),
  /** IAM groups by name, besides Administrators (AdministratorAccess), which is always there. */
  iamGroups: z.record(z.string(), groupSchema).default({}),
  /** Individual IAM users by name, e.g. IAM-Administrator. */
  iamUsers: z.record(z.string(), userSchema).default({}),
  /** The IAM users are for emergencies only; IAM Identity Center is the everyday way in. Default false. */
  breakGlassOnly: z.boolean().default(false),
  /** Default PGP key for the users' generated passwords: `keybase:<username>` or a base64-encoded public key. */
  pgpKey: z.string().optional(),
  /** Centralized root access for member accounts (RootCredentialsManagement, RootSessions). Default true. */
  centralizedRootAccess: z.boolean().default(true),
  /** Service control policies by name. */
  serviceControlPolicies: z.record(z.string(), serviceControlPolicySchema).default({}),
  /** AWS Config managed rules that check the baseline continuously; default: none. */
  configRules: configRulesSchema.optional(),
  /** Customer managed KMS key of IAM Identity Center, when not the AWS owned key: becomes manual control IC-KMS. */
  identityCenterKmsKey: z.string().regex(KMS_KEY_ARN, 'must be a KMS key ARN such as arn:aws:kms:eu-west-1:111111111111:key/…').optional(),
});

export type BaselineConfig = z.output<typeof baselineSchema>;
export type RequireMfaConfig = z.output<typeof requireMfaSchema>;
export type PasswordPolicyConfig = z.output<typeof passwordPolicySchema>;
export type ContactConfig = z.output<typeof contactSchema>;
export type IamUserConfig = z.output<typeof userSchema>;
export type ServiceControlPolicyConfig = z.output<typeof serviceControlPolicySchema>;

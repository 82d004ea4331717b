/**
 * The `baseline:` section of an environment file: the account security baseline of the seed guides
 * (MFA everywhere, root user hardening, the IAM path, organization guardrails). Shape only; the
 * checks that need more than one field live in `config/validate/baseline.ts` and
 * `config/validate/service-control-policies.ts`.
 */
import { z } from 'zod';
import { emailProblem } from './email';
import { CIS_PASSWORD_POLICY } from './cis-password-policy';

const strict = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape);

/** The role Organizations creates in every account it creates (CreateAccount's RoleName default). */
export const ORGANIZATION_ACCESS_ROLE = 'OrganizationAccountAccessRole';

const MANAGED_POLICY_ARN = /^arn:aws[\w-]*:iam::(aws|\d{12}):policy\/[\w+=,.@\/-]+$/;
const KMS_KEY_ARN = /^arn:aws[\w-]*:kms:[a-z0-9-]+:\d{12}:key\/[\w-]+$/;
/** IAM role, user and group names: letters, digits and +=,.@_- (AWS: 64 characters for roles and users, 128 for groups). */
const IAM_NAME = /^[\w+=,.@-]+$/;
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
/**
 * Necessary, not sufficient, for S3 bucket names (config/validate/aws-limits.ts checks the rest):
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export const S3_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** The pattern config/validate/baseline.ts checks (ACCOUNT_ALIAS there; a test keeps the two equal). */
export const ACCOUNT_ALIAS_PATTERN = /^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/;
/** What config/validate/baseline.ts reads as a PGP key: keybase:<username>, or base64 (white space allowed). */
const PGP_KEY = /^(?:keybase:[A-Za-z0-9_]{2,16}|[A-Za-z0-9+/=\s]+)$/;

/** The CIS floor, defined without the schema library (the plan review reads it too). */
export { CIS_PASSWORD_POLICY };

const tags = z
  .record(z.string().regex(TAG_KEY, 'tag keys are 1–128 letters, digits, spaces and _.:/=+-@'), z.string().max(256).describe('The tag value, up to 256 characters.'))
  .refine((value) => Object.keys(value).length <= 50, 'at most 50 tags')
  .meta({ maxProperties: 50 });

const passwordPolicySchema = strict({
  minimumPasswordLength: z.number().int().min(6).max(128).default(CIS_PASSWORD_POLICY.minimumPasswordLength).describe('Shortest password IAM accepts, 6–128. Default 14 (CIS).'),
  passwordReusePrevention: z.number().int().min(1).max(24).default(CIS_PASSWORD_POLICY.passwordReusePrevention).describe('How many previous passwords a user cannot reuse, 1–24. Default 24 (CIS).'),
  requireUppercaseCharacters: z.boolean().default(true).describe('Passwords need an uppercase letter. Default true (CIS).'),
  requireLowercaseCharacters: z.boolean().default(true).describe('Passwords need a lowercase letter. Default true (CIS).'),
  requireNumbers: z.boolean().default(true).describe('Passwords need a digit. Default true (CIS).'),
  requireSymbols: z.boolean().default(true).describe('Passwords need a symbol. Default true (CIS).'),
  allowUsersToChangePassword: z.boolean().default(true).describe('Users may change their own password. Default true (CIS).'),
  maxPasswordAge: z.number().int().min(1).max(1095).optional().describe('Days until a password expires, 1–1095. Default: passwords do not expire.'),
  hardExpiry: z.boolean().default(false).describe('An expired password can only be reset by an administrator. Default false.'),
  reason: z.string().min(10, 'give a reason of at least 10 characters').optional().describe('Required when any setting is below the CIS floor: why that is acceptable here.'),
}).describe('The account password policy of every baselined account. Default: the CIS floor.');

const requireMfaSchema = strict({
  /**
   * The MFA-enforcing policy (AWS's self-managed MFA example) and IAMUserChangePassword on every IAM
   * group, and the MFAEnabled tag on every IAM user. Default true; false needs a `reason` — meant for
   * the first, import-only plan of an adopted estate, until the policy is switched on in its own change.
   */
  enabled: z.boolean().default(true).describe('The MFA-enforcing policy and IAMUserChangePassword on every IAM group, and MFAEnabled: required on every IAM user. Default true; false needs a reason.'),
  reason: z.string().min(10, 'give a reason of at least 10 characters').optional().describe('Required with enabled: false: why IAM users may work without MFA here, and until when.'),
}).describe('IAM users get permissions only after signing in with MFA. Default: enabled.');

const contactSchema = strict({
  name: z.string().min(1).max(64).describe('Person or team, e.g. "Security Operations".'),
  title: z.string().min(1).max(50).meta({ description: 'Job title of the person or team.', examples: ['Security Lead'] }),
  email: z.string().superRefine((value, ctx) => {
    // One pass, length first (config/email.ts): no backtracking regular expression.
    const found = emailProblem(value, 254);
    if (found) ctx.addIssue({ code: 'custom', message: `must be an email address such as security@example.com: ${found}` });
  }).meta({ format: 'email', maxLength: 254, description: 'Email address of the contact.', examples: ['security@example.com'] }),
  phone: z.string().regex(/^[\s0-9()+-]{1,25}$/, 'must be a phone number of digits, spaces and ()+-, e.g. "+44 20 7946 0000"').describe('Digits, spaces and ()+-, e.g. "+44 20 7946 0000".'),
}).describe('An alternate SECURITY contact: name, title, email and phone.');

const accountSchema = strict({
  // config/validate/baseline.ts checks ACCOUNT_ALIAS (and that it is not a 12-digit number); the pattern here is for editors.
  alias: z.string().optional().meta({ description: 'IAM account alias: the sign-in URL becomes https://<alias>.signin.aws.amazon.com/console. 3–63 lowercase letters, digits and single hyphens, not a 12-digit number.', pattern: ACCOUNT_ALIAS_PATTERN.source }),
  securityContact: contactSchema.optional().describe('The account\'s alternate SECURITY contact; default: baseline.securityContact.'),
}).describe('An account (a key of organization.accounts) that gets the IAM path.');

const groupSchema = strict({
  name: z.string().min(1).max(128).optional().meta({ description: 'The group\'s name in IAM, when the key cannot be it (Ops.Team beside Ops_Team: one Terraform name): 1–128 letters, digits and +=,.@_-. Default: the key.', pattern: IAM_NAME.source }),
  managedPolicies: z.array(z.string().regex(MANAGED_POLICY_ARN, 'must be an IAM policy ARN such as arn:aws:iam::aws:policy/ReadOnlyAccess')).default([]).describe('Policy ARNs attached to the group. The MFA-enforcing policy and IAMUserChangePassword are always attached.'),
}).describe('An IAM group; its key is its name unless name is set.');

const userSchema = strict({
  name: z.string().min(1).max(64).optional().meta({ description: 'The user\'s name in IAM, when the key cannot be it (ops.bot beside ops_bot: one Terraform name): 1–64 letters, digits and +=,.@_-. Default: the key.', pattern: IAM_NAME.source }),
  groups: z.array(z.string()).default(['Administrators']).describe('IAM groups (keys of baseline.iamGroups, or Administrators). Default [Administrators].'),
  accounts: z.array(z.string()).min(1).optional().describe('Accounts (keys of organization.accounts) the user is created in. Default: the management account.'),
  tags: tags.default({}).describe('Tags; Owner is required. Project defaults to identity-foundation; MFAEnabled: required is set by the project while requireMfa is enabled.'),
  console: z.boolean().default(true).describe('Console access: a login profile whose generated password is encrypted with the PGP key. Default true.'),
  pgpKey: z.string().optional().meta({ description: 'keybase:<username> or a base64-encoded PGP public key; default baseline.pgpKey.', pattern: PGP_KEY.source }),
})
  .describe('An IAM user; its key is its name unless name is set.')
  // For editors: an Owner tag that is not blank (config/validate/baseline.ts checks it with its own message).
  .meta({ allOf: [{ required: ['tags'], properties: { tags: { type: 'object', required: ['Owner'], properties: { Owner: { type: 'string', pattern: '\\S' } } } } }] });

const serviceControlPolicySchema = strict({
  name: z.string().min(1).max(128).optional().describe('The policy\'s name in AWS, when the key cannot be it (deny root beside deny_root: one Terraform name). Default: the key.'),
  file: z.string().regex(/\.json$/, 'must be a .json file, e.g. ../policies/scp/deny-root-user.json').describe('The reviewed policy document: a JSON file, path relative to this environment file.'),
  description: z.string().min(1).max(512).optional().describe('Description of the policy in Organizations (up to 512 characters).'),
  targets: z.array(z.string().min(1)).min(1, 'attach it somewhere: root or an OU path').describe('Where it is attached: root (the organization root) or OU paths such as Workloads/Prod.'),
  tags: tags.default({}).describe('Tags on the policy (besides the provider\'s default tags).'),
}).describe('A service control policy; needs SERVICE_CONTROL_POLICY in organization.policyTypes.');

const configRulesSchema = strict({
  /**
   * AWS Config rules need a configuration recorder in each account and region: `existing` when one
   * is already recording (e.g. set up by Control Tower), `create` to create it here.
   */
  recorder: z.enum(['existing', 'create']).describe('AWS Config needs a configuration recorder in each account and region: existing when one is recording (e.g. Control Tower), create to create it here.'),
  deliveryBucket: z.string().min(3).max(63).optional().meta({ description: 'With recorder: create: the S3 bucket the delivery channel writes to (it must allow AWS Config; S3 bucket naming rules).', pattern: S3_BUCKET.source }),
}).describe('AWS Config managed rules that check the baseline continuously.');

export const baselineSchema = strict({
  /**
   * The role Terraform uses in member accounts without their own `roleName`: the member-account
   * providers assume it, and every SCP Deny must exempt it. Default OrganizationAccountAccessRole.
   */
  deploymentRole: z.string().regex(IAM_NAME, 'must be an IAM role name, e.g. OrganizationAccountAccessRole').max(64).default(ORGANIZATION_ACCESS_ROLE).describe('The role Terraform assumes in member accounts without their own roleName; every SCP Deny must exempt it. Default OrganizationAccountAccessRole.'),
  accounts: z.record(z.string(), accountSchema).default({}).describe('Accounts (keys of organization.accounts) that get the IAM path. The management account always does.'),
  requireMfa: requireMfaSchema.prefault({}).describe('IAM users get permissions only after signing in with MFA. Default: enabled.'),
  passwordPolicy: passwordPolicySchema.prefault({}).describe('The account password policy of every baselined account. Default: the CIS floor.'),
  securityContact: contactSchema.optional().describe('Default alternate SECURITY contact of every baselined account.'),
  iamGroups: z.record(z.string(), groupSchema).default({}).describe('IAM groups by name, besides Administrators (AdministratorAccess), which is always there.'),
  iamUsers: z.record(z.string(), userSchema).default({}).describe('Individual IAM users by name, e.g. IAM-Administrator.'),
  breakGlassOnly: z.boolean().default(false).describe('The IAM users are for emergencies only; IAM Identity Center is the everyday way in. Default false.'),
  pgpKey: z.string().optional().describe('Default PGP key for the users\' generated passwords: keybase:<username> or a base64-encoded public key.'),
  centralizedRootAccess: z.boolean().default(true).describe('Centralized root access for member accounts (RootCredentialsManagement, RootSessions). Default true.'),
  serviceControlPolicies: z.record(z.string(), serviceControlPolicySchema).default({}).describe('Service control policies by name.'),
  configRules: configRulesSchema.optional().describe('AWS Config managed rules that check the baseline continuously; default: none.'),
  identityCenterKmsKey: z.string().regex(KMS_KEY_ARN, 'must be a KMS key ARN such as arn:aws:kms:eu-west-1:111111111111:key/…').optional().describe('Customer managed KMS key of IAM Identity Center, when not the AWS owned key: becomes manual control IC-KMS.'),
});

export type BaselineConfig = z.output<typeof baselineSchema>;
export type RequireMfaConfig = z.output<typeof requireMfaSchema>;
export type PasswordPolicyConfig = z.output<typeof passwordPolicySchema>;
export type ContactConfig = z.output<typeof contactSchema>;
export type IamUserConfig = z.output<typeof userSchema>;
export type ServiceControlPolicyConfig = z.output<typeof serviceControlPolicySchema>;

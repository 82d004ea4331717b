/**
 * The environment config: one YAML file per environment, `environments/<env>.yaml`.
 *
 * This file is the single source of the config's shape: the TypeScript types, the runtime
 * check (with unknown keys rejected) and the published JSON Schema all come from it.
 * Checks that need more than one field (references, duplicates, limits across the file)
 * live in `config/validate/`.
 */
import { z } from 'zod';
import { baselineSchema } from './baseline-schema';
import { ACCOUNT_EMAIL_MAX_LENGTH, ACCOUNT_EMAIL_MIN_LENGTH, accountEmailProblem, emailProblem } from './email';

const strict = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape);

const ACCOUNT_ID = /^\d{12}$/;
/** AWS: 1–32 characters of [\w+=,.@-]. */
export const PERMISSION_SET_NAME = /^[\w+=,.@-]{1,32}$/;
const AWS_REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const MANAGED_POLICY_ARN = /^arn:aws[\w-]*:iam::(aws|\d{12}):policy\/[\w+=,.@\/-]+$/;
const IAM_PATH = /^\/([\w+=,.@-]+\/)*$/;
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

const accountId = z
  .string({ error: 'must be a 12-digit account ID in quotes, e.g. "123456789012"' })
  .regex(ACCOUNT_ID, 'must be exactly 12 digits, in quotes, e.g. "123456789012"');
/** Email checks without a backtracking regular expression (config/email.ts): a megabyte is rejected at once. */
const emailWith = (problem: (value: string) => string | undefined, example: string) =>
  z
    .string({ error: 'must be an email address' })
    .superRefine((value, ctx) => {
      const found = problem(value);
      if (found) ctx.addIssue({ code: 'custom', message: `must be an email address such as ${example}: ${found}` });
    })
    .meta({ format: 'email' });
const email = emailWith((value) => emailProblem(value), 'jane.doe@example.com');
/** A new account's root user email, as CreateAccount takes it. */
const accountEmail = emailWith(accountEmailProblem, 'aws-prod@example.com').meta({ minLength: ACCOUNT_EMAIL_MIN_LENGTH, maxLength: ACCOUNT_EMAIL_MAX_LENGTH });
const region = z.string().regex(AWS_REGION, 'must be an AWS region such as eu-west-1');

/** Tags: at most 50, keys up to 128 and values up to 256 characters. */
export const tagsSchema = z
  .record(z.string().regex(TAG_KEY, 'tag keys are 1–128 letters, digits, spaces and _.:/=+-@'), z.string().max(256))
  .refine((tags) => Object.keys(tags).length <= 50, 'at most 50 tags');

const backendSchema = z.discriminatedUnion(
  'type',
  [
    strict({
      /** Terraform state in a local file per stack (`terraform.<stack>.tfstate`). */
      type: z.literal('local'),
    }),
    strict({
      /** Terraform state in S3, one key per stack: `<keyPrefix>/<stack>.tfstate`. */
      type: z.literal('s3'),
      bucket: z.string().min(3).max(63),
      keyPrefix: z.string().min(1).regex(/^[^/].*[^/]$|^[^/]$/, 'no leading or trailing "/"'),
      region: region.optional(),
      /** S3-native state locking (Terraform ≥ 1.10). Default true. */
      useLockfile: z.boolean().default(true),
      /** Server-side encryption of the state object. Default true. */
      encrypt: z.boolean().default(true),
    }),
  ],
  { error: 'backend.type must be "local" or "s3"' },
);

export interface OrganizationalUnitConfig {
  name?: string;
  tags?: Record<string, string>;
  children?: Record<string, OrganizationalUnitConfig>;
}
const organizationalUnitSchema: z.ZodType<OrganizationalUnitConfig> = z.lazy(() =>
  strict({
    /**
     * The OU's name in AWS, when the key cannot be it: a name containing "/" (keys form paths such
     * as `Workloads/Prod`), or two names that become one Terraform name. Default: the key.
     */
    name: z.string().min(1).max(128).optional(),
    tags: tagsSchema.optional(),
    /** Nested OUs by key. */
    children: z.record(z.string(), organizationalUnitSchema).optional(),
  }),
);

const accountSchema = strict({
  /** Account name as AWS shows it. Default: the key. */
  name: z.string().min(1).max(50).optional(),
  /** Root email of an account this project creates (6–64 ASCII characters). */
  email: accountEmail.optional(),
  /** 12-digit ID of an account that already exists; it is referenced, never created or closed. */
  id: accountId.optional(),
  /** The organization's management account (needs `id`). */
  management: z.boolean().default(false),
  /**
   * The account is closed or closing (Organizations status SUSPENDED or PENDING_CLOSURE; Control
   * Tower keeps closed accounts for 90 days). Needs `id`: it is referenced, never managed, and no
   * `allAccounts`, `allAccountsExceptManagement` or OU target reaches it. Default false.
   */
  closed: z.boolean().default(false),
  /** OU path such as `Workloads/Prod`; default: the organization root. */
  ou: z.string().min(1).optional(),
  tags: tagsSchema.optional(),
  /**
   * The role the stacks assume in this member account. A created account: Organizations creates it
   * with this name. An account given by `id` (invited): the role that exists in it, e.g.
   * AWSControlTowerExecution under Control Tower. Default: baseline.deploymentRole, else
   * OrganizationAccountAccessRole; an invited account without roleName gets manual step MEMBER-ACCESS-ROLE.
   */
  roleName: z.string().regex(/^[\w+=,.@-]{1,64}$/).optional(),
  /** IAM users' access to billing: ALLOW or DENY. */
  iamUserAccessToBilling: z.enum(['ALLOW', 'DENY']).optional(),
});

const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com$/;
/** Organization policy types the config can list (organization.policyTypes). */
export const POLICY_TYPES = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY', 'TAG_POLICY', 'BACKUP_POLICY', 'AISERVICES_OPT_OUT_POLICY', 'CHATBOT_POLICY', 'DECLARATIVE_POLICY_EC2'] as const;
const organizationSchema = strict({
  /** Trusted access. sso.amazonaws.com and iam.amazonaws.com are always enabled. */
  servicePrincipals: z.array(z.string().regex(SERVICE_PRINCIPAL, 'must be a service principal such as sso.amazonaws.com')).default([]),
  /** Policy types enabled on the root. */
  policyTypes: z
    .array(z.enum(POLICY_TYPES))
    .default(['SERVICE_CONTROL_POLICY']),
  /**
   * Service principals or policy types that the import map says are enabled and that this file
   * deliberately leaves out, so the first apply disables them. Without this, synth refuses such a config.
   */
  allowDisabling: z.array(z.string()).default([]),
  /** The OU tree, by name. */
  organizationalUnits: z.record(z.string().min(1).max(128), organizationalUnitSchema).default({}),
  /** Accounts by a short key used everywhere else in this file. */
  accounts: z.record(z.string().min(1), accountSchema),
  /** Other environments that manage this same organization (same management account) on purpose. */
  sharesManagementAccountWith: z.array(z.string()).default([]),
});

const policyDocumentInput = z.union([z.string(), z.record(z.string(), z.unknown())], {
  error: 'must be an IAM policy: a mapping with Version and Statement, or a JSON string',
});

const customerManagedPolicyRef = strict({
  name: z.string().regex(/^[\w+=,.@-]{1,128}$/, '1–128 characters of letters, digits and +=,.@_-'),
  path: z.string().regex(IAM_PATH, 'must start and end with "/", e.g. /engineering/').default('/'),
});

/** A customer managed policy the identity-center stack creates in every account its permission sets reach. */
const customerManagedPolicySchema = strict({
  /** IAM path, e.g. /security/. Default /. Permission sets reference the policy by this name and path. */
  path: z.string().regex(IAM_PATH, 'must start and end with "/", e.g. /engineering/').max(512).default('/'),
  /** The reviewed policy document: a JSON file, path relative to this environment file. */
  file: z.string().regex(/\.json$/, 'must be a .json file, e.g. ../policies/customer-managed/security-audit-extras.json'),
  /** Description in IAM (up to 1,000 characters). Changing it replaces the policy in every account. */
  description: z.string().min(1).max(1000).optional(),
  tags: tagsSchema.optional(),
});

const permissionSetSchema = strict({
  /** The permission set's name in AWS, when the key cannot be it (`Data.Engineer` beside `Data_Engineer`). Default: the key. */
  name: z.string().min(1).max(32).optional(),
  /** The set already exists (created by hand or by Control Tower): looked up by name and only assigned. */
  existing: z.boolean().default(false),
  description: z.string().min(1).max(700).optional(),
  /** ISO-8601 duration between PT1H and PT12H. Default PT1H. */
  sessionDuration: z.string().optional(),
  /** URL in the AWS console the user lands on. */
  relayState: z.string().min(1).max(240).optional(),
  /** ARNs of AWS-managed (or job-function) policies. */
  managedPolicies: z.array(z.string().regex(MANAGED_POLICY_ARN, 'must be an IAM policy ARN such as arn:aws:iam::aws:policy/ReadOnlyAccess')).default([]),
  /** Customer-managed policies that must exist, by name and path, in every account the set is assigned to. */
  customerManagedPolicies: z.array(customerManagedPolicyRef).default([]),
  /** Inline policy: a mapping (Version, Statement) or a JSON string. */
  inlinePolicy: policyDocumentInput.optional(),
  /** Permissions boundary: one AWS-managed policy ARN or one customer-managed policy reference. */
  permissionsBoundary: z
    .union([
      strict({ managedPolicy: z.string().regex(MANAGED_POLICY_ARN, 'must be an IAM policy ARN') }),
      strict({ customerManagedPolicy: customerManagedPolicyRef }),
    ], { error: 'permissionsBoundary takes either managedPolicy: <arn> or customerManagedPolicy: {name, path}' })
    .optional(),
  tags: tagsSchema.optional(),
});

const address = strict({
  formatted: z.string().optional(),
  streetAddress: z.string().optional(),
  locality: z.string().optional(),
  region: z.string().optional(),
  postalCode: z.string().optional(),
  country: z.string().optional(),
  type: z.string().optional(),
  primary: z.boolean().optional(),
});

const userSchema = strict({
  /** The user name in AWS (UserName), when the key cannot be it (`ops.bot@…` beside `ops_bot@…`). Default: the key. */
  name: z.string().min(1).max(128).optional(),
  /** The user exists already (synced from an external IdP or made by hand): looked up by user name. */
  existing: z.boolean().default(false),
  displayName: z.string().min(1).max(1024).optional(),
  email: email.optional(),
  /** The email's type, e.g. work. */
  emailType: z.string().min(1).max(1024).optional(),
  /** The whole name as it is displayed (name.formatted), e.g. Dr. Jane Doe. */
  formattedName: z.string().min(1).max(1024).optional(),
  givenName: z.string().min(1).max(1024).optional(),
  familyName: z.string().min(1).max(1024).optional(),
  middleName: z.string().min(1).max(1024).optional(),
  nickname: z.string().min(1).max(1024).optional(),
  title: z.string().min(1).max(1024).optional(),
  userType: z.string().min(1).max(1024).optional(),
  preferredLanguage: z.string().min(1).max(1024).optional(),
  profileUrl: z.string().min(1).max(1024).optional(),
  /** e.g. en-US */
  locale: z.string().min(1).max(1024).optional(),
  /** e.g. Europe/Berlin */
  timezone: z.string().min(1).max(1024).optional(),
  phoneNumbers: z.array(strict({ value: z.string().min(1), type: z.string().optional(), primary: z.boolean().optional() })).max(1).optional(),
  addresses: z.array(address).max(1).optional(),
});

const groupSchema = strict({
  /** The group's display name in AWS, when the key cannot be it (`platform.admins` beside `Platform Admins`). Default: the key. */
  name: z.string().min(1).max(1024).optional(),
  /** The group exists already (e.g. synced by SCIM from an external IdP): looked up by display name. */
  existing: z.boolean().default(false),
  description: z.string().min(1).max(1024).optional(),
  /** User names (keys of `users`) to add to the group. */
  members: z.array(z.string()).default([]),
});

const assignmentSchema = strict({
  /** Exactly one of group or user: a key of `groups` or `users`. */
  group: z.string().optional(),
  user: z.string().optional(),
  /** Names of permission sets (keys of `permissionSets`). */
  permissionSets: z.array(z.string()).min(1, 'name at least one permission set'),
  /** Targets; at least one of them. */
  accounts: z.array(z.string()).default([]),
  /** OU paths; every account in the OU or any OU below it. */
  organizationalUnits: z.array(z.string()).default([]),
  allAccounts: z.boolean().default(false),
  allAccountsExceptManagement: z.boolean().default(false),
});

const mfaSchema = strict({
  /** When Identity Center asks for MFA: every sign-in (always-on), context-aware, or never. */
  prompt: z.enum(['every-sign-in', 'context-aware', 'never']),
  /** What a user without a registered MFA device meets at sign-in. */
  withoutRegisteredDevice: z.enum(['require-registration', 'email-one-time-password', 'block-sign-in', 'allow-sign-in']).default('require-registration'),
  /** MFA types users may register. */
  allowedTypes: z.array(z.enum(['authenticator-apps', 'security-keys-and-built-in-authenticators'])).min(1).default(['authenticator-apps', 'security-keys-and-built-in-authenticators']),
  /** Required when prompt is "never" or users without a device may sign in: why that is acceptable here. */
  reason: z.string().min(10, 'give a reason of at least 10 characters').optional(),
});

const identityCenterSchema = strict({
  /** Region of the Identity Center instance; default: the environment's region. */
  region: region.optional(),
  /** Add Admin (AdministratorAccess) and PowerUser (PowerUserAccess) unless this file defines them. Default true. */
  defaultPermissionSets: z.boolean().default(true),
  mfa: mfaSchema,
  /** Attribute-based access control: attribute key → sources such as ${path:enterprise.costCenter}. */
  accessControlAttributes: z.record(z.string().min(1).max(128), z.array(z.string().min(1)).min(1)).default({}),
  permissionSets: z.record(z.string(), permissionSetSchema).default({}),
  /**
   * Customer managed policies by name, created (aws_iam_policy) in every account a permission set that
   * references them (customerManagedPolicies or permissionsBoundary) is assigned to, before the assignment.
   */
  customerManagedPolicies: z.record(z.string(), customerManagedPolicySchema).default({}),
  users: z.record(z.string().min(1).max(128), userSchema).default({}),
  groups: z.record(z.string().min(1).max(1024), groupSchema).default({}),
  assignments: z.array(assignmentSchema).default([]),
  /**
   * Quotas raised through Service Quotas, where they differ from AWS's defaults; the permission set
   * checks use them (config/validate/aws-limits.ts). Default: AWS's default quotas.
   */
  quotas: strict({
    /** "Number of permission sets allowed in IAM Identity Center". Default 2000. */
    permissionSetsPerInstance: z.number().int().positive().optional(),
    /** "Number of provisioned permission sets allowed per AWS account". Default 250. */
    permissionSetsPerAccount: z.number().int().positive().optional(),
    /** IAM "Managed policies attached to an IAM role", raised in every account the sets reach. Default 10; Identity Center allows at most 20 a set. */
    managedPoliciesPerRole: z.number().int().min(10).max(20).optional(),
  }).prefault({}),
  /** Longest session an administrator-level permission set may have, PT1H to PT12H; longer is an error at synth (RISK-ADMIN-SESSION-LONG). Default PT1H. */
  adminSessionLimit: z.string().regex(/^PT(?:\d{1,2}H)?(?:\d{1,3}M)?$/, 'an ISO-8601 duration such as PT1H or PT1H30M').default('PT1H'),
});

const renamesSchema = strict({
  /** Old account key → new account key. */
  accounts: z.record(z.string(), z.string()).default({}),
  /** Old group display name → new one. */
  groups: z.record(z.string(), z.string()).default({}),
  /** Old user name → new one. */
  users: z.record(z.string(), z.string()).default({}),
  /** Old OU path → new OU path (`Workloads/Production: Workloads/Prod`); OUs below it move too. */
  organizationalUnits: z.record(z.string(), z.string()).default({}),
  /** Old IAM user name → new one (baseline.iamUsers), in every account that has the user. */
  iamUsers: z.record(z.string(), z.string()).default({}),
  /** Old IAM group name → new one (baseline.iamGroups), in every account. */
  iamGroups: z.record(z.string(), z.string()).default({}),
  /** Old service control policy name → new one (baseline.serviceControlPolicies). */
  serviceControlPolicies: z.record(z.string(), z.string()).default({}),
});

/** A security rule finding the synth accepts (rules/catalogue.ts); the reason is shown in the synth summary. */
const suppressionSchema = strict({
  /** Rule id, e.g. RISK-GRANT-TO-USER (docs/plan-review.md lists them). */
  rule: z.string().regex(/^RISK-[A-Z-]+$/, 'a rule id such as RISK-GRANT-TO-USER'),
  /** What the finding names, exactly as the synth prints it after "target:". */
  target: z.string().min(1),
  /** Why the finding is acceptable here. */
  reason: z.string().min(10, 'give a reason of at least 10 characters'),
});

export const environmentSchema = strict({
  /** Editor hint: the JSON Schema of this file. */
  $schema: z.string().optional(),
  /** Default region of every provider. */
  region,
  backend: backendSchema.default({ type: 'local' }),
  /** Tags put on every taggable resource (provider default_tags). */
  tags: tagsSchema.default({}),
  organization: organizationSchema,
  identityCenter: identityCenterSchema,
  /**
   * Names changed in this file while the AWS object stays: each address built from an old name gets
   * a `moved` block, so state moves instead of a destroy and a create. Keep entries until every
   * state has been applied once.
   */
  renames: renamesSchema.prefault({}),
  /** The account security baseline: IAM path, root hardening, guardrails, manual controls. See config/baseline-schema.ts. */
  baseline: baselineSchema.optional(),
  /** Security rule findings accepted with a reason (error-level findings fail the synth otherwise). */
  suppressions: z.array(suppressionSchema).default([]),
});

/** The config as written (defaults applied), after the shape check. */
export type EnvironmentConfig = z.output<typeof environmentSchema>;
export type AccountConfig = z.output<typeof accountSchema>;
export type PermissionSetConfig = z.output<typeof permissionSetSchema>;
export type UserConfig = z.output<typeof userSchema>;
export type GroupConfig = z.output<typeof groupSchema>;
export type AssignmentConfig = z.output<typeof assignmentSchema>;
export type MfaConfig = z.output<typeof mfaSchema>;
export type BackendConfig = z.output<typeof backendSchema>;
export type RenamesConfig = z.output<typeof renamesSchema>;
export type CustomerManagedPolicyRef = z.output<typeof customerManagedPolicyRef>;
export type CustomerManagedPolicyConfig = z.output<typeof customerManagedPolicySchema>;

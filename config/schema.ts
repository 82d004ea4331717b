/**
 * The environment config: one YAML file per environment, `environments/<env>.yaml`.
 *
 * This file is the single source of the config's shape: the TypeScript types, the runtime
 * check (with unknown keys rejected) and the published JSON Schema all come from it.
 * Checks that need more than one field (references, duplicates, limits across the file)
 * live in `config/validate/`.
 */
import { z } from 'zod';
import { baselineSchema, S3_BUCKET } from './baseline-schema';
import { ACCOUNT_EMAIL_MAX_LENGTH, ACCOUNT_EMAIL_MIN_LENGTH, accountEmailProblem, emailProblem } from './email';

/** identityCenter.maxResourcesPerStack: its default and bounds. */
export const DEFAULT_RESOURCES_PER_STACK = 1000;
export const MIN_RESOURCES_PER_STACK = 10;
export const MAX_RESOURCES_PER_STACK = 20_000;

const strict = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape);

const ACCOUNT_ID = /^\d{12}$/;
/** AWS: 1–32 characters of [\w+=,.@-]. */
export const PERMISSION_SET_NAME = /^[\w+=,.@-]{1,32}$/;
const AWS_REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const MANAGED_POLICY_ARN = /^arn:aws[\w-]*:iam::(aws|\d{12}):policy\/[\w+=,.@\/-]+$/;
const IAM_PATH = /^\/([\w+=,.@-]+\/)*$/;
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
/** Customer managed policy names (config/validate/customer-managed-policies.ts checks them). */
const CUSTOMER_MANAGED_POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
/** Necessary for a session duration (config/session-duration.ts reads it; the loader checks PT1H–PT12H). */
const SESSION_DURATION = /^PT(?=\d)(?:\d{1,5}H)?(?:\d{1,5}M)?(?:\d{1,6}S)?$/;

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
const region = z.string().regex(AWS_REGION, 'must be an AWS region such as eu-west-1').meta({ examples: ['eu-west-1', 'us-east-1'] });

/** Tags: at most 50, keys up to 128 and values up to 256 characters. */
export const tagsSchema = z
  .record(z.string().regex(TAG_KEY, 'tag keys are 1–128 letters, digits, spaces and _.:/=+-@'), z.string().max(256).describe('The tag value, up to 256 characters.'))
  .refine((tags) => Object.keys(tags).length <= 50, 'at most 50 tags')
  .meta({ description: 'Tags on this resource: at most 50, keys of 1–128 characters, values of up to 256.', maxProperties: 50 });

const backendSchema = z.discriminatedUnion(
  'type',
  [
    strict({
      type: z.literal('local').describe('Terraform state in a local file per stack (terraform.<stack>.tfstate).'),
    }).describe('Local state files.'),
    strict({
      type: z.literal('s3').describe('Terraform state in S3, one key per stack: <keyPrefix>/<stack>.tfstate.'),
      bucket: z.string().min(3).max(63).meta({ description: 'The S3 bucket that holds the state (S3 bucket naming rules).', pattern: S3_BUCKET.source }),
      keyPrefix: z.string().min(1).regex(/^[^/].*[^/]$|^[^/]$/, 'no leading or trailing "/"').meta({ description: 'Prefix of the state keys, without a leading or trailing "/".', examples: ['identity-foundation/prod'] }),
      region: region.optional().describe("Region of the bucket; default: the environment's region."),
      useLockfile: z.boolean().default(true).describe('S3-native state locking (Terraform 1.10 or later). Default true.'),
      encrypt: z.boolean().default(true).describe('Server-side encryption of the state object. Default true.'),
    }).describe('State in S3.'),
    strict({
      type: z.literal('cloud').describe('HCP Terraform or Terraform Enterprise: one workspace per stack, named <workspacePrefix>-<stack>.'),
      // Organization and workspace names: letters, digits, "-" and "_"; a workspace name at most 90
      // characters (https://developer.hashicorp.com/terraform/cloud-docs/api-docs/workspaces, "name").
      // 40 leaves room for "-", an environment name (at most 31, config/load.ts) and "-identity-center".
      organization: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "-" and "_" only').meta({ description: 'The HCP Terraform / Terraform Enterprise organization that holds the workspaces.', examples: ['example-corp'] }),
      workspacePrefix: z
        .string()
        .max(40)
        .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, "-" and "_", starting with a letter or digit')
        .refine((prefix) => !/[-_]$/.test(prefix), 'no trailing "-" or "_": the workspace name adds "-" before the stack name')
        .meta({ description: 'Start of each workspace name: <workspacePrefix>-<stack>, e.g. identity-foundation-prod-organization. At most 40 characters.', examples: ['identity-foundation'] }),
      hostname: z
        .string()
        .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, 'a host name such as tfe.example.com, without https:// or a path')
        .optional()
        .describe('Terraform Enterprise host name; default app.terraform.io (HCP Terraform).'),
    }).describe('State in HCP Terraform / Terraform Enterprise workspaces.'),
  ],
  { error: 'backend.type must be "local", "s3" or "cloud"' },
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
    name: z.string().min(1).max(128).optional().describe('The OU\'s name in AWS when the key cannot be it (a name with "/", or two names that become one Terraform name). Default: the key.'),
    tags: tagsSchema.optional(),
    children: z.record(z.string(), organizationalUnitSchema).optional().describe('Nested OUs by key; at most 5 levels below the root.'),
  }).describe('An organizational unit; its key is its name unless name is set.'),
);

const accountSchema = strict({
  name: z.string().min(1).max(50).optional().describe("Account name as AWS shows it (a created account's is 1–50 printable ASCII characters). Default: the key."),
  email: accountEmail.optional().describe('Root email of an account this project creates (6–64 characters as CreateAccount takes them). Give email or id.'),
  id: accountId.optional().meta({ description: '12-digit ID, in quotes, of an account that already exists: it is referenced, never created or closed. Give email or id.', examples: ['123456789012'] }),
  management: z.boolean().default(false).describe("The organization's management account (needs id)."),
  /**
   * The account is closed or closing (Organizations status SUSPENDED or PENDING_CLOSURE; Control
   * Tower keeps closed accounts for 90 days). Needs `id`: it is referenced, never managed, and no
   * `allAccounts`, `allAccountsExceptManagement` or OU target reaches it. Default false.
   */
  closed: z.boolean().default(false).describe('The account is closed or closing (SUSPENDED or PENDING_CLOSURE): needs id, is never managed, and no allAccounts or OU target reaches it. Default false.'),
  ou: z.string().min(1).optional().meta({ description: 'OU path; default: the organization root.', examples: ['Workloads/Prod'] }),
  tags: tagsSchema.optional(),
  /**
   * The role the stacks assume in this member account. A created account: Organizations creates it
   * with this name. An account given by `id` (invited): the role that exists in it, e.g.
   * AWSControlTowerExecution under Control Tower. Default: baseline.deploymentRole, else
   * OrganizationAccountAccessRole; an invited account without roleName gets manual step MEMBER-ACCESS-ROLE.
   */
  roleName: z.string().regex(/^[\w+=,.@-]{1,64}$/).optional().meta({ description: 'The role the stacks assume in this member account: created with this name in a new account; for an invited account, the one that exists. Default: baseline.deploymentRole, else OrganizationAccountAccessRole.', examples: ['AWSControlTowerExecution'] }),
  iamUserAccessToBilling: z.enum(['ALLOW', 'DENY']).optional().describe("IAM users' access to billing (created accounts only)."),
})
  .describe('An account, by a short key used everywhere else in this file: created (email) or referenced (id).')
  // For editors: exactly one of email and id (config/validate/organization.ts checks it with its own messages).
  .meta({ allOf: [{ oneOf: [{ required: ['email'] }, { required: ['id'] }] }] });

const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com$/;
/**
 * Organization policy types the config can list (organization.policyTypes): exactly those the pinned
 * hashicorp/aws 5.100.0 accepts in aws_organizations_organization.enabled_policy_types and
 * aws_organizations_policy.type (enum.Validate[awstypes.PolicyType], internal/service/organizations/
 * organization.go and policy.go; `terraform validate` with 5.100.0 names these seven). AWS has added
 * more since (SECURITYHUB_POLICY, INSPECTOR_POLICY, BEDROCK_POLICY, S3_POLICY, UPGRADE_ROLLOUT_POLICY:
 * EnablePolicyType in the Organizations API reference); the provider refuses them, so the config
 * names them in unmanagedPolicyTypes instead.
 */
export const POLICY_TYPES = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY', 'TAG_POLICY', 'BACKUP_POLICY', 'AISERVICES_OPT_OUT_POLICY', 'CHATBOT_POLICY', 'DECLARATIVE_POLICY_EC2'] as const;
const organizationSchema = strict({
  /**
   * The organization exists and another owner manages it (Control Tower, Landing Zone Accelerator, a
   * console): no organization, OU or account resources; accounts and OUs are read from the live
   * organization at plan time, so an OU or all-accounts target also reaches accounts created outside
   * this file. Accounts listed here are referenced by id; OUs listed here are looked up by name.
   */
  existing: z.boolean().default(false).describe('The organization exists and is managed elsewhere (e.g. Control Tower): no organization, OU or account resources; OU and all-accounts targets are read from the live organization at plan time. Default false.'),
  servicePrincipals: z.array(z.string().regex(SERVICE_PRINCIPAL, 'must be a service principal such as sso.amazonaws.com').meta({ examples: ['config.amazonaws.com'] })).default([]).describe('Extra trusted-access service principals; sso.amazonaws.com and iam.amazonaws.com are always on.'),
  policyTypes: z
    .array(z.enum(POLICY_TYPES))
    .default(['SERVICE_CONTROL_POLICY'])
    .describe('Policy types enabled on the root. Default [SERVICE_CONTROL_POLICY].'),
  /**
   * Policy types enabled in AWS that the pinned provider cannot list (any type not in POLICY_TYPES).
   * With any here, the organization's enabled policy types are left as AWS has them (lifecycle
   * ignore_changes): Terraform cannot name these types, and without it the first apply would
   * disable them. policyTypes then enables nothing new either.
   */
  unmanagedPolicyTypes: z
    .array(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'a policy type as AWS names it, such as SECURITYHUB_POLICY').meta({ examples: ['SECURITYHUB_POLICY'] }))
    .default([])
    .describe("Policy types enabled in AWS that the pinned hashicorp/aws provider cannot list (e.g. SECURITYHUB_POLICY): the organization's policy types are then left as AWS has them."),
  /**
   * Service principals or policy types that the import map says are enabled and that this file
   * deliberately leaves out, so the first apply disables them. Without this, synth refuses such a config.
   */
  allowDisabling: z.array(z.string()).default([]).describe('Service principals or policy types the import map says are enabled that this file leaves out on purpose (the first apply disables them).'),
  organizationalUnits: z.record(z.string().min(1).max(128), organizationalUnitSchema).default({}).describe('The OU tree below the root, by name.'),
  accounts: z.record(z.string().min(1), accountSchema).default({}).describe('Accounts by a short key used everywhere else in this file. An existing organization needs only the ones this file names.'),
  sharesManagementAccountWith: z.array(z.string()).default([]).describe('Other environments that manage this same organization (the same management account) on purpose; without it that is an error.'),
}).describe('The AWS organization: trusted access, policy types, OUs and accounts.');

const policyDocumentInput = z.union([z.string(), z.record(z.string(), z.unknown().describe('A policy element: Version, Statement (or Id).'))], {
  error: 'must be an IAM policy: a mapping with Version and Statement, or a JSON string',
}).describe('An IAM policy: a mapping with Version and Statement, or a JSON string.');

const customerManagedPolicyRef = strict({
  name: z.string().regex(/^[\w+=,.@-]{1,128}$/, '1–128 characters of letters, digits and +=,.@_-').describe('The customer managed policy\'s name, 1–128 letters, digits and +=,.@_-.'),
  path: z.string().regex(IAM_PATH, 'must start and end with "/", e.g. /engineering/').default('/').describe('Its IAM path, starting and ending with "/". Default /.'),
}).describe('A customer managed policy by name and path; it must exist in every account the set is assigned to.');

/** A customer managed policy the identity-center stack creates in every account its permission sets reach. */
const customerManagedPolicySchema = strict({
  path: z.string().regex(IAM_PATH, 'must start and end with "/", e.g. /engineering/').max(512).default('/').meta({ description: 'IAM path; permission sets reference the policy by this name and path. Default /.', examples: ['/security/'] }),
  file: z.string().regex(/\.json$/, 'must be a .json file, e.g. ../policies/customer-managed/security-audit-extras.json').meta({ description: 'The reviewed policy document: a JSON file, path relative to this environment file.', examples: ['../policies/customer-managed/security-audit-extras.json'] }),
  description: z.string().min(1).max(1000).optional().describe('Description in IAM (up to 1,000 characters). Changing it replaces the policy in every account.'),
  tags: tagsSchema.optional(),
}).describe('A customer managed policy, created in every account a permission set that references it is assigned to.');

const permissionSetSchema = strict({
  // The loader checks the name (or the key) against PERMISSION_SET_NAME in config/validate/permission-sets.ts; the pattern here is for editors.
  name: z.string().min(1).max(32).optional().meta({ description: "The permission set's name in AWS when the key cannot be it (Data.Engineer beside Data_Engineer): 1–32 characters of [\\w+=,.@-]. Default: the key.", pattern: PERMISSION_SET_NAME.source }),
  existing: z.boolean().default(false).describe('The set already exists (made by hand or by Control Tower): looked up by name and only assigned.'),
  description: z.string().min(1).max(700).optional().describe('Description in Identity Center, in Latin-1 (no typographic dashes or quotes).'),
  sessionDuration: z.string().optional().meta({ description: 'ISO-8601 duration from PT1H to PT12H; PT3600S, PT90M and PT1H0M0S are read as PT1H, PT1H30M and PT1H. Default PT1H.', pattern: SESSION_DURATION.source, examples: ['PT1H', 'PT4H', 'PT1H30M'] }),
  relayState: z.string().min(1).max(240).optional().meta({ description: 'URL in the AWS console the user lands on.', examples: ['https://console.aws.amazon.com/billing/home'] }),
  managedPolicies: z.array(z.string().regex(MANAGED_POLICY_ARN, 'must be an IAM policy ARN such as arn:aws:iam::aws:policy/ReadOnlyAccess').meta({ examples: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] })).default([]).describe('ARNs of AWS managed (or job-function) policies that exist; a customer managed one belongs in customerManagedPolicies.'),
  customerManagedPolicies: z.array(customerManagedPolicyRef).default([]).describe('Customer managed policies, by name and path, that must exist in every account the set is assigned to.'),
  inlinePolicy: policyDocumentInput.optional().describe('Inline policy: a mapping (Version, Statement) or a JSON string; checked statement by statement, at most 10,240 bytes without white space.'),
  permissionsBoundary: z
    .union([
      strict({ managedPolicy: z.string().regex(MANAGED_POLICY_ARN, 'must be an IAM policy ARN').describe('An AWS managed policy ARN as the boundary.') }),
      strict({ customerManagedPolicy: customerManagedPolicyRef }),
    ], { error: 'permissionsBoundary takes either managedPolicy: <arn> or customerManagedPolicy: {name, path}' })
    .optional()
    .describe('Permissions boundary: {managedPolicy: arn} or {customerManagedPolicy: {name, path}}.'),
  tags: tagsSchema.optional(),
}).describe('A permission set; its key is its name unless name is set.');

const address = strict({
  formatted: z.string().optional().describe('The whole address as it is displayed.'),
  streetAddress: z.string().optional().describe('Street and number.'),
  locality: z.string().optional().describe('City or town.'),
  region: z.string().optional().describe('State or region.'),
  postalCode: z.string().optional().describe('Postal code.'),
  country: z.string().optional().describe('Country.'),
  type: z.string().optional().describe('The address\'s type, e.g. work.'),
  primary: z.boolean().optional().describe('The primary address.'),
}).describe("The user's address (at most one).");

const userSchema = strict({
  name: z.string().min(1).max(128).optional().describe('The user name in AWS (UserName) when the key cannot be it (ops.bot@… beside ops_bot@…). Default: the key.'),
  existing: z.boolean().default(false).describe('The user exists already (synced from an external IdP or made by hand): looked up by user name.'),
  displayName: z.string().min(1).max(1024).optional().describe('The name shown in Identity Center.'),
  email: email.optional().meta({ description: "The user's email address.", examples: ['jane.doe@example.com'] }),
  emailType: z.string().min(1).max(1024).optional().meta({ description: "The email's type.", examples: ['work'] }),
  formattedName: z.string().min(1).max(1024).optional().meta({ description: 'The whole name as it is displayed (name.formatted).', examples: ['Dr. Jane Doe'] }),
  givenName: z.string().min(1).max(1024).optional().describe('Given name; required for a created user.'),
  familyName: z.string().min(1).max(1024).optional().describe('Family name; required for a created user.'),
  middleName: z.string().min(1).max(1024).optional().describe('Middle name.'),
  nickname: z.string().min(1).max(1024).optional().describe('Nickname.'),
  title: z.string().min(1).max(1024).optional().describe('Job title.'),
  userType: z.string().min(1).max(1024).optional().describe('User type, as the Identity Store keeps it (userType).'),
  preferredLanguage: z.string().min(1).max(1024).optional().describe('Preferred language.'),
  profileUrl: z.string().min(1).max(1024).optional().describe('URL of the user\'s profile.'),
  locale: z.string().min(1).max(1024).optional().meta({ description: 'Locale.', examples: ['en-US'] }),
  timezone: z.string().min(1).max(1024).optional().meta({ description: 'Time zone.', examples: ['Europe/Berlin'] }),
  phoneNumbers: z
    .array(
      strict({
        value: z.string().min(1).describe('The phone number.'),
        type: z.string().optional().describe("The number's type, e.g. work."),
        primary: z.boolean().optional().describe('The primary number.'),
      }).describe("The user's phone number (at most one)."),
    )
    .max(1)
    .optional()
    .describe('Phone numbers; at most one.'),
  addresses: z.array(address).max(1).optional().describe('Addresses; at most one.'),
})
  .describe('An Identity Center user; its key is the user name unless name is set.')
  // For editors: a created user needs these (config/validate/principals.ts checks them with its own messages).
  .meta({ allOf: [{ if: { required: ['existing'], properties: { existing: { type: 'boolean', const: true } } }, else: { required: ['displayName', 'givenName', 'familyName'] } }] });

const groupSchema = strict({
  name: z.string().min(1).max(1024).optional().describe("The group's display name in AWS when the key cannot be it (platform.admins beside Platform Admins). Default: the key."),
  existing: z.boolean().default(false).describe('The group exists already (e.g. synced by SCIM from an external IdP): looked up by display name; it may still get members.'),
  description: z.string().min(1).max(1024).optional().describe("The group's description in Identity Center."),
  members: z.array(z.string()).default([]).describe('User names (keys of identityCenter.users, created or existing) to add to the group.'),
}).describe('An Identity Center group; its key is the display name unless name is set.');

const assignmentSchema = strict({
  group: z.string().optional().describe('The group (a key of identityCenter.groups) that gets the access; give exactly one of group or user.'),
  user: z.string().optional().describe('The user (a key of identityCenter.users) that gets the access; give exactly one of group or user.'),
  permissionSets: z.array(z.string()).min(1, 'name at least one permission set').describe('Names of permission sets (keys of identityCenter.permissionSets, or Admin and PowerUser).'),
  accounts: z.array(z.string()).default([]).describe('Target accounts (keys of organization.accounts); give at least one target.'),
  organizationalUnits: z.array(z.string()).default([]).describe('Target OU paths: every account in the OU or any OU below it.'),
  allAccounts: z.boolean().default(false).describe('Target every account that is not closed.'),
  allAccountsExceptManagement: z.boolean().default(false).describe('Target every account except the management account and closed ones.'),
  // Checked by config/expiry.ts (config/validate/assignments.ts) with its own messages; the pattern here is for editors.
  expires: z
    .string({ error: 'expires is a date or UTC date-time written as text; quote it ("2026-12-31") if the file declares %YAML 1.1' })
    .optional()
    .meta({
      description: 'When the grant ends: a date (access holds through that day, UTC, and ends when it ends) or a UTC date-time ending in Z. Synth drops it from then on and warns 7 days before.',
      examples: ['2026-12-31', '2026-12-31T18:00:00Z'],
      pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2})?Z)?$',
    }),
  reason: z.string().min(10, 'give a reason of at least 10 characters').optional().meta({ description: 'Why this grant exists (a ticket, an incident): shown with its expiry in the summary and the access report.', examples: ['INC-4711: on-call access during the database migration'] }),
})
  .describe('An assignment: a group or user gets permission sets in target accounts.')
  // For editors: one principal and at least one target (config/validate/assignments.ts checks them with its own messages).
  .meta({
    allOf: [
      { oneOf: [{ required: ['group'] }, { required: ['user'] }] },
      {
        anyOf: [
          { required: ['accounts'], properties: { accounts: { type: 'array', minItems: 1 } } },
          { required: ['organizationalUnits'], properties: { organizationalUnits: { type: 'array', minItems: 1 } } },
          { required: ['allAccounts'], properties: { allAccounts: { type: 'boolean', const: true } } },
          { required: ['allAccountsExceptManagement'], properties: { allAccountsExceptManagement: { type: 'boolean', const: true } } },
        ],
      },
    ],
  });

const mfaSchema = strict({
  prompt: z.enum(['every-sign-in', 'context-aware', 'never']).describe('When Identity Center asks for MFA: every sign-in (always-on), context-aware, or never.'),
  withoutRegisteredDevice: z.enum(['require-registration', 'email-one-time-password', 'block-sign-in', 'allow-sign-in']).default('require-registration').describe('What a user without a registered MFA device meets at sign-in. Default require-registration.'),
  allowedTypes: z.array(z.enum(['authenticator-apps', 'security-keys-and-built-in-authenticators'])).min(1).default(['authenticator-apps', 'security-keys-and-built-in-authenticators']).describe('MFA types users may register. Default both.'),
  reason: z.string().min(10, 'give a reason of at least 10 characters').optional().describe('Required for prompt never or allow-sign-in: why that is acceptable here (at least 10 characters).'),
}).describe('MFA settings of Identity Center; they become manual step IC-MFA.');

const identityCenterSchema = strict({
  region: region.optional().describe("Region of the Identity Center instance; default: the environment's region."),
  defaultPermissionSets: z.boolean().default(true).describe('Add Admin (AdministratorAccess) and PowerUser (PowerUserAccess) unless this file defines sets of those names. Default true.'),
  mfa: mfaSchema,
  /**
   * The member account registered as Identity Center's delegated administrator (a key of
   * organization.accounts, or a 12-digit account ID): the identity-center stack runs there through
   * an assumed role, and a managed organization registers the delegation.
   */
  delegatedAdministrator: z.string().min(1).optional().meta({ description: "The member account that administers Identity Center (a key of organization.accounts, or a 12-digit ID in quotes): the identity-center stack runs there through an assumed role, and a managed organization registers the delegation (sso.amazonaws.com).", examples: ['security', '222222222222'] }),
  delegatedAdministratorRoleName: z.string().regex(/^[\w+=,.@-]{1,64}$/).optional().meta({ description: "The role the identity-center stack assumes in the delegated administrator account. Default: that account's roleName, else baseline.deploymentRole, else OrganizationAccountAccessRole.", examples: ['IdentityCenterAdministration'] }),
  accessControlAttributes: z
    // AWS takes exactly one source per attribute: AccessControlAttributeValue.Source has "Fixed number of 1 item"
    // (https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_AccessControlAttributeValue.html).
    .record(z.string().min(1).max(128), z.array(z.string().min(1)).min(1).max(1, 'AWS takes exactly one source per attribute (AccessControlAttributeValue.Source holds 1 item)').meta({ description: 'The source of the attribute: a list of exactly one item, as AWS takes one source per attribute.', examples: [['${path:enterprise.costCenter}']] }))
    .default({})
    .describe('Attribute-based access control: attribute key to its sources.'),
  permissionSets: z.record(z.string(), permissionSetSchema).default({}).describe('Permission sets by name.'),
  /**
   * Customer managed policies by name, created (aws_iam_policy) in every account a permission set that
   * references them (customerManagedPolicies or permissionsBoundary) is assigned to, before the assignment.
   */
  // The loader checks the key with POLICY_NAME in config/validate/customer-managed-policies.ts; the pattern here is for editors.
  customerManagedPolicies: z.record(z.string().meta({ pattern: CUSTOMER_MANAGED_POLICY_NAME.source }), customerManagedPolicySchema).default({}).describe('Customer managed policies by name, created in every account a permission set that references them is assigned to.'),
  users: z.record(z.string().min(1).max(128), userSchema).default({}).describe('Identity Center users by user name.'),
  groups: z.record(z.string().min(1).max(1024), groupSchema).default({}).describe('Identity Center groups by display name.'),
  assignments: z.array(assignmentSchema).default([]).describe('Who gets which permission sets in which accounts.'),
  /**
   * Quotas raised through Service Quotas, where they differ from AWS's defaults; the permission set
   * checks use them (config/validate/aws-limits.ts). Default: AWS's default quotas.
   */
  quotas: strict({
    permissionSetsPerInstance: z.number().int().positive().optional().describe('"Number of permission sets allowed in IAM Identity Center", if raised. Default 2000.'),
    permissionSetsPerAccount: z.number().int().positive().optional().describe('"Number of provisioned permission sets allowed per AWS account", if raised. Default 250.'),
    managedPoliciesPerRole: z.number().int().min(10).max(20).optional().describe('IAM "Managed policies attached to an IAM role", raised in every account the sets reach: 10 to 20. Default 10.'),
  }).prefault({}).describe("Quotas raised through Service Quotas; the permission set checks use them. Default: AWS's default quotas."),
  /**
   * Most resources a stack of account assignments holds (config/shard-map.ts, model/shards.ts): an
   * environment whose identity-center stack would hold more puts its assignments into
   * `<env>-access-<shard>` stacks of at most this many, recorded in `<env>.shards.json`.
   */
  maxResourcesPerStack: z
    .number()
    .int()
    .min(MIN_RESOURCES_PER_STACK)
    .max(MAX_RESOURCES_PER_STACK)
    .default(DEFAULT_RESOURCES_PER_STACK)
    .meta({ description: `Most resources in one stack of account assignments (<env>-access-<shard>); above it the assignments are split into shards recorded in <env>.shards.json. Default ${DEFAULT_RESOURCES_PER_STACK}.`, examples: [1000, 2500] }),
  access: strict({
    requireExpiryFor: z
      .enum(['none', 'administrator-sets'])
      .default('none')
      .describe('Which grants must carry expires: none, or administrator-sets (a grant of an administrator-level permission set without expires is error RISK-ADMIN-GRANT-WITHOUT-EXPIRY). Default none.'),
  }).prefault({}).describe('Policy for access over time.'),
  adminSessionLimit: z.string().regex(/^PT(?:\d{1,2}H)?(?:\d{1,3}M)?$/, 'an ISO-8601 duration such as PT1H or PT1H30M').default('PT1H').meta({ description: 'Longest session an administrator-level permission set may have, PT1H to PT12H; longer is an error at synth (RISK-ADMIN-SESSION-LONG). Default PT1H.', examples: ['PT1H', 'PT4H'] }),
}).describe('IAM Identity Center: MFA, permission sets, users, groups and assignments.');

/** A renames entry: old name (the key) → new name. */
const renamed = (what: string) => z.record(z.string(), z.string().describe(`The new ${what}.`));
const renamesSchema = strict({
  accounts: renamed('account key').default({}).describe('Old account key to new account key.'),
  groups: renamed('group display name').default({}).describe('Old group display name to new one.'),
  users: renamed('user name').default({}).describe('Old user name to new one.'),
  organizationalUnits: renamed('OU path').default({}).describe('Old OU path to new OU path (Workloads/Production: Workloads/Prod); OUs below it move too.'),
  iamUsers: renamed('IAM user name').default({}).describe('Old IAM user name to new one (baseline.iamUsers), in every account that has the user.'),
  iamGroups: renamed('IAM group name').default({}).describe('Old IAM group name to new one (baseline.iamGroups), in every account.'),
  serviceControlPolicies: renamed('policy name').default({}).describe('Old service control policy name to new one (baseline.serviceControlPolicies).'),
});

/** A security rule finding the synth accepts (rules/catalogue.ts); the reason is shown in the synth summary. */
const suppressionSchema = strict({
  rule: z.string().regex(/^RISK-[A-Z-]+$/, 'a rule id such as RISK-GRANT-TO-USER').meta({ description: 'Rule id (docs/plan-review.md lists them).', examples: ['RISK-GRANT-TO-USER'] }),
  target: z.string().min(1).describe('What the finding names, exactly as the synth prints it after "target:".'),
  reason: z.string().min(10, 'give a reason of at least 10 characters').describe('Why the finding is acceptable here (at least 10 characters).'),
}).describe('A security rule finding accepted with a reason; the reason is shown in the synth summary.');

export const environmentSchema = strict({
  $schema: z.string().optional().describe('Editor hint: the JSON Schema of this file.'),
  region: region.describe("Default region of every provider; its partition (aws, aws-us-gov, aws-cn) is the one of every ARN the project builds."),
  backend: backendSchema.default({ type: 'local' }).describe('Where Terraform keeps state. Default {type: local}.'),
  tags: tagsSchema.default({}).describe('Tags put on every taggable resource (provider default_tags).'),
  organization: organizationSchema,
  identityCenter: identityCenterSchema,
  /**
   * Names changed in this file while the AWS object stays: each address built from an old name gets
   * a `moved` block, so state moves instead of a destroy and a create. Keep entries until every
   * state has been applied once.
   */
  renames: renamesSchema.prefault({}).describe('Names changed in this file while the AWS object stays: each gets a moved block, so state moves instead of a destroy and a create.'),
  baseline: baselineSchema.optional().describe('The account security baseline: IAM path, root hardening, guardrails, manual controls.'),
  suppressions: z.array(suppressionSchema).default([]).describe('Security rule findings accepted with a reason (error-level findings fail the synth otherwise).'),
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

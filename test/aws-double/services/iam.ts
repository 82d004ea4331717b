/**
 * IAM for the AWS double: the query protocol (`Action=…&Version=2010-05-08`, XML results), state per
 * account (the caller's account: IAM is global, one namespace per account). What the hashicorp/aws
 * provider's resources this project synthesizes call (internal/service/iam/: account_alias.go,
 * account_password_policy.go, policy.go, group.go, group_policy_attachment.go, user.go,
 * user_group_membership.go, user_login_profile.go, organizations_features.go, service_linked_role.go,
 * including aws_iam_user's force_destroy delete path), and what discovery reads (discovery/read-iam.ts).
 *
 * Shapes, error codes and limits: the IAM API Reference
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Operations.html, one page per operation:
 * API_CreatePolicy.html, API_GetPolicyVersion.html, …), the common errors
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html), the SDK v3 model
 * (node_modules/@aws-sdk/client-iam/dist-types/models/models_0.d.ts; the wire error codes and HTTP
 * statuses are the `awsQueryError` traits in dist-es/schemas/schemas_0.js: `NoSuchEntity` 404,
 * `EntityAlreadyExists` 409, `DeleteConflict` 409, `LimitExceeded` 409, `MalformedPolicyDocument` 400,
 * `InvalidInput` 400, `PasswordPolicyViolation` 400, `UnmodifiableEntity` 400, `PolicyNotAttachable` 400;
 * the centralized-root-access errors have no such trait, so their code is the shape name,
 * `ServiceAccessNotEnabledException`, 400), and the quotas page
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
 *
 * Where AWS's own behaviour is richer, the double is simpler, and says so here:
 * - AWS managed policies (`arn:aws:iam::aws:policy/…`): any well-formed ARN exists, attachable, with
 *   version v1; the double holds no AWS managed policy documents (GetPolicyVersion on one answers
 *   `NotInDouble`, 501) and `ListPolicies` with Scope AWS lists only the ones seen so far.
 * - Names are unique case-insensitively and looked up case-insensitively, as IAM does.
 * - No eventual consistency, no permissions, no credential reports; a password is checked against the
 *   account's password policy (length and character classes) and then forgotten.
 * - Centralized root access reads the organization the Organizations double keeps on the world
 *   (`world.organization`: feature set, trusted access for iam.amazonaws.com, delegated administrators).
 */
import { queryList } from '../protocols';
import { setCustomerPolicyLookup } from './identity-center';
import { AwsServiceError, page, type CallerContext, type OperationHandler, type ServiceDouble } from '../service';
import type { ServiceFactory, World, WorldOrganization } from '../world';

// ----------------------------------------------------------------------------------------- limits

/** reference_iam-quotas.html: "IAM object quotas" and "IAM and AWS STS character limits". */
export const IAM_LIMITS = {
  managedPolicyVersions: 5,
  managedPoliciesPerEntity: 10,
  groupsPerUser: 10,
  tagsPerEntity: 50,
  managedPolicySize: 6144,
  groupInlinePolicySize: 5120,
  userInlinePolicySize: 2048,
  roleInlinePolicySize: 10240,
  accessKeysPerUser: 2,
  /** ListX operations: "MaxItems … If you do not include this parameter, the number of items defaults to 100." */
  defaultMaxItems: 100,
} as const;

// ------------------------------------------------------------------------------------------ state

export interface IamTag {
  Key: string;
  Value: string;
}

interface Entity {
  readonly kind: 'user' | 'group' | 'role';
  name: string;
  path: string;
  id: string;
  createDate: Date;
  tags: IamTag[];
  /** Managed policy ARNs, in attachment order. */
  attached: string[];
  /** Inline policies: name → document as sent. */
  inline: Map<string, string>;
  boundary?: string;
}

interface UserState extends Entity {
  groups: Set<GroupState>;
  loginProfile?: { createDate: Date; passwordResetRequired: boolean };
  accessKeys: { id: string; status: 'Active' | 'Inactive'; createDate: Date }[];
  /** MFA devices enabled for the user (virtual ones' serial numbers are their ARNs). */
  mfaDevices: { serialNumber: string; enableDate: Date }[];
}

interface GroupState extends Entity {
  members: Set<UserState>;
}

interface RoleState extends Entity {
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  /** The service of a service-linked role (`config.amazonaws.com`). */
  serviceLinked?: string;
}

interface PolicyVersionState {
  versionId: string;
  document: string;
  createDate: Date;
}

interface PolicyState {
  name: string;
  path: string;
  id: string;
  arn: string;
  description?: string;
  createDate: Date;
  updateDate: Date;
  versions: PolicyVersionState[];
  defaultVersionId: string;
  nextVersion: number;
  tags: IamTag[];
}

interface PasswordPolicyState {
  MinimumPasswordLength: number;
  RequireSymbols: boolean;
  RequireNumbers: boolean;
  RequireUppercaseCharacters: boolean;
  RequireLowercaseCharacters: boolean;
  AllowUsersToChangePassword: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

interface VirtualMfaState {
  serialNumber: string;
  path: string;
  name: string;
  tags: IamTag[];
  user?: UserState;
  enableDate?: Date;
}

interface AccountIam {
  readonly accountId: string;
  alias?: string;
  passwordPolicy?: PasswordPolicyState;
  readonly users: Map<string, UserState>;
  readonly groups: Map<string, GroupState>;
  readonly roles: Map<string, RoleState>;
  readonly policies: Map<string, PolicyState>;
  readonly virtualMfaDevices: Map<string, VirtualMfaState>;
  readonly deletionTasks: Set<string>;
  /** Policy ARN → the entities it is attached to, and those it bounds: counts without scanning. */
  readonly attachedTo: Map<string, Set<Entity>>;
  readonly boundaryOf: Map<string, Set<Entity>>;
}

function indexAdd(index: Map<string, Set<Entity>>, policyArn: string, entity: Entity): void {
  let entities = index.get(policyArn);
  if (!entities) index.set(policyArn, (entities = new Set()));
  entities.add(entity);
}

function indexDelete(index: Map<string, Set<Entity>>, policyArn: string, entity: Entity): void {
  const entities = index.get(policyArn);
  entities?.delete(entity);
  if (entities?.size === 0) index.delete(policyArn);
}

// ----------------------------------------------------------------------------------------- inputs

const fail = (code: string, message: string, status = 400): never => {
  throw new AwsServiceError(code, message, status);
};
const noSuchEntity = (message: string): never => fail('NoSuchEntity', message, 404);
const alreadyExists = (message: string): never => fail('EntityAlreadyExists', message, 409);
const deleteConflict = (message: string): never => fail('DeleteConflict', message, 409);
const limitExceeded = (message: string): never => fail('LimitExceeded', message, 409);
const malformed = (message: string): never => fail('MalformedPolicyDocument', message, 400);

/** Missing or malformed parameters: the query protocol's `ValidationError` (CommonErrors.html). */
const validation = (message: string): never => fail('ValidationError', message, 400);

function optionalString(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return validation(`1 validation error detected: Value at '${key}' failed to satisfy constraint: Member must be a string`);
  return value;
}

function requiredString(input: Record<string, unknown>, key: string): string {
  const value = optionalString(input, key);
  if (value === undefined || value === '') return validation(`1 validation error detected: Value null at '${key}' failed to satisfy constraint: Member must not be null`);
  return value;
}

/** The wire sends numbers and booleans as text; `invoke()` may pass them typed. */
function optionalInt(input: Record<string, unknown>, key: string): number | undefined {
  const value = input[key];
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(number)) return validation(`1 validation error detected: Value '${String(value)}' at '${key}' failed to satisfy constraint: Member must be an integer`);
  return number;
}

function optionalBool(input: Record<string, unknown>, key: string): boolean | undefined {
  const value = input[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return validation(`1 validation error detected: Value '${String(value)}' at '${key}' failed to satisfy constraint: Member must be a boolean`);
}

function stringList(input: Record<string, unknown>, key: string): string[] {
  return queryList<unknown>(input[key]).map((item) => (typeof item === 'string' ? item : validation(`Value at '${key}' must be a list of strings`)));
}

/** API_Tag.html: Key `[\p{L}\p{Z}\p{N}_.:/=+\-@]+`, 1–128; Value the same class, 0–256; `aws:` is AWS's own prefix. */
function tagList(input: Record<string, unknown>, key = 'Tags'): IamTag[] {
  return queryList<unknown>(input[key]).map((item) => {
    const tag = (item ?? {}) as { Key?: unknown; Value?: unknown };
    if (typeof tag.Key !== 'string' || tag.Key === '') return validation(`1 validation error detected: Value null at '${key}.member.key' failed to satisfy constraint: Member must not be null`);
    const value = typeof tag.Value === 'string' ? tag.Value : '';
    if (tag.Key.length > 128 || !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u.test(tag.Key)) {
      validation(`1 validation error detected: Value '${tag.Key}' at '${key}.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+ and have length less than or equal to 128`);
    }
    if (value.length > 256 || !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(value)) {
      validation(`1 validation error detected: Value '${value}' at '${key}.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]* and have length less than or equal to 256`);
    }
    if (/^aws:/i.test(tag.Key)) fail('InvalidInput', `Tag keys starting with 'aws:' are reserved for AWS use: ${tag.Key}`);
    return { Key: tag.Key, Value: value };
  });
}

/** User, group and role names: `[\w+=,.@-]+` (API_CreateUser.html: 1–64; CreateGroup 1–128; CreateRole 1–64). */
function checkName(kind: string, key: string, name: string, max: number): string {
  if (name.length > max || !/^[\w+=,.@-]+$/.test(name)) {
    validation(`1 validation error detected: Value '${name}' at '${key}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+ and have length less than or equal to ${max} (${kind})`);
  }
  return name;
}

/** Paths: `(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`, 1–512 (API_CreateUser.html). */
function checkPath(key: string, path: string | undefined): string {
  const value = path ?? '/';
  if (value.length > 512 || !/^(\/|\/[\x21-\x7E]+\/)$/.test(value)) {
    validation(`1 validation error detected: Value '${value}' at '${key}' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)`);
  }
  return value;
}

const key = (name: string) => name.toLowerCase();

/** "IAM doesn't count white space when calculating the size of a policy" (reference_iam-quotas.html). */
const policySize = (document: string) => document.replace(/\s/g, '').length;

/**
 * A policy document IAM would accept: JSON, an object with Statement (one or a list), each statement
 * with Effect Allow or Deny; identity policies name no Principal (API_CreatePolicy.html,
 * MalformedPolicyDocument). IAM's grammar checks much more; the provider validates JSON first.
 */
function checkPolicyDocument(document: string, identityPolicy: boolean): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    malformed('Syntax errors in policy.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) malformed('Syntax errors in policy.');
  const statement = (parsed as { Statement?: unknown }).Statement;
  if (statement === undefined) malformed('Syntax errors in policy.');
  const statements = Array.isArray(statement) ? statement : [statement];
  for (const item of statements) {
    if (item === null || typeof item !== 'object') malformed('Syntax errors in policy.');
    const effect = (item as { Effect?: unknown }).Effect;
    if (effect !== 'Allow' && effect !== 'Deny') malformed('Syntax errors in policy.');
    if (identityPolicy && ('Principal' in item || 'NotPrincipal' in item)) malformed('Policy document should not specify a principal.');
  }
}

function checkTags(existing: readonly IamTag[], added: readonly IamTag[]): IamTag[] {
  const merged = new Map(existing.map((tag) => [tag.Key, tag]));
  for (const tag of added) merged.set(tag.Key, { Key: tag.Key, Value: tag.Value });
  if (merged.size > IAM_LIMITS.tagsPerEntity) limitExceeded(`The number of tags has reached the maximum limit of ${IAM_LIMITS.tagsPerEntity}.`);
  return [...merged.values()];
}

/** Marker/IsTruncated/MaxItems paging (every IAM ListX: MaxItems 1–1000, default 100). */
function iamPage<T>(items: readonly T[], input: Record<string, unknown>): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const max = optionalInt(input, 'MaxItems');
  if (max !== undefined && (max < 1 || max > 1000)) validation(`1 validation error detected: Value '${max}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`);
  try {
    const result = page(items, optionalString(input, 'Marker'), max, IAM_LIMITS.defaultMaxItems);
    return result.next === undefined ? { items: result.items, IsTruncated: false } : { items: result.items, IsTruncated: true, Marker: result.next };
  } catch (error) {
    if (error instanceof AwsServiceError) return fail('InvalidInput', 'Invalid Marker.');
    throw error;
  }
}

// ---------------------------------------------------------------------------------------- service

const IAM_PRINCIPAL = 'iam.amazonaws.com';

const AWS_MANAGED_POLICY = /^arn:aws:iam::aws:policy((?:\/[\x21-\x7E]+)?\/)([\w+=,.@-]+)$/;

/** Service-linked role names per service (https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html, each service's page). */
const SERVICE_LINKED_ROLE_NAMES: Readonly<Record<string, string>> = {
  'config.amazonaws.com': 'AWSServiceRoleForConfig',
  'organizations.amazonaws.com': 'AWSServiceRoleForOrganizations',
  'sso.amazonaws.com': 'AWSServiceRoleForSSO',
  'controltower.amazonaws.com': 'AWSServiceRoleForAWSControlTower',
  'access-analyzer.amazonaws.com': 'AWSServiceRoleForAccessAnalyzer',
  'guardduty.amazonaws.com': 'AWSServiceRoleForAmazonGuardDuty',
  'securityhub.amazonaws.com': 'AWSServiceRoleForSecurityHub',
  'cloudtrail.amazonaws.com': 'AWSServiceRoleForCloudTrail',
};

export const iamDouble: ServiceFactory = (world: World): ServiceDouble => {
  const accounts = new Map<string, AccountIam>();
  /** AWS managed policies referenced so far, for ListPolicies Scope AWS. */
  const awsManagedSeen = new Map<string, Date>();

  // SSO Admin's provisioning fails, as AWS's does, when a permission set names a customer managed
  // policy the target account does not have (services/identity-center.ts).
  setCustomerPolicyLookup(world, (accountId, path, name) => accounts.get(accountId)?.policies.has(`arn:aws:iam::${accountId}:policy${path}${name}`) ?? false);

  const accountOf = (caller: CallerContext): AccountIam => {
    let account = accounts.get(caller.accountId);
    if (account === undefined) {
      account = {
        accountId: caller.accountId,
        users: new Map(),
        groups: new Map(),
        roles: new Map(),
        policies: new Map(),
        virtualMfaDevices: new Map(),
        deletionTasks: new Set(),
        attachedTo: new Map(),
        boundaryOf: new Map(),
      };
      accounts.set(caller.accountId, account);
    }
    return account;
  };

  /** IAM unique ids: a four-letter prefix by kind (AIDA user, AGPA group, AROA role, ANPA policy) and 17 more characters. */
  const uniqueId = (prefix: string) => `${prefix}${world.nextId('', 17).toUpperCase()}`;
  const now = () => new Date(Math.floor(world.now().getTime() / 1000) * 1000);
  const arn = (account: AccountIam, kind: string, path: string, name: string) => `arn:aws:iam::${account.accountId}:${kind}${path}${name}`;

  // --- lookups -------------------------------------------------------------------------------------

  const userNamed = (account: AccountIam, name: string): UserState =>
    account.users.get(key(name)) ?? noSuchEntity(`The user with name ${name} cannot be found.`);
  const groupNamed = (account: AccountIam, name: string): GroupState =>
    account.groups.get(key(name)) ?? noSuchEntity(`The group with name ${name} cannot be found.`);
  const roleNamed = (account: AccountIam, name: string): RoleState =>
    account.roles.get(key(name)) ?? noSuchEntity(`The role with name ${name} cannot be found.`);

  interface PolicyRef {
    readonly arn: string;
    readonly local?: PolicyState;
  }

  const policyByArn = (account: AccountIam, policyArn: string): PolicyRef => {
    const local = account.policies.get(policyArn);
    if (local) return { arn: policyArn, local };
    if (AWS_MANAGED_POLICY.test(policyArn)) {
      if (!awsManagedSeen.has(policyArn)) awsManagedSeen.set(policyArn, now());
      return { arn: policyArn };
    }
    if (!/^arn:aws[\w-]*:iam::(\d{12}|aws):policy\//.test(policyArn)) fail('InvalidInput', `ARN ${policyArn} is not valid.`);
    return noSuchEntity(`Policy ${policyArn} does not exist or is not attachable.`);
  };

  const boundaryUsage = (account: AccountIam, policyArn: string) => account.boundaryOf.get(policyArn)?.size ?? 0;
  const attachmentCount = (account: AccountIam, policyArn: string) => account.attachedTo.get(policyArn)?.size ?? 0;

  /** Sets or clears an entity's permissions boundary, keeping the usage count. */
  const useBoundary = (account: AccountIam, entity: Entity, policyArn: string | undefined) => {
    if (entity.boundary !== undefined) indexDelete(account.boundaryOf, entity.boundary, entity);
    if (policyArn !== undefined) {
      policyByArn(account, policyArn);
      indexAdd(account.boundaryOf, policyArn, entity);
    }
    entity.boundary = policyArn;
  };

  // --- output shapes (models_0.d.ts) ---------------------------------------------------------------

  const userOut = (account: AccountIam, user: UserState, full: boolean) => ({
    Path: user.path,
    UserName: user.name,
    UserId: user.id,
    Arn: arn(account, 'user', user.path, user.name),
    CreateDate: user.createDate,
    // "ListUsers … doesn't return … PermissionsBoundary and Tags" (API_ListUsers.html): GetUser does.
    ...(full && user.boundary ? { PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: user.boundary } } : {}),
    ...(full && user.tags.length > 0 ? { Tags: user.tags } : {}),
  });

  const groupOut = (account: AccountIam, group: GroupState) => ({
    Path: group.path,
    GroupName: group.name,
    GroupId: group.id,
    Arn: arn(account, 'group', group.path, group.name),
    CreateDate: group.createDate,
  });

  const roleOut = (account: AccountIam, role: RoleState, full: boolean) => ({
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: arn(account, 'role', role.path, role.name),
    CreateDate: role.createDate,
    // "The policy document … is URL-encoded compliant with RFC 3986" (API_Role.html).
    AssumeRolePolicyDocument: encodeURIComponent(role.assumeRolePolicyDocument),
    ...(role.description !== undefined ? { Description: role.description } : {}),
    MaxSessionDuration: role.maxSessionDuration,
    ...(full && role.boundary ? { PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: role.boundary } } : {}),
    ...(full && role.tags.length > 0 ? { Tags: role.tags } : {}),
    ...(full ? { RoleLastUsed: {} } : {}),
  });

  const policyOut = (account: AccountIam, ref: PolicyRef, withTags: boolean) => {
    const policy = ref.local;
    if (policy === undefined) {
      const match = AWS_MANAGED_POLICY.exec(ref.arn) as RegExpExecArray;
      const date = awsManagedSeen.get(ref.arn) ?? now();
      return {
        PolicyName: match[2],
        PolicyId: `ANPA${Buffer.from(ref.arn).toString('hex').slice(-17).toUpperCase()}`,
        Arn: ref.arn,
        Path: match[1],
        DefaultVersionId: 'v1',
        AttachmentCount: attachmentCount(account, ref.arn),
        PermissionsBoundaryUsageCount: boundaryUsage(account, ref.arn),
        IsAttachable: true,
        CreateDate: date,
        UpdateDate: date,
      };
    }
    return {
      PolicyName: policy.name,
      PolicyId: policy.id,
      Arn: policy.arn,
      Path: policy.path,
      DefaultVersionId: policy.defaultVersionId,
      AttachmentCount: attachmentCount(account, policy.arn),
      PermissionsBoundaryUsageCount: boundaryUsage(account, policy.arn),
      IsAttachable: true,
      ...(policy.description !== undefined && policy.description !== '' ? { Description: policy.description } : {}),
      CreateDate: policy.createDate,
      UpdateDate: policy.updateDate,
      ...(withTags && policy.tags.length > 0 ? { Tags: policy.tags } : {}),
    };
  };

  const versionOut = (policy: PolicyState, version: PolicyVersionState, withDocument: boolean) => ({
    // "The policy document returned in this structure is URL-encoded compliant with RFC 3986"
    // (API_PolicyVersion.html); the provider url.QueryUnescape()s it (policy.go).
    ...(withDocument ? { Document: encodeURIComponent(version.document) } : {}),
    VersionId: version.versionId,
    IsDefaultVersion: version.versionId === policy.defaultVersionId,
    CreateDate: version.createDate,
  });

  // --- shared steps --------------------------------------------------------------------------------

  const attach = (account: AccountIam, entity: Entity, kind: string, policyArn: string) => {
    policyByArn(account, policyArn);
    if (entity.attached.includes(policyArn)) return;
    if (entity.attached.length >= IAM_LIMITS.managedPoliciesPerEntity) limitExceeded(`Cannot exceed quota for PoliciesPer${kind}: ${IAM_LIMITS.managedPoliciesPerEntity}`);
    entity.attached.push(policyArn);
    indexAdd(account.attachedTo, policyArn, entity);
  };

  const detach = (account: AccountIam, entity: Entity, policyArn: string) => {
    const index = entity.attached.indexOf(policyArn);
    if (index < 0) noSuchEntity(`Policy ${policyArn} was not found.`);
    entity.attached.splice(index, 1);
    indexDelete(account.attachedTo, policyArn, entity);
  };

  const putInline = (entity: Entity, input: Record<string, unknown>, limit: number, kind: string) => {
    const name = checkName('policy', 'policyName', requiredString(input, 'PolicyName'), 128);
    const document = requiredString(input, 'PolicyDocument');
    checkPolicyDocument(document, true);
    let total = policySize(document);
    for (const [other, text] of entity.inline) if (other !== name) total += policySize(text);
    if (total > limit) limitExceeded(`Maximum policy size of ${limit} bytes exceeded for ${kind} ${entity.name}`);
    entity.inline.set(name, document);
  };

  const getInline = (entity: Entity, input: Record<string, unknown>, kind: string) => {
    const name = requiredString(input, 'PolicyName');
    const document = entity.inline.get(name) ?? noSuchEntity(`The ${kind} policy with name ${name} cannot be found.`);
    return { name, document: encodeURIComponent(document) };
  };

  const deleteInline = (entity: Entity, input: Record<string, unknown>, kind: string) => {
    const name = requiredString(input, 'PolicyName');
    if (!entity.inline.delete(name)) noSuchEntity(`The ${kind} policy with name ${name} cannot be found.`);
  };

  const listAttached = (entity: Entity, input: Record<string, unknown>) => {
    const prefix = optionalString(input, 'PathPrefix') ?? '/';
    const items = entity.attached
      .map((policyArn) => ({ policyArn, path: policyArn.replace(/^arn:[^:]+:iam::[^:]+:policy/, '').replace(/[^/]*$/, ''), name: policyArn.replace(/^.*\//, '') }))
      .filter((item) => item.path.startsWith(prefix));
    const paged = iamPage(items, input);
    return { AttachedPolicies: paged.items.map((item) => ({ PolicyName: item.name, PolicyArn: item.policyArn })), IsTruncated: paged.IsTruncated, Marker: paged.Marker };
  };

  const listInline = (entity: Entity, input: Record<string, unknown>) => {
    const paged = iamPage([...entity.inline.keys()].sort(), input);
    return { PolicyNames: paged.items, IsTruncated: paged.IsTruncated, Marker: paged.Marker };
  };

  const tagEntity = (entity: { tags: IamTag[] }, input: Record<string, unknown>) => {
    entity.tags = checkTags(entity.tags, tagList(input));
  };
  const untagEntity = (entity: { tags: IamTag[] }, input: Record<string, unknown>) => {
    const keys = new Set(stringList(input, 'TagKeys'));
    entity.tags = entity.tags.filter((tag) => !keys.has(tag.Key));
  };
  const listTags = (entity: { tags: IamTag[] }, input: Record<string, unknown>) => {
    const paged = iamPage(entity.tags, input);
    return { Tags: paged.items, IsTruncated: paged.IsTruncated, Marker: paged.Marker };
  };

  const setBoundary = (account: AccountIam, entity: Entity, input: Record<string, unknown>) => {
    useBoundary(account, entity, requiredString(input, 'PermissionsBoundary'));
  };

  /** The checks centralized root access makes (API_ListOrganizationsFeatures.html, Errors). */
  const rootAccessOrganization = (caller: CallerContext): WorldOrganization => {
    const org = world.organization;
    if (org === undefined || !world.accounts.has(caller.accountId)) {
      return fail('OrganizationNotFoundException', 'The request was rejected because no organization is associated with your account.');
    }
    if (org.featureSet !== 'ALL') fail('OrganizationNotInAllFeaturesModeException', 'The request was rejected because your organization does not have All features enabled.');
    if (!org.servicePrincipals.has(IAM_PRINCIPAL)) fail('ServiceAccessNotEnabledException', 'The request was rejected because trusted access is not enabled for IAM in Organizations.');
    if (caller.accountId !== world.managementAccountId && !org.delegatedAdministrators.get(IAM_PRINCIPAL)?.has(caller.accountId)) {
      fail('AccountNotManagementOrDelegatedAdministratorException', 'The request was rejected because the account making the request is not the management account or delegated administrator account for centralized root access.');
    }
    return org;
  };
  const rootFeatures = new Map<string, Set<string>>();
  const featuresOf = (org: WorldOrganization) => {
    let features = rootFeatures.get(org.id);
    if (!features) rootFeatures.set(org.id, (features = new Set()));
    return features;
  };
  const enableFeature = (feature: string) => (_input: Record<string, unknown>, caller: CallerContext) => {
    const org = rootAccessOrganization(caller);
    const features = featuresOf(org);
    features.add(feature);
    return { OrganizationId: org.id, EnabledFeatures: [...features].sort() };
  };
  const disableFeature = (feature: string) => (_input: Record<string, unknown>, caller: CallerContext) => {
    const org = rootAccessOrganization(caller);
    const features = featuresOf(org);
    features.delete(feature);
    return { OrganizationId: org.id, EnabledFeatures: [...features].sort() };
  };

  /**
   * The account's password rules, or IAM's default policy when none is set: "minimum password length of
   * 8 characters … a minimum of three of the following mix of character types: uppercase, lowercase,
   * numbers, and non-alphanumeric" (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html#default-policy-details).
   */
  const checkPassword = (account: AccountIam, password: string) => {
    const policy = account.passwordPolicy;
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((pattern) => pattern.test(password)).length;
    if (policy === undefined) {
      if (password.length < 8 || classes < 3) fail('PasswordPolicyViolation', 'Password does not conform to the account password policy.');
      return;
    }
    const problems: string[] = [];
    if (password.length < policy.MinimumPasswordLength) problems.push(`Password should have at least ${policy.MinimumPasswordLength} characters`);
    if (policy.RequireLowercaseCharacters && !/[a-z]/.test(password)) problems.push('Password should have at least one lowercase letter');
    if (policy.RequireUppercaseCharacters && !/[A-Z]/.test(password)) problems.push('Password should have at least one uppercase letter');
    if (policy.RequireNumbers && !/[0-9]/.test(password)) problems.push('Password should have at least one number');
    if (policy.RequireSymbols && !/[^a-zA-Z0-9]/.test(password)) problems.push('Password should have at least one symbol');
    if (problems.length > 0) fail('PasswordPolicyViolation', `Password does not conform to the account password policy: ${problems.join(', ')}.`);
  };

  const newEntity = (kind: Entity['kind'], name: string, path: string, prefix: string, tags: IamTag[]): Entity => ({
    kind,
    name,
    path,
    id: uniqueId(prefix),
    createDate: now(),
    tags: checkTags([], tags),
    attached: [],
    inline: new Map(),
  });

  const rename = <T extends Entity>(map: Map<string, T>, entity: T, newName: string | undefined, newPath: string | undefined, kind: string) => {
    if (newName !== undefined && key(newName) !== key(entity.name)) {
      if (map.has(key(newName))) alreadyExists(`${kind} with name ${newName} already exists.`);
      map.delete(key(entity.name));
      entity.name = newName;
      map.set(key(newName), entity);
    } else if (newName !== undefined) {
      entity.name = newName;
    }
    if (newPath !== undefined) entity.path = newPath;
  };

  // --- operations ----------------------------------------------------------------------------------

  const operations: Record<string, OperationHandler> = {
    // Account alias: "An account can have only one alias … the new alias replaces the old one"
    // (https://docs.aws.amazon.com/signin/latest/userguide/CreateAccountAlias.html); aliases are unique across AWS.
    CreateAccountAlias(input, caller) {
      const alias = requiredString(input, 'AccountAlias');
      if (!/^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/.test(alias)) {
        validation(`1 validation error detected: Value '${alias}' at 'accountAlias' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$`);
      }
      const account = accountOf(caller);
      for (const other of accounts.values()) if (other !== account && other.alias === alias) alreadyExists(`The account alias ${alias} already exists.`);
      account.alias = alias;
      return undefined;
    },
    DeleteAccountAlias(input, caller) {
      const alias = requiredString(input, 'AccountAlias');
      const account = accountOf(caller);
      if (account.alias !== alias) noSuchEntity(`The account alias ${alias} cannot be found.`);
      account.alias = undefined;
      return undefined;
    },
    ListAccountAliases(input, caller) {
      const account = accountOf(caller);
      const paged = iamPage(account.alias ? [account.alias] : [], input);
      return { AccountAliases: paged.items, IsTruncated: paged.IsTruncated, Marker: paged.Marker };
    },

    // Password policy: "This operation does not support partial updates … if you do not specify a
    // parameter, that parameter's value reverts to its default value" (API_UpdateAccountPasswordPolicy.html:
    // MinimumPasswordLength 6, the booleans false, MaxPasswordAge/PasswordReusePrevention/HardExpiry unset).
    UpdateAccountPasswordPolicy(input, caller) {
      const minimum = optionalInt(input, 'MinimumPasswordLength') ?? 6;
      if (minimum < 6 || minimum > 128) validation(`1 validation error detected: Value '${minimum}' at 'minimumPasswordLength' failed to satisfy constraint: Member must have value between 6 and 128`);
      const maxAge = optionalInt(input, 'MaxPasswordAge');
      if (maxAge !== undefined && (maxAge < 1 || maxAge > 1095)) validation(`1 validation error detected: Value '${maxAge}' at 'maxPasswordAge' failed to satisfy constraint: Member must have value between 1 and 1095`);
      const reuse = optionalInt(input, 'PasswordReusePrevention');
      if (reuse !== undefined && (reuse < 1 || reuse > 24)) validation(`1 validation error detected: Value '${reuse}' at 'passwordReusePrevention' failed to satisfy constraint: Member must have value between 1 and 24`);
      const hardExpiry = optionalBool(input, 'HardExpiry');
      accountOf(caller).passwordPolicy = {
        MinimumPasswordLength: minimum,
        RequireSymbols: optionalBool(input, 'RequireSymbols') ?? false,
        RequireNumbers: optionalBool(input, 'RequireNumbers') ?? false,
        RequireUppercaseCharacters: optionalBool(input, 'RequireUppercaseCharacters') ?? false,
        RequireLowercaseCharacters: optionalBool(input, 'RequireLowercaseCharacters') ?? false,
        AllowUsersToChangePassword: optionalBool(input, 'AllowUsersToChangePassword') ?? false,
        ...(maxAge !== undefined ? { MaxPasswordAge: maxAge } : {}),
        ...(reuse !== undefined ? { PasswordReusePrevention: reuse } : {}),
        ...(hardExpiry !== undefined ? { HardExpiry: hardExpiry } : {}),
      };
      return undefined;
    },
    GetAccountPasswordPolicy(_input, caller) {
      const policy = accountOf(caller).passwordPolicy ?? noSuchEntity(`The Password Policy with domain name ${caller.accountId} cannot be found.`);
      // ExpirePasswords: "true if passwords expire" (API_PasswordPolicy.html), i.e. MaxPasswordAge is set.
      const { MaxPasswordAge, PasswordReusePrevention, HardExpiry, ...rest } = policy;
      return {
        PasswordPolicy: {
          ...rest,
          ExpirePasswords: MaxPasswordAge !== undefined,
          ...(MaxPasswordAge !== undefined ? { MaxPasswordAge } : {}),
          ...(PasswordReusePrevention !== undefined ? { PasswordReusePrevention } : {}),
          ...(HardExpiry !== undefined ? { HardExpiry } : {}),
        },
      };
    },
    DeleteAccountPasswordPolicy(_input, caller) {
      const account = accountOf(caller);
      if (account.passwordPolicy === undefined) noSuchEntity(`The account policy with name PasswordPolicy cannot be found.`);
      account.passwordPolicy = undefined;
      return undefined;
    },

    // Managed policies and their versions.
    CreatePolicy(input, caller) {
      const account = accountOf(caller);
      const name = checkName('policy', 'policyName', requiredString(input, 'PolicyName'), 128);
      const path = checkPath('path', optionalString(input, 'Path'));
      const document = requiredString(input, 'PolicyDocument');
      checkPolicyDocument(document, true);
      if (policySize(document) > IAM_LIMITS.managedPolicySize) limitExceeded(`Cannot exceed quota for PolicySize: ${IAM_LIMITS.managedPolicySize}`);
      for (const other of account.policies.values()) if (key(other.name) === key(name)) alreadyExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);
      const created = now();
      const policy: PolicyState = {
        name,
        path,
        id: uniqueId('ANPA'),
        arn: arn(account, 'policy', path, name),
        description: optionalString(input, 'Description'),
        createDate: created,
        updateDate: created,
        versions: [{ versionId: 'v1', document, createDate: created }],
        defaultVersionId: 'v1',
        nextVersion: 2,
        tags: checkTags([], tagList(input)),
      };
      account.policies.set(policy.arn, policy);
      return { Policy: policyOut(account, { arn: policy.arn, local: policy }, true) };
    },
    GetPolicy(input, caller) {
      const account = accountOf(caller);
      return { Policy: policyOut(account, policyByArn(account, requiredString(input, 'PolicyArn')), true) };
    },
    DeletePolicy(input, caller) {
      const account = accountOf(caller);
      const ref = policyByArn(account, requiredString(input, 'PolicyArn'));
      const policy = ref.local ?? fail('UnmodifiableEntity', `Cannot delete an AWS managed policy: ${ref.arn}`);
      if (attachmentCount(account, policy.arn) > 0 || boundaryUsage(account, policy.arn) > 0) deleteConflict('Cannot delete a policy attached to entities.');
      if (policy.versions.length > 1) {
        deleteConflict("This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.");
      }
      account.policies.delete(policy.arn);
      return undefined;
    },
    ListPolicies(input, caller) {
      const account = accountOf(caller);
      const scope = optionalString(input, 'Scope') ?? 'All';
      if (!['All', 'AWS', 'Local'].includes(scope)) validation(`1 validation error detected: Value '${scope}' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]`);
      const onlyAttached = optionalBool(input, 'OnlyAttached') ?? false;
      const prefix = optionalString(input, 'PathPrefix') ?? '/';
      const usage = optionalString(input, 'PolicyUsageFilter');
      const refs: PolicyRef[] = [
        ...(scope !== 'Local' ? [...awsManagedSeen.keys()].sort().map((policyArn) => ({ arn: policyArn })) : []),
        ...(scope !== 'AWS' ? [...account.policies.values()].map((local) => ({ arn: local.arn, local })) : []),
      ];
      const shown = refs
        .map((ref) => policyOut(account, ref, false))
        .filter((policy) => policy.Path.startsWith(prefix))
        .filter((policy) => !onlyAttached || policy.AttachmentCount > 0 || policy.PermissionsBoundaryUsageCount > 0)
        .filter((policy) => usage !== 'PermissionsBoundary' || policy.PermissionsBoundaryUsageCount > 0);
      const paged = iamPage(shown, input);
      return { Policies: paged.items, IsTruncated: paged.IsTruncated, Marker: paged.Marker };
    },
    CreatePolicyVersion(input, caller) {
      const account = accountOf(caller);
      const ref = policyByArn(account, requiredString(input, 'PolicyArn'));
      const policy = ref.local ?? fail('UnmodifiableEntity', `Cannot modify an AWS managed policy: ${ref.arn}`);
      const document = requiredString(input, 'PolicyDocument');
      checkPolicyDocument(document, true);
      if (policySize(document) > IAM_LIMITS.managedPolicySize) limitExceeded(`Cannot exceed quota for PolicySize: ${IAM_LIMITS.managedPolicySize}`);
      if (policy.versions.length >= IAM_LIMITS.managedPolicyVersions) {
        limitExceeded(`A managed policy can have up to ${IAM_LIMITS.managedPolicyVersions} versions. Before you create a new version, you must delete an existing version.`);
      }
      const version: PolicyVersionState = { versionId: `v${policy.nextVersion}`, document, createDate: now() };
      policy.nextVersion += 1;
      policy.versions.push(version);
      if (optionalBool(input, 'SetAsDefault') === true) policy.defaultVersionId = version.versionId;
      policy.updateDate = version.createDate;
      return { PolicyVersion: versionOut(policy, version, false) };
    },
    GetPolicyVersion(input, caller) {
      const account = accountOf(caller);
      const ref = policyByArn(account, requiredString(input, 'PolicyArn'));
      const versionId = requiredString(input, 'VersionId');
      if (ref.local === undefined) return fail('NotInDouble', `The AWS double holds no documents of AWS managed policies (${ref.arn}).`, 501);
      const version = ref.local.versions.find((item) => item.versionId === versionId) ?? noSuchEntity(`Policy ${ref.arn} version ${versionId} does not exist or is not attachable.`);
      return { PolicyVersion: versionOut(ref.local, version, true) };
    },
    ListPolicyVersions(input, caller) {
      const account = accountOf(caller);
      const ref = policyByArn(account, requiredString(input, 'PolicyArn'));
      if (ref.local === undefined) {
        return { Versions: [{ VersionId: 'v1', IsDefaultVersion: true, CreateDate: awsManagedSeen.get(ref.arn) ?? now() }], IsTruncated: false };
      }
      const policy = ref.local;
      // Newest first, as IAM lists them.
      const paged = iamPage([...policy.versions].reverse(), input);
      return { Versions: paged.items.map((version) => versionOut(policy, version, false)), IsTruncated: paged.IsTruncated, Marker: paged.Marker };
    },
    SetDefaultPolicyVersion(input, caller) {
      const account = accountOf(caller);
      const ref = policyByArn(account, requiredString(input, 'PolicyArn'));
      const policy = ref.local ?? fail('UnmodifiableEntity', `Cannot modify an AWS managed policy: ${ref.arn}`);
      const versionId = requiredString(input, 'VersionId');
      if (!policy.versions.some((item) => item.versionId === versionId)) noSuchEntity(`Policy ${policy.arn} version ${versionId} does not exist or is not attachable.`);
      policy.defaultVersionId = versionId;
      policy.updateDate = now();
      return undefined;
    },
    DeletePolicyVersion(input, caller) {
      const account = accountOf(caller);
      const ref = policyByArn(account, requiredString(input, 'PolicyArn'));
      const policy = ref.local ?? fail('UnmodifiableEntity', `Cannot modify an AWS managed policy: ${ref.arn}`);
      const versionId = requiredString(input, 'VersionId');
      const index = policy.versions.findIndex((item) => item.versionId === versionId);
      if (index < 0) noSuchEntity(`Policy ${policy.arn} version ${versionId} does not exist or is not attachable.`);
      if (versionId === policy.defaultVersionId) deleteConflict('Cannot delete the default version of a policy.');
      policy.versions.splice(index, 1);
      return undefined;
    },
    TagPolicy(input, caller) {
      const account = accountOf(caller);
      const ref = policyByArn(account, requiredString(input, 'PolicyArn'));
      tagEntity(ref.local ?? fail('UnmodifiableEntity', `Cannot tag an AWS managed policy: ${ref.arn}`), input);
      return undefined;
    },
    UntagPolicy(input, caller) {
      const account = accountOf(caller);
      const ref = policyByArn(account, requiredString(input, 'PolicyArn'));
      untagEntity(ref.local ?? fail('UnmodifiableEntity', `Cannot tag an AWS managed policy: ${ref.arn}`), input);
      return undefined;
    },
    ListPolicyTags(input, caller) {
      const account = accountOf(caller);
      const ref = policyByArn(account, requiredString(input, 'PolicyArn'));
      return listTags(ref.local ?? { tags: [] }, input);
    },
    ListEntitiesForPolicy(input, caller) {
      const account = accountOf(caller);
      const policyArn = policyByArn(account, requiredString(input, 'PolicyArn')).arn;
      const filter = optionalString(input, 'EntityFilter');
      const prefix = optionalString(input, 'PathPrefix') ?? '/';
      const usage = optionalString(input, 'PolicyUsageFilter');
      const attachedTo = [...(account.attachedTo.get(policyArn) ?? [])];
      const bounded = [...(account.boundaryOf.get(policyArn) ?? [])];
      const used = usage === 'PermissionsBoundary' ? bounded : usage === 'PermissionsPolicy' ? attachedTo : [...new Set([...attachedTo, ...bounded])];
      const kinds: Record<string, Entity['kind']> = { Group: 'group', User: 'user', Role: 'role' };
      const entries = (['group', 'user', 'role'] as const)
        .filter((kind) => filter === undefined || kinds[filter] === kind)
        .flatMap((kind) => used.filter((entity) => entity.kind === kind && entity.path.startsWith(prefix)));
      const paged = iamPage(entries, input);
      return {
        PolicyGroups: paged.items.filter((entity) => entity.kind === 'group').map((entity) => ({ GroupName: entity.name, GroupId: entity.id })),
        PolicyUsers: paged.items.filter((entity) => entity.kind === 'user').map((entity) => ({ UserName: entity.name, UserId: entity.id })),
        PolicyRoles: paged.items.filter((entity) => entity.kind === 'role').map((entity) => ({ RoleName: entity.name, RoleId: entity.id })),
        IsTruncated: paged.IsTruncated,
        Marker: paged.Marker,
      };
    },

    // Groups.
    CreateGroup(input, caller) {
      const account = accountOf(caller);
      const name = checkName('group', 'groupName', requiredString(input, 'GroupName'), 128);
      const path = checkPath('path', optionalString(input, 'Path'));
      if (account.groups.has(key(name))) alreadyExists(`Group with name ${name} already exists.`);
      const group: GroupState = { ...newEntity('group', name, path, 'AGPA', []), members: new Set() };
      account.groups.set(key(name), group);
      return { Group: groupOut(account, group) };
    },
    GetGroup(input, caller) {
      const account = accountOf(caller);
      const group = groupNamed(account, requiredString(input, 'GroupName'));
      const paged = iamPage([...group.members], input);
      return { Group: groupOut(account, group), Users: paged.items.map((user) => userOut(account, user, false)), IsTruncated: paged.IsTruncated, Marker: paged.Marker };
    },
    UpdateGroup(input, caller) {
      const account = accountOf(caller);
      const group = groupNamed(account, requiredString(input, 'GroupName'));
      const newName = optionalString(input, 'NewGroupName');
      if (newName !== undefined) checkName('group', 'newGroupName', newName, 128);
      const newPath = optionalString(input, 'NewPath');
      rename(account.groups, group, newName, newPath === undefined ? undefined : checkPath('newPath', newPath), 'Group');
      return undefined;
    },
    DeleteGroup(input, caller) {
      const account = accountOf(caller);
      const group = groupNamed(account, requiredString(input, 'GroupName'));
      if (group.members.size > 0) deleteConflict('Cannot delete entity, must remove users from group first.');
      if (group.attached.length > 0) deleteConflict('Cannot delete entity, must detach all policies first.');
      if (group.inline.size > 0) deleteConflict('Cannot delete entity, must delete policies first.');
      account.groups.delete(key(group.name));
      return undefined;
    },
    ListGroups(input, caller) {
      const account = accountOf(caller);
      const prefix = optionalString(input, 'PathPrefix') ?? '/';
      const paged = iamPage([...account.groups.values()].filter((group) => group.path.startsWith(prefix)), input);
      return { Groups: paged.items.map((group) => groupOut(account, group)), IsTruncated: paged.IsTruncated, Marker: paged.Marker };
    },
    AttachGroupPolicy(input, caller) {
      const account = accountOf(caller);
      attach(account, groupNamed(account, requiredString(input, 'GroupName')), 'Group', requiredString(input, 'PolicyArn'));
      return undefined;
    },
    DetachGroupPolicy(input, caller) {
      const account = accountOf(caller);
      detach(account, groupNamed(account, requiredString(input, 'GroupName')), requiredString(input, 'PolicyArn'));
      return undefined;
    },
    ListAttachedGroupPolicies(input, caller) {
      return listAttached(groupNamed(accountOf(caller), requiredString(input, 'GroupName')), input);
    },
    PutGroupPolicy(input, caller) {
      putInline(groupNamed(accountOf(caller), requiredString(input, 'GroupName')), input, IAM_LIMITS.groupInlinePolicySize, 'group');
      return undefined;
    },
    GetGroupPolicy(input, caller) {
      const group = groupNamed(accountOf(caller), requiredString(input, 'GroupName'));
      const { name, document } = getInline(group, input, 'group');
      return { GroupName: group.name, PolicyName: name, PolicyDocument: document };
    },
    DeleteGroupPolicy(input, caller) {
      deleteInline(groupNamed(accountOf(caller), requiredString(input, 'GroupName')), input, 'group');
      return undefined;
    },
    ListGroupPolicies(input, caller) {
      return listInline(groupNamed(accountOf(caller), requiredString(input, 'GroupName')), input);
    },

    // Users.
    CreateUser(input, caller) {
      const account = accountOf(caller);
      const name = checkName('user', 'userName', requiredString(input, 'UserName'), 64);
      const path = checkPath('path', optionalString(input, 'Path'));
      if (account.users.has(key(name))) alreadyExists(`User with name ${name} already exists.`);
      const user: UserState = { ...newEntity('user', name, path, 'AIDA', tagList(input)), groups: new Set(), accessKeys: [], mfaDevices: [] };
      useBoundary(account, user, optionalString(input, 'PermissionsBoundary'));
      account.users.set(key(name), user);
      return { User: userOut(account, user, true) };
    },
    GetUser(input, caller) {
      const account = accountOf(caller);
      const name = optionalString(input, 'UserName');
      if (name === undefined || name === '') {
        // "If you do not specify a user name, IAM determines the user name implicitly based on the
        // Amazon Web Services access key ID used to sign the request" (API_GetUser.html); the root user has no name.
        const own = /^arn:aws:iam::\d{12}:user(\/.*\/|\/)([^/]+)$/.exec(caller.arn);
        const known = own ? account.users.get(key(own[2])) : undefined;
        if (known) return { User: userOut(account, known, true) };
        // The double's own callers (accounts.ts) are users IAM never listed.
        if (own) return { User: { Path: own[1], UserName: own[2], UserId: `AIDA${caller.accountId}DOUBLE`, Arn: caller.arn, CreateDate: now() } };
        if (caller.arn === `arn:aws:iam::${caller.accountId}:root`) return { User: { UserId: caller.accountId, Arn: caller.arn, CreateDate: now() } };
        return validation('Must specify userName when calling with non-User credentials');
      }
      return { User: userOut(account, userNamed(account, name), true) };
    },
    UpdateUser(input, caller) {
      const account = accountOf(caller);
      const user = userNamed(account, requiredString(input, 'UserName'));
      const newName = optionalString(input, 'NewUserName');
      if (newName !== undefined) checkName('user', 'newUserName', newName, 64);
      const newPath = optionalString(input, 'NewPath');
      rename(account.users, user, newName, newPath === undefined ? undefined : checkPath('newPath', newPath), 'User');
      return undefined;
    },
    DeleteUser(input, caller) {
      const account = accountOf(caller);
      const user = userNamed(account, requiredString(input, 'UserName'));
      // API_DeleteUser.html: "you must delete the items attached to the user manually, or the deletion fails".
      if (user.loginProfile) deleteConflict('Cannot delete entity, must delete login profile first.');
      if (user.accessKeys.length > 0) deleteConflict('Cannot delete entity, must delete access keys first.');
      if (user.mfaDevices.length > 0) deleteConflict('Cannot delete entity, must delete MFA device first.');
      if (user.groups.size > 0) deleteConflict('Cannot delete entity, must remove users from group first.');
      if (user.attached.length > 0) deleteConflict('Cannot delete entity, must detach all policies first.');
      if (user.inline.size > 0) deleteConflict('Cannot delete entity, must delete policies first.');
      useBoundary(account, user, undefined);
      account.users.delete(key(user.name));
      return undefined;
    },
    ListUsers(input, caller) {
      const account = accountOf(caller);
      const prefix = optionalString(input, 'PathPrefix') ?? '/';
      const paged = iamPage([...account.users.values()].filter((user) => user.path.startsWith(prefix)), input);
      return { Users: paged.items.map((user) => userOut(account, user, false)), IsTruncated: paged.IsTruncated, Marker: paged.Marker };
    },
    TagUser(input, caller) {
      tagEntity(userNamed(accountOf(caller), requiredString(input, 'UserName')), input);
      return undefined;
    },
    UntagUser(input, caller) {
      untagEntity(userNamed(accountOf(caller), requiredString(input, 'UserName')), input);
      return undefined;
    },
    ListUserTags(input, caller) {
      return listTags(userNamed(accountOf(caller), requiredString(input, 'UserName')), input);
    },
    PutUserPermissionsBoundary(input, caller) {
      const account = accountOf(caller);
      setBoundary(account, userNamed(account, requiredString(input, 'UserName')), input);
      return undefined;
    },
    DeleteUserPermissionsBoundary(input, caller) {
      const account = accountOf(caller);
      useBoundary(account, userNamed(account, requiredString(input, 'UserName')), undefined);
      return undefined;
    },
    AttachUserPolicy(input, caller) {
      const account = accountOf(caller);
      attach(account, userNamed(account, requiredString(input, 'UserName')), 'User', requiredString(input, 'PolicyArn'));
      return undefined;
    },
    DetachUserPolicy(input, caller) {
      const account = accountOf(caller);
      detach(account, userNamed(account, requiredString(input, 'UserName')), requiredString(input, 'PolicyArn'));
      return undefined;
    },
    ListAttachedUserPolicies(input, caller) {
      return listAttached(userNamed(accountOf(caller), requiredString(input, 'UserName')), input);
    },
    PutUserPolicy(input, caller) {
      putInline(userNamed(accountOf(caller), requiredString(input, 'UserName')), input, IAM_LIMITS.userInlinePolicySize, 'user');
      return undefined;
    },
    GetUserPolicy(input, caller) {
      const user = userNamed(accountOf(caller), requiredString(input, 'UserName'));
      const { name, document } = getInline(user, input, 'user');
      return { UserName: user.name, PolicyName: name, PolicyDocument: document };
    },
    DeleteUserPolicy(input, caller) {
      deleteInline(userNamed(accountOf(caller), requiredString(input, 'UserName')), input, 'user');
      return undefined;
    },
    ListUserPolicies(input, caller) {
      return listInline(userNamed(accountOf(caller), requiredString(input, 'UserName')), input);
    },

    // Group membership.
    AddUserToGroup(input, caller) {
      const account = accountOf(caller);
      const group = groupNamed(account, requiredString(input, 'GroupName'));
      const user = userNamed(account, requiredString(input, 'UserName'));
      if (user.groups.has(group)) return undefined;
      if (user.groups.size >= IAM_LIMITS.groupsPerUser) limitExceeded(`Cannot exceed quota for GroupsPerUser: ${IAM_LIMITS.groupsPerUser}`);
      user.groups.add(group);
      group.members.add(user);
      return undefined;
    },
    RemoveUserFromGroup(input, caller) {
      const account = accountOf(caller);
      const group = groupNamed(account, requiredString(input, 'GroupName'));
      const user = userNamed(account, requiredString(input, 'UserName'));
      if (!group.members.has(user)) noSuchEntity(`The user with name ${user.name} cannot be found in group ${group.name}.`);
      user.groups.delete(group);
      group.members.delete(user);
      return undefined;
    },
    ListGroupsForUser(input, caller) {
      const account = accountOf(caller);
      const user = userNamed(account, requiredString(input, 'UserName'));
      const paged = iamPage([...user.groups], input);
      return { Groups: paged.items.map((group) => groupOut(account, group)), IsTruncated: paged.IsTruncated, Marker: paged.Marker };
    },

    // Login profiles (console passwords).
    CreateLoginProfile(input, caller) {
      const account = accountOf(caller);
      const user = userNamed(account, requiredString(input, 'UserName'));
      const password = requiredString(input, 'Password');
      if (user.loginProfile) alreadyExists(`Login Profile for user ${user.name} already exists.`);
      checkPassword(account, password);
      user.loginProfile = { createDate: now(), passwordResetRequired: optionalBool(input, 'PasswordResetRequired') ?? false };
      return { LoginProfile: { UserName: user.name, CreateDate: user.loginProfile.createDate, PasswordResetRequired: user.loginProfile.passwordResetRequired } };
    },
    GetLoginProfile(input, caller) {
      const user = userNamed(accountOf(caller), requiredString(input, 'UserName'));
      const profile = user.loginProfile ?? noSuchEntity(`Login Profile for User ${user.name} cannot be found.`);
      return { LoginProfile: { UserName: user.name, CreateDate: profile.createDate, PasswordResetRequired: profile.passwordResetRequired } };
    },
    UpdateLoginProfile(input, caller) {
      const account = accountOf(caller);
      const user = userNamed(account, requiredString(input, 'UserName'));
      const profile = user.loginProfile ?? noSuchEntity(`Login Profile for User ${user.name} cannot be found.`);
      const password = optionalString(input, 'Password');
      if (password !== undefined) checkPassword(account, password);
      profile.passwordResetRequired = optionalBool(input, 'PasswordResetRequired') ?? profile.passwordResetRequired;
      return undefined;
    },
    DeleteLoginProfile(input, caller) {
      const user = userNamed(accountOf(caller), requiredString(input, 'UserName'));
      if (user.loginProfile === undefined) noSuchEntity(`Login Profile for User ${user.name} cannot be found.`);
      user.loginProfile = undefined;
      return undefined;
    },

    // Access keys: discovery lists them; force_destroy deletes them. The secret is never kept.
    CreateAccessKey(input, caller) {
      const account = accountOf(caller);
      const user = userNamed(account, requiredString(input, 'UserName'));
      if (user.accessKeys.length >= IAM_LIMITS.accessKeysPerUser) limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${IAM_LIMITS.accessKeysPerUser}`);
      // AKIA + the account + 4 characters: 20 characters (API_AccessKey.html), and the double's credential
      // store (accounts.ts) resolves such a key to its account.
      const accessKey = { id: `AKIA${account.accountId}${world.nextId('', 4).toUpperCase().slice(-4)}`, status: 'Active' as const, createDate: now() };
      user.accessKeys.push(accessKey);
      return {
        AccessKey: { UserName: user.name, AccessKeyId: accessKey.id, Status: accessKey.status, SecretAccessKey: `double-secret-${accessKey.id.toLowerCase()}`, CreateDate: accessKey.createDate },
      };
    },
    UpdateAccessKey(input, caller) {
      const user = userNamed(accountOf(caller), requiredString(input, 'UserName'));
      const id = requiredString(input, 'AccessKeyId');
      const status = requiredString(input, 'Status');
      if (status !== 'Active' && status !== 'Inactive') validation(`1 validation error detected: Value '${status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`);
      const accessKey = user.accessKeys.find((item) => item.id === id) ?? noSuchEntity(`The Access Key with id ${id} cannot be found.`);
      accessKey.status = status as 'Active' | 'Inactive';
      return undefined;
    },
    DeleteAccessKey(input, caller) {
      const user = userNamed(accountOf(caller), requiredString(input, 'UserName'));
      const id = requiredString(input, 'AccessKeyId');
      const index = user.accessKeys.findIndex((item) => item.id === id);
      if (index < 0) noSuchEntity(`The Access Key with id ${id} cannot be found.`);
      user.accessKeys.splice(index, 1);
      return undefined;
    },
    ListAccessKeys(input, caller) {
      const user = userNamed(accountOf(caller), requiredString(input, 'UserName'));
      const paged = iamPage(user.accessKeys, input);
      return {
        AccessKeyMetadata: paged.items.map((item) => ({ UserName: user.name, AccessKeyId: item.id, Status: item.status, CreateDate: item.createDate })),
        IsTruncated: paged.IsTruncated,
        Marker: paged.Marker,
      };
    },

    // MFA devices: virtual devices, enabled per user (an authentication code is accepted as given).
    CreateVirtualMFADevice(input, caller) {
      const account = accountOf(caller);
      const name = checkName('virtual MFA device', 'virtualMFADeviceName', requiredString(input, 'VirtualMFADeviceName'), 226);
      const path = checkPath('path', optionalString(input, 'Path'));
      const serialNumber = arn(account, 'mfa', path, name);
      if (account.virtualMfaDevices.has(serialNumber)) alreadyExists(`MFADevice entity at the same path and name already exists.`);
      account.virtualMfaDevices.set(serialNumber, { serialNumber, path, name, tags: checkTags([], tagList(input)) });
      return { VirtualMFADevice: { SerialNumber: serialNumber, Base32StringSeed: Buffer.from(serialNumber).toString('base64') } };
    },
    EnableMFADevice(input, caller) {
      const account = accountOf(caller);
      const user = userNamed(account, requiredString(input, 'UserName'));
      const serialNumber = requiredString(input, 'SerialNumber');
      requiredString(input, 'AuthenticationCode1');
      requiredString(input, 'AuthenticationCode2');
      const device = account.virtualMfaDevices.get(serialNumber);
      if (device?.user !== undefined || user.mfaDevices.some((item) => item.serialNumber === serialNumber)) alreadyExists(`MFA device ${serialNumber} is already in use.`);
      const enableDate = now();
      if (device) Object.assign(device, { user, enableDate });
      user.mfaDevices.push({ serialNumber, enableDate });
      return undefined;
    },
    DeactivateMFADevice(input, caller) {
      const account = accountOf(caller);
      const user = userNamed(account, requiredString(input, 'UserName'));
      const serialNumber = requiredString(input, 'SerialNumber');
      const index = user.mfaDevices.findIndex((item) => item.serialNumber === serialNumber);
      if (index < 0) noSuchEntity(`MFA Device with serial number ${serialNumber} does not exist.`);
      user.mfaDevices.splice(index, 1);
      const device = account.virtualMfaDevices.get(serialNumber);
      if (device) Object.assign(device, { user: undefined, enableDate: undefined });
      return undefined;
    },
    DeleteVirtualMFADevice(input, caller) {
      const account = accountOf(caller);
      const serialNumber = requiredString(input, 'SerialNumber');
      const device = account.virtualMfaDevices.get(serialNumber) ?? noSuchEntity(`VirtualMFADevice with serial number ${serialNumber} doesn't exist.`);
      if (device.user) deleteConflict('MFA VirtualDevice in use. Must deactivate first.');
      account.virtualMfaDevices.delete(serialNumber);
      return undefined;
    },
    ListMFADevices(input, caller) {
      const user = userNamed(accountOf(caller), requiredString(input, 'UserName'));
      const paged = iamPage(user.mfaDevices, input);
      return {
        MFADevices: paged.items.map((item) => ({ UserName: user.name, SerialNumber: item.serialNumber, EnableDate: item.enableDate })),
        IsTruncated: paged.IsTruncated,
        Marker: paged.Marker,
      };
    },
    ListVirtualMFADevices(input, caller) {
      const account = accountOf(caller);
      const status = optionalString(input, 'AssignmentStatus') ?? 'Any';
      const devices = [...account.virtualMfaDevices.values()].filter((device) => status === 'Any' || (status === 'Assigned') === (device.user !== undefined));
      const paged = iamPage(devices, input);
      return {
        VirtualMFADevices: paged.items.map((device) => ({
          SerialNumber: device.serialNumber,
          ...(device.user ? { User: userOut(account, device.user, false), EnableDate: device.enableDate } : {}),
        })),
        IsTruncated: paged.IsTruncated,
        Marker: paged.Marker,
      };
    },

    // What aws_iam_user's force_destroy lists besides: the double keeps none of these credentials.
    ListSSHPublicKeys(input, caller) {
      const name = optionalString(input, 'UserName');
      if (name !== undefined) userNamed(accountOf(caller), name);
      return { SSHPublicKeys: [], IsTruncated: false };
    },
    ListSigningCertificates(input, caller) {
      const name = optionalString(input, 'UserName');
      if (name !== undefined) userNamed(accountOf(caller), name);
      return { Certificates: [], IsTruncated: false };
    },
    ListServiceSpecificCredentials(input, caller) {
      const name = optionalString(input, 'UserName');
      if (name !== undefined) userNamed(accountOf(caller), name);
      return { ServiceSpecificCredentials: [] };
    },

    // Roles, for aws_iam_service_linked_role (AWS Config's recorder) and estates that have roles.
    CreateRole(input, caller) {
      const account = accountOf(caller);
      const name = checkName('role', 'roleName', requiredString(input, 'RoleName'), 64);
      const path = checkPath('path', optionalString(input, 'Path'));
      const trust = requiredString(input, 'AssumeRolePolicyDocument');
      checkPolicyDocument(trust, false);
      if (account.roles.has(key(name))) alreadyExists(`Role with name ${name} already exists.`);
      const role: RoleState = {
        ...newEntity('role', name, path, 'AROA', tagList(input)),
        assumeRolePolicyDocument: trust,
        description: optionalString(input, 'Description'),
        maxSessionDuration: optionalInt(input, 'MaxSessionDuration') ?? 3600,
      };
      useBoundary(account, role, optionalString(input, 'PermissionsBoundary'));
      account.roles.set(key(name), role);
      return { Role: roleOut(account, role, true) };
    },
    CreateServiceLinkedRole(input, caller) {
      const account = accountOf(caller);
      const service = requiredString(input, 'AWSServiceName');
      const base = SERVICE_LINKED_ROLE_NAMES[service] ?? fail('InvalidInput', `Service ${service} does not support service-linked roles in the AWS double.`);
      const suffix = optionalString(input, 'CustomSuffix');
      const name = suffix ? `${base}_${suffix}` : base;
      if (account.roles.has(key(name))) fail('InvalidInput', `Service role name ${name} has been taken in this account, please try a different suffix.`);
      const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: [service] }, Action: ['sts:AssumeRole'] }] });
      const role: RoleState = {
        ...newEntity('role', name, `/aws-service-role/${service}/`, 'AROA', []),
        assumeRolePolicyDocument: trust,
        description: optionalString(input, 'Description'),
        maxSessionDuration: 3600,
        serviceLinked: service,
      };
      account.roles.set(key(name), role);
      return { Role: roleOut(account, role, false) };
    },
    GetRole(input, caller) {
      const account = accountOf(caller);
      return { Role: roleOut(account, roleNamed(account, requiredString(input, 'RoleName')), true) };
    },
    UpdateRole(input, caller) {
      const role = roleNamed(accountOf(caller), requiredString(input, 'RoleName'));
      const description = optionalString(input, 'Description');
      if (description !== undefined) role.description = description;
      const duration = optionalInt(input, 'MaxSessionDuration');
      if (duration !== undefined) role.maxSessionDuration = duration;
      return undefined;
    },
    UpdateAssumeRolePolicy(input, caller) {
      const role = roleNamed(accountOf(caller), requiredString(input, 'RoleName'));
      if (role.serviceLinked) fail('UnmodifiableEntity', `Cannot perform the operation on the protected role '${role.name}' - this role is only modifiable by AWS`);
      const document = requiredString(input, 'PolicyDocument');
      checkPolicyDocument(document, false);
      role.assumeRolePolicyDocument = document;
      return undefined;
    },
    DeleteRole(input, caller) {
      const account = accountOf(caller);
      const role = roleNamed(account, requiredString(input, 'RoleName'));
      if (role.serviceLinked) fail('UnmodifiableEntity', `Cannot perform the operation on the protected role '${role.name}' - this role is only modifiable by AWS`);
      if (role.attached.length > 0) deleteConflict('Cannot delete entity, must detach all policies first.');
      if (role.inline.size > 0) deleteConflict('Cannot delete entity, must delete policies first.');
      useBoundary(account, role, undefined);
      account.roles.delete(key(role.name));
      return undefined;
    },
    DeleteServiceLinkedRole(input, caller) {
      const account = accountOf(caller);
      const role = roleNamed(account, requiredString(input, 'RoleName'));
      if (!role.serviceLinked) fail('InvalidInput', `Role ${role.name} is not a service-linked role.`);
      account.roles.delete(key(role.name));
      const task = `task/aws-service-role/${role.serviceLinked}/${role.name}/${world.nextId('', 12)}`;
      account.deletionTasks.add(task);
      return { DeletionTaskId: task };
    },
    GetServiceLinkedRoleDeletionStatus(input, caller) {
      const task = requiredString(input, 'DeletionTaskId');
      if (!accountOf(caller).deletionTasks.has(task)) noSuchEntity(`Deletion task ${task} cannot be found.`);
      return { Status: 'SUCCEEDED' };
    },
    ListRoles(input, caller) {
      const account = accountOf(caller);
      const prefix = optionalString(input, 'PathPrefix') ?? '/';
      const paged = iamPage([...account.roles.values()].filter((role) => role.path.startsWith(prefix)), input);
      return { Roles: paged.items.map((role) => roleOut(account, role, false)), IsTruncated: paged.IsTruncated, Marker: paged.Marker };
    },
    TagRole(input, caller) {
      tagEntity(roleNamed(accountOf(caller), requiredString(input, 'RoleName')), input);
      return undefined;
    },
    UntagRole(input, caller) {
      untagEntity(roleNamed(accountOf(caller), requiredString(input, 'RoleName')), input);
      return undefined;
    },
    ListRoleTags(input, caller) {
      return listTags(roleNamed(accountOf(caller), requiredString(input, 'RoleName')), input);
    },
    AttachRolePolicy(input, caller) {
      const account = accountOf(caller);
      const role = roleNamed(account, requiredString(input, 'RoleName'));
      if (role.serviceLinked) fail('UnmodifiableEntity', `Cannot perform the operation on the protected role '${role.name}' - this role is only modifiable by AWS`);
      attach(account, role, 'Role', requiredString(input, 'PolicyArn'));
      return undefined;
    },
    DetachRolePolicy(input, caller) {
      const account = accountOf(caller);
      detach(account, roleNamed(account, requiredString(input, 'RoleName')), requiredString(input, 'PolicyArn'));
      return undefined;
    },
    ListAttachedRolePolicies(input, caller) {
      return listAttached(roleNamed(accountOf(caller), requiredString(input, 'RoleName')), input);
    },
    PutRolePolicy(input, caller) {
      putInline(roleNamed(accountOf(caller), requiredString(input, 'RoleName')), input, IAM_LIMITS.roleInlinePolicySize, 'role');
      return undefined;
    },
    GetRolePolicy(input, caller) {
      const role = roleNamed(accountOf(caller), requiredString(input, 'RoleName'));
      const { name, document } = getInline(role, input, 'role');
      return { RoleName: role.name, PolicyName: name, PolicyDocument: document };
    },
    DeleteRolePolicy(input, caller) {
      deleteInline(roleNamed(accountOf(caller), requiredString(input, 'RoleName')), input, 'role');
      return undefined;
    },
    ListRolePolicies(input, caller) {
      return listInline(roleNamed(accountOf(caller), requiredString(input, 'RoleName')), input);
    },

    // Centralized root access for member accounts (API_ListOrganizationsFeatures.html,
    // API_EnableOrganizationsRootCredentialsManagement.html, API_EnableOrganizationsRootSessions.html).
    ListOrganizationsFeatures(_input, caller) {
      const org = rootAccessOrganization(caller);
      return { OrganizationId: org.id, EnabledFeatures: [...featuresOf(org)].sort() };
    },
    EnableOrganizationsRootCredentialsManagement: enableFeature('RootCredentialsManagement'),
    EnableOrganizationsRootSessions: enableFeature('RootSessions'),
    DisableOrganizationsRootCredentialsManagement: disableFeature('RootCredentialsManagement'),
    DisableOrganizationsRootSessions: disableFeature('RootSessions'),
  };

  return { signingName: 'iam', protocol: 'query', apiVersion: '2010-05-08', operations };
};

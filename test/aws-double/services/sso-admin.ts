/**
 * SSO Admin (IAM Identity Center administration) in the AWS double, in AWS JSON 1.1
 * (`X-Amz-Target: SWBExternalService.<Operation>`, signing name `sso`): the instance, permission sets
 * with their tags and policies, provisioning, account assignments and attributes for access control.
 *
 * Shapes and errors from the IAM Identity Center API reference
 * (https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_Operations.html, one page per
 * operation; errors: CommonErrors.html and each page's Errors section) and the SDK v3 model
 * (node_modules/@aws-sdk/client-sso-admin/dist-types/models/models_0.d.ts). The calls the
 * hashicorp/aws provider makes, from its source (internal/service/ssoadmin/):
 * - data.aws_ssoadmin_instances (instances_data_source.go): ListInstances;
 * - aws_ssoadmin_permission_set (permission_set.go) and its data source: CreatePermissionSet (Tags in
 *   the request), DescribePermissionSet, ListPermissionSets, UpdatePermissionSet then
 *   ProvisionPermissionSet ALL_PROVISIONED_ACCOUNTS and DescribePermissionSetProvisioningStatus until
 *   SUCCEEDED, ListTagsForResource / TagResource / UntagResource, DeletePermissionSet;
 * - aws_ssoadmin_managed_policy_attachment, _customer_managed_policy_attachment,
 *   _permissions_boundary_attachment, _permission_set_inline_policy: Attach/Detach…, Put/Get/Delete…,
 *   List… to read, each write followed by the same provisioning and wait;
 * - aws_ssoadmin_account_assignment (account_assignment.go): ListAccountAssignments (before creating:
 *   the API accepts a duplicate), CreateAccountAssignment, DescribeAccountAssignmentCreationStatus
 *   until SUCCEEDED, DeleteAccountAssignment, DescribeAccountAssignmentDeletionStatus;
 * - aws_ssoadmin_instance_access_control_attributes (instance_access_control_attributes.go):
 *   Create/Describe/Update/DeleteInstanceAccessControlAttributeConfiguration;
 * - every Delete treats ResourceNotFoundException as already gone, every Read as removed.
 * Discovery (discovery/read-*.ts) also reads ListAccountsForProvisionedPermissionSet and
 * DescribeInstanceAccessControlAttributeConfiguration (ResourceNotFoundException when never enabled).
 *
 * Errors carry the HTTP status of the SDK model (409 Conflict, 404 ResourceNotFound, 400 Validation,
 * also for a bad NextToken: the API has no InvalidNextTokenException). Behaviour the double keeps from AWS: a second permission set of the same name is a
 * ConflictException ("PermissionSet with name … already exists"); a set still provisioned to an
 * account cannot be deleted (ConflictException, hashicorp/terraform-provider-aws#26757); creating an
 * assignment provisions the set to the account, removing the account's last assignment of the set
 * removes it; UpdatePermissionSet without RelayState clears it (hashicorp/terraform-provider-aws#17411)
 * but without Description keeps it (#41897: a description cannot be unset);
 * a set without an inline policy answers an empty string, one without a boundary
 * ResourceNotFoundException; asynchronous requests answer IN_PROGRESS for `world.asyncSteps` status
 * reads, then SUCCEEDED, or FAILED with a reason when the account is not an active account of the
 * world or the principal is not in the identity store. What is simpler: the effect of a request is
 * visible at once (no eventual consistency), no quotas, and provisioning does not check that a
 * customer managed policy exists in the target account.
 */
import type { CallerContext, ServiceDouble } from '../service';
import type { ServiceFactory, World } from '../world';
import { copyRecord, customerPolicyLookup, identityCenterError, identityCenterOf, pageOf, PRINCIPAL_ID_PATTERN, type IdentityCenter } from './identity-center';

/** MaxResults is 1–100 in the List operations' references; without it the double answers 100. */
const MAX_RESULTS = 100;

type Input = Record<string, unknown>;
type PrincipalType = 'USER' | 'GROUP';
type StatusValue = 'IN_PROGRESS' | 'FAILED' | 'SUCCEEDED';

interface CustomerManagedPolicyReference {
  Name: string;
  Path: string;
}

interface PermissionsBoundary {
  CustomerManagedPolicyReference?: CustomerManagedPolicyReference;
  ManagedPolicyArn?: string;
}

interface PermissionSetRecord {
  readonly arn: string;
  readonly name: string;
  description?: string;
  sessionDuration: string;
  relayState?: string;
  readonly createdDate: Date;
  readonly tags: Map<string, string>;
  /** AWS managed (or customer's by ARN) policies: ARN → name. */
  readonly managedPolicies: Map<string, string>;
  readonly customerManagedPolicies: CustomerManagedPolicyReference[];
  inlinePolicy: string;
  boundary?: PermissionsBoundary;
  /** The accounts the set is provisioned to, and whether each has the set's latest version. */
  readonly provisioned: Map<string, { latest: boolean }>;
}

interface Assignment {
  readonly permissionSetArn: string;
  readonly accountId: string;
  readonly principalType: PrincipalType;
  readonly principalId: string;
}

/** An asynchronous request: its final status and how many status reads it stays IN_PROGRESS. */
interface AsyncRequest {
  readonly kind: 'creation' | 'deletion' | 'provisioning';
  readonly status: Record<string, unknown>;
  readonly finalStatus: StatusValue;
  readonly failureReason?: string;
  pendingReads: number;
}

function required(input: Input, name: string): string {
  const value = input[name];
  if (typeof value !== 'string' || value === '') throw identityCenterError('ValidationException', `1 validation error detected: Value at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`);
  return value;
}

function optionalString(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw identityCenterError('ValidationException', `${name} must be a string`);
  return value;
}

function maxResults(input: Input): unknown {
  const max = input.MaxResults;
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > MAX_RESULTS)) {
    throw identityCenterError('ValidationException', `1 validation error detected: Value '${String(max)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and ${MAX_RESULTS}`);
  }
  return max;
}

function paged<T>(field: string, all: readonly T[], input: Input): Record<string, unknown> {
  const { items, next } = pageOf(all, input.NextToken, maxResults(input), MAX_RESULTS);
  return { [field]: items, ...(next ? { NextToken: next } : {}) };
}

/**
 * SessionDuration: an ISO-8601 duration from 1 to 12 hours
 * (https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CreatePermissionSet.html).
 */
function sessionDurationOf(value: string): string {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(value);
  const seconds = match && value !== 'PT' ? Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0) : Number.NaN;
  if (!(seconds >= 3600 && seconds <= 12 * 3600)) throw identityCenterError('ValidationException', `The session duration ${value} is not a valid ISO-8601 duration between PT1H and PT12H`);
  return value;
}

/**
 * The permission set's strings as API_PermissionSet.html constrains them: Description 1–700 characters
 * of `[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]` (Latin-1 only), RelayState 1–240 of the
 * ASCII set below; tags (API_Tag.html) a Key of 1–128 and a Value of 0–256 `[\p{L}\p{Z}\p{N}_.:/=+\-@]`,
 * at most 50 (API_CreatePermissionSet.html).
 */
const DESCRIPTION = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]{1,700}$/;
const RELAY_STATE = /^[a-zA-Z0-9&$@#\\/%?=~\-_'"|!:,.;*+[\] (){}]{1,240}$/;
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;

function patterned(input: Input, name: string, pattern: RegExp): string | undefined {
  const value = optionalString(input, name);
  if (value !== undefined && !pattern.test(value)) {
    throw identityCenterError('ValidationException', `1 validation error detected: Value at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern.source}`);
  }
  return value;
}

function tagsOf(value: unknown): Array<{ Key: string; Value: string }> {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw identityCenterError('ValidationException', 'Tags must be a list');
  if (value.length > 50) throw identityCenterError('ValidationException', `${value.length} tags: at most 50`);
  return value.map((tag: { Key?: unknown; Value?: unknown }) => {
    if (typeof tag.Key !== 'string' || !TAG_KEY.test(tag.Key) || typeof tag.Value !== 'string' || !TAG_VALUE.test(tag.Value)) {
      throw identityCenterError('ValidationException', `The tag ${JSON.stringify(tag)} does not match the tag key and value patterns [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]`);
    }
    return { Key: tag.Key, Value: tag.Value };
  });
}

function customerReferenceOf(value: unknown): CustomerManagedPolicyReference {
  const reference = value as { Name?: unknown; Path?: unknown } | undefined;
  if (!reference || typeof reference.Name !== 'string' || reference.Name === '') throw identityCenterError('ValidationException', 'CustomerManagedPolicyReference.Name is required');
  const path = reference.Path === undefined || reference.Path === null ? '/' : reference.Path;
  if (typeof path !== 'string' || !/^\/(?:[^/]+\/)*$/.test(path)) throw identityCenterError('ValidationException', `CustomerManagedPolicyReference.Path ${String(path)} must begin and end with /`);
  return { Name: reference.Name, Path: path };
}

/** An AWS managed policy: the API's pattern `arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):iam::aws:policy/…` (API_AttachManagedPolicyToPermissionSet.html). */
const MANAGED_POLICY_ARN = /^arn:(?:aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):iam::aws:policy\/(?:[^/]+\/)*([^/]+)$/;

export function ssoAdminOperations(world: World, center: IdentityCenter): ServiceDouble['operations'] {
  const { instance } = center;
  const instanceId = instance.arn.split('/')[1];
  const permissionSets = new Map<string, PermissionSetRecord>();
  /** Assignments by permission set and account (`<set ARN> <account>`), the key every read and write has. */
  const assignments = new Map<string, Assignment[]>();
  const assignmentsOf = (setArn: string, accountId: string): Assignment[] => assignments.get(`${setArn} ${accountId}`) ?? [];
  const requests = new Map<string, AsyncRequest>();
  const instanceTags = new Map<string, string>();
  let accessControl: { attributes: unknown[] } | undefined;

  /** The management account and a delegated administrator of `sso.amazonaws.com` see the instance; other accounts have none. */
  function administers(caller: CallerContext): boolean {
    return caller.accountId === instance.ownerAccountId || world.organization?.delegatedAdministrators.get('sso.amazonaws.com')?.has(caller.accountId) === true;
  }
  function instanceArn(input: Input, caller: CallerContext): string {
    const arn = required(input, 'InstanceArn');
    if (arn !== instance.arn || !administers(caller)) throw identityCenterError('ResourceNotFoundException', `Instance ${arn} does not exist`);
    return arn;
  }
  function permissionSet(input: Input, field = 'PermissionSetArn'): PermissionSetRecord {
    const arn = required(input, field);
    if (!/^arn:aws[a-z-]*:sso:::permissionSet\/(sso)?ins-[a-zA-Z0-9-.]{16}\/ps-[a-zA-Z0-9-./]{16}$/.test(arn)) {
      throw identityCenterError('ValidationException', `The value ${arn} at '${field}' failed to satisfy the permission set ARN pattern`);
    }
    const set = permissionSets.get(arn);
    if (!set) throw identityCenterError('ResourceNotFoundException', `Could not find PermissionSet with PermissionSetArn ${arn}`);
    return set;
  }
  function describe(set: PermissionSetRecord): Record<string, unknown> {
    return {
      Name: set.name,
      PermissionSetArn: set.arn,
      CreatedDate: set.createdDate,
      SessionDuration: set.sessionDuration,
      ...(set.description !== undefined ? { Description: set.description } : {}),
      ...(set.relayState !== undefined ? { RelayState: set.relayState } : {}),
    };
  }
  /** A write to a set's policies makes every account's copy outdated until the next provisioning. */
  function changed(set: PermissionSetRecord): void {
    for (const state of set.provisioned.values()) state.latest = false;
  }
  function newRequest(kind: AsyncRequest['kind'], status: Record<string, unknown>, failureReason?: string): Record<string, unknown> {
    const requestId = center.newUuid();
    const full = { ...status, RequestId: requestId, CreatedDate: world.now() };
    requests.set(requestId, { kind, status: full, finalStatus: failureReason ? 'FAILED' : 'SUCCEEDED', failureReason, pendingReads: world.asyncSteps });
    // The response to the request itself is always IN_PROGRESS, as AWS answers.
    return { ...full, Status: 'IN_PROGRESS' };
  }
  function readRequest(kind: AsyncRequest['kind'], requestId: string): Record<string, unknown> {
    const request = requests.get(requestId);
    if (!request || request.kind !== kind) throw identityCenterError('ResourceNotFoundException', `Could not find the request with ID ${requestId}`);
    if (request.pendingReads > 0) {
      request.pendingReads -= 1;
      return { ...request.status, Status: 'IN_PROGRESS' };
    }
    return { ...request.status, Status: request.finalStatus, ...(request.failureReason ? { FailureReason: request.failureReason } : {}) };
  }
  function listRequests(kind: AsyncRequest['kind'], input: Input): Array<Record<string, unknown>> {
    const wanted = (input.Filter as { Status?: unknown } | undefined)?.Status;
    return [...requests.values()]
      .filter((request) => request.kind === kind)
      .map((request) => ({ Status: request.pendingReads > 0 ? 'IN_PROGRESS' : request.finalStatus, RequestId: request.status.RequestId, CreatedDate: request.status.CreatedDate }))
      .filter((metadata) => wanted === undefined || metadata.Status === wanted);
  }
  /** Why provisioning the set to the account fails: a customer managed policy it references is not in that account. */
  function missingPolicy(set: PermissionSetRecord, accountId: string): string | undefined {
    const exists = customerPolicyLookup(world);
    if (!exists) return undefined;
    const references = [...set.customerManagedPolicies, ...(set.boundary?.CustomerManagedPolicyReference ? [set.boundary.CustomerManagedPolicyReference] : [])];
    const missing = references.find((reference) => !exists(accountId, reference.Path, reference.Name));
    return missing ? `Received a 404 status error: Not supported policy arn:aws:iam::${accountId}:policy${missing.Path}${missing.Name}.` : undefined;
  }
  function assignmentInput(input: Input, caller: CallerContext) {
    instanceArn(input, caller);
    const set = permissionSet(input);
    const accountId = required(input, 'TargetId');
    if (!/^\d{12}$/.test(accountId)) throw identityCenterError('ValidationException', `TargetId ${accountId} must be a 12-digit account ID`);
    if (required(input, 'TargetType') !== 'AWS_ACCOUNT') throw identityCenterError('ValidationException', 'TargetType must be AWS_ACCOUNT');
    const principalType = required(input, 'PrincipalType');
    if (principalType !== 'USER' && principalType !== 'GROUP') throw identityCenterError('ValidationException', `PrincipalType ${principalType} must be USER or GROUP`);
    const principalId = required(input, 'PrincipalId');
    if (!PRINCIPAL_ID_PATTERN.test(principalId)) throw identityCenterError('ValidationException', `PrincipalId ${principalId} does not match the principal ID pattern`);
    return { set, accountId, principalType: principalType as PrincipalType, principalId };
  }
  function findAssignment(wanted: Assignment): number {
    return assignmentsOf(wanted.permissionSetArn, wanted.accountId).findIndex((a) => a.principalType === wanted.principalType && a.principalId === wanted.principalId);
  }
  function statusFields(set: PermissionSetRecord, accountId: string, principalType: string, principalId: string) {
    return { TargetId: accountId, TargetType: 'AWS_ACCOUNT', PermissionSetArn: set.arn, PrincipalType: principalType, PrincipalId: principalId };
  }
  /**
   * The attributes as the references constrain them: at most 50 (API_InstanceAccessControlAttributeConfiguration.html),
   * each a Key of 1–128 characters `[\p{L}\p{Z}\p{N}_.:\/=+\-@]+` (API_AccessControlAttribute.html) and exactly
   * one Source of at most 256 characters (API_AccessControlAttributeValue.html: "Fixed number of 1 item").
   */
  function accessControlAttributesOf(input: Input): unknown[] {
    const configuration = input.InstanceAccessControlAttributeConfiguration as { AccessControlAttributes?: unknown } | undefined;
    const attributes = configuration?.AccessControlAttributes;
    if (!Array.isArray(attributes)) throw identityCenterError('ValidationException', 'InstanceAccessControlAttributeConfiguration.AccessControlAttributes is required');
    if (attributes.length > 50) throw identityCenterError('ValidationException', `${attributes.length} access control attributes: at most 50`);
    const keys = new Set<string>();
    return attributes.map((attribute: { Key?: unknown; Value?: { Source?: unknown } }) => {
      if (typeof attribute.Key !== 'string' || !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u.test(attribute.Key)) {
        throw identityCenterError('ValidationException', `Access control attribute key ${JSON.stringify(attribute.Key)} must be 1-128 characters of [\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@]`);
      }
      if (keys.has(attribute.Key)) throw identityCenterError('ValidationException', `Duplicate access control attribute key ${attribute.Key}`);
      keys.add(attribute.Key);
      const source = attribute.Value?.Source;
      if (!Array.isArray(source) || source.length !== 1) {
        throw identityCenterError('ValidationException', `1 validation error detected: Value at 'instanceAccessControlAttributeConfiguration.accessControlAttributes.member.value.source' failed to satisfy constraint: Member must have length less than or equal to 1 and greater than or equal to 1 (attribute ${attribute.Key})`);
      }
      if (typeof source[0] !== 'string' || !/^[\p{L}\p{Z}\p{N}_.:/=+\-@[\]{}$\\"]{0,256}$/u.test(source[0])) {
        throw identityCenterError('ValidationException', `Source ${JSON.stringify(source[0])} of attribute ${attribute.Key} does not match the API's pattern`);
      }
      return { Key: attribute.Key, Value: { Source: [source[0]] } };
    });
  }

  return {
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListInstances.html
    ListInstances(input, caller) {
      const mine = administers(caller) ? [instance] : [];
      return paged(
        'Instances',
        mine.map((i) => ({ InstanceArn: i.arn, IdentityStoreId: i.identityStoreId, OwnerAccountId: i.ownerAccountId, Name: i.name, CreatedDate: i.createdDate, Status: 'ACTIVE' })),
        input,
      );
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_DescribeInstance.html
    DescribeInstance(input, caller) {
      instanceArn(input, caller);
      return { InstanceArn: instance.arn, IdentityStoreId: instance.identityStoreId, OwnerAccountId: instance.ownerAccountId, Name: instance.name, CreatedDate: instance.createdDate, Status: 'ACTIVE' };
    },

    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CreatePermissionSet.html
    CreatePermissionSet(input, caller) {
      instanceArn(input, caller);
      const name = required(input, 'Name');
      if (!/^[\w+=,.@-]{1,32}$/.test(name)) throw identityCenterError('ValidationException', `The permission set name ${name} must be 1-32 characters of [\\w+=,.@-]`);
      for (const set of permissionSets.values()) if (set.name === name) throw identityCenterError('ConflictException', `PermissionSet with name ${name} already exists.`);
      const description = patterned(input, 'Description', DESCRIPTION);
      const relayState = patterned(input, 'RelayState', RELAY_STATE);
      const sessionDuration = sessionDurationOf(optionalString(input, 'SessionDuration') ?? 'PT1H');
      const tags = tagsOf(input.Tags);
      const arn = `arn:aws:sso:::permissionSet/${instanceId}/ps-${center.newHex(16)}`;
      const set: PermissionSetRecord = {
        arn,
        name,
        description,
        sessionDuration,
        relayState,
        createdDate: world.now(),
        tags: new Map(tags.map((tag) => [tag.Key, tag.Value])),
        managedPolicies: new Map(),
        customerManagedPolicies: [],
        inlinePolicy: '',
        provisioned: new Map(),
      };
      permissionSets.set(arn, set);
      return { PermissionSet: describe(set) };
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_DescribePermissionSet.html
    DescribePermissionSet(input, caller) {
      instanceArn(input, caller);
      return { PermissionSet: describe(permissionSet(input)) };
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_UpdatePermissionSet.html
    UpdatePermissionSet(input, caller) {
      instanceArn(input, caller);
      const set = permissionSet(input);
      const description = patterned(input, 'Description', DESCRIPTION);
      const sessionDuration = optionalString(input, 'SessionDuration');
      if (sessionDuration !== undefined) set.sessionDuration = sessionDurationOf(sessionDuration);
      // Without Description the old one stays: AWS cannot unset it (hashicorp/terraform-provider-aws#41897,
      // "can't unset description": a perpetual diff after removing it from the configuration).
      if (description !== undefined) set.description = description;
      // An update without RelayState clears it (hashicorp/terraform-provider-aws#17411).
      set.relayState = patterned(input, 'RelayState', RELAY_STATE);
      changed(set);
      return {};
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_DeletePermissionSet.html
    DeletePermissionSet(input, caller) {
      instanceArn(input, caller);
      const set = permissionSet(input);
      if (set.provisioned.size > 0) throw identityCenterError('ConflictException', 'Could not delete because PermissionSet has ApplicationProfile associated with it');
      permissionSets.delete(set.arn);
      return {};
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListPermissionSets.html
    ListPermissionSets(input, caller) {
      instanceArn(input, caller);
      return paged('PermissionSets', [...permissionSets.keys()], input);
    },

    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListTagsForResource.html
    ListTagsForResource(input, caller) {
      instanceArn(input, caller);
      const tags = required(input, 'ResourceArn') === instance.arn ? instanceTags : permissionSet(input, 'ResourceArn').tags;
      return paged('Tags', [...tags].map(([Key, Value]) => ({ Key, Value })), input);
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_TagResource.html
    TagResource(input, caller) {
      instanceArn(input, caller);
      const tags = required(input, 'ResourceArn') === instance.arn ? instanceTags : permissionSet(input, 'ResourceArn').tags;
      for (const tag of tagsOf(input.Tags)) tags.set(tag.Key, tag.Value);
      return {};
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_UntagResource.html
    UntagResource(input, caller) {
      instanceArn(input, caller);
      const tags = required(input, 'ResourceArn') === instance.arn ? instanceTags : permissionSet(input, 'ResourceArn').tags;
      const keys = input.TagKeys;
      if (!Array.isArray(keys) || keys.length === 0) throw identityCenterError('ValidationException', 'TagKeys must have at least 1 item');
      for (const key of keys) tags.delete(String(key));
      return {};
    },

    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_AttachManagedPolicyToPermissionSet.html
    AttachManagedPolicyToPermissionSet(input, caller) {
      instanceArn(input, caller);
      const set = permissionSet(input);
      const policyArn = required(input, 'ManagedPolicyArn');
      const match = MANAGED_POLICY_ARN.exec(policyArn);
      if (!match) throw identityCenterError('ValidationException', `Value of input 'managedPolicyArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):iam::aws:policy/[\\p{L}\\p{M}\\p{Z}\\p{S}\\p{N}\\p{P}]+`);
      if (set.managedPolicies.has(policyArn)) throw identityCenterError('ConflictException', `Managed policy ${policyArn} is already attached to the permission set`);
      set.managedPolicies.set(policyArn, match[1]);
      changed(set);
      return {};
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_DetachManagedPolicyFromPermissionSet.html
    DetachManagedPolicyFromPermissionSet(input, caller) {
      instanceArn(input, caller);
      const set = permissionSet(input);
      const policyArn = required(input, 'ManagedPolicyArn');
      if (!set.managedPolicies.delete(policyArn)) throw identityCenterError('ResourceNotFoundException', `Managed policy ${policyArn} is not attached to the permission set`);
      changed(set);
      return {};
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListManagedPoliciesInPermissionSet.html
    ListManagedPoliciesInPermissionSet(input, caller) {
      instanceArn(input, caller);
      const set = permissionSet(input);
      return paged('AttachedManagedPolicies', [...set.managedPolicies].map(([Arn, Name]) => ({ Name, Arn })), input);
    },

    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_AttachCustomerManagedPolicyReferenceToPermissionSet.html
    AttachCustomerManagedPolicyReferenceToPermissionSet(input, caller) {
      instanceArn(input, caller);
      const set = permissionSet(input);
      const reference = customerReferenceOf(input.CustomerManagedPolicyReference);
      if (set.customerManagedPolicies.some((p) => p.Name === reference.Name && p.Path === reference.Path)) {
        throw identityCenterError('ConflictException', `Customer managed policy ${reference.Path}${reference.Name} is already attached to the permission set`);
      }
      set.customerManagedPolicies.push(reference);
      changed(set);
      return {};
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_DetachCustomerManagedPolicyReferenceFromPermissionSet.html
    DetachCustomerManagedPolicyReferenceFromPermissionSet(input, caller) {
      instanceArn(input, caller);
      const set = permissionSet(input);
      const reference = customerReferenceOf(input.CustomerManagedPolicyReference);
      const index = set.customerManagedPolicies.findIndex((p) => p.Name === reference.Name && p.Path === reference.Path);
      if (index < 0) throw identityCenterError('ResourceNotFoundException', `Customer managed policy ${reference.Path}${reference.Name} is not attached to the permission set`);
      set.customerManagedPolicies.splice(index, 1);
      changed(set);
      return {};
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListCustomerManagedPolicyReferencesInPermissionSet.html
    ListCustomerManagedPolicyReferencesInPermissionSet(input, caller) {
      instanceArn(input, caller);
      const set = permissionSet(input);
      return paged('CustomerManagedPolicyReferences', set.customerManagedPolicies.map((p) => ({ ...p })), input);
    },

    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_PutPermissionsBoundaryToPermissionSet.html
    PutPermissionsBoundaryToPermissionSet(input, caller) {
      instanceArn(input, caller);
      const set = permissionSet(input);
      const boundary = input.PermissionsBoundary as { CustomerManagedPolicyReference?: unknown; ManagedPolicyArn?: unknown } | undefined;
      const hasCustomer = boundary?.CustomerManagedPolicyReference !== undefined && boundary.CustomerManagedPolicyReference !== null;
      const hasManaged = typeof boundary?.ManagedPolicyArn === 'string' && boundary.ManagedPolicyArn !== '';
      if (hasCustomer === hasManaged) throw identityCenterError('ValidationException', 'PermissionsBoundary needs exactly one of CustomerManagedPolicyReference and ManagedPolicyArn');
      if (hasManaged && !MANAGED_POLICY_ARN.test(boundary!.ManagedPolicyArn as string)) throw identityCenterError('ValidationException', `ManagedPolicyArn ${String(boundary!.ManagedPolicyArn)} is not a policy ARN`);
      set.boundary = hasManaged ? { ManagedPolicyArn: boundary!.ManagedPolicyArn as string } : { CustomerManagedPolicyReference: customerReferenceOf(boundary!.CustomerManagedPolicyReference) };
      changed(set);
      return {};
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_GetPermissionsBoundaryForPermissionSet.html
    GetPermissionsBoundaryForPermissionSet(input, caller) {
      instanceArn(input, caller);
      const set = permissionSet(input);
      if (!set.boundary) throw identityCenterError('ResourceNotFoundException', `Could not find PermissionsBoundary for PermissionSet ${set.arn}`);
      return { PermissionsBoundary: copyRecord(set.boundary) };
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_DeletePermissionsBoundaryFromPermissionSet.html
    DeletePermissionsBoundaryFromPermissionSet(input, caller) {
      instanceArn(input, caller);
      const set = permissionSet(input);
      if (!set.boundary) throw identityCenterError('ResourceNotFoundException', `Could not find PermissionsBoundary for PermissionSet ${set.arn}`);
      set.boundary = undefined;
      changed(set);
      return {};
    },

    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_PutInlinePolicyToPermissionSet.html
    PutInlinePolicyToPermissionSet(input, caller) {
      instanceArn(input, caller);
      const set = permissionSet(input);
      const policy = required(input, 'InlinePolicy');
      let parsed: unknown;
      try {
        parsed = JSON.parse(policy);
      } catch {
        throw identityCenterError('ValidationException', 'The inline policy is not valid JSON');
      }
      if (parsed === null || typeof parsed !== 'object' || !('Statement' in parsed)) throw identityCenterError('ValidationException', 'The inline policy has no Statement');
      set.inlinePolicy = policy;
      changed(set);
      return {};
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_GetInlinePolicyForPermissionSet.html
    GetInlinePolicyForPermissionSet(input, caller) {
      instanceArn(input, caller);
      return { InlinePolicy: permissionSet(input).inlinePolicy };
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_DeleteInlinePolicyFromPermissionSet.html
    DeleteInlinePolicyFromPermissionSet(input, caller) {
      instanceArn(input, caller);
      const set = permissionSet(input);
      set.inlinePolicy = '';
      changed(set);
      return {};
    },

    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ProvisionPermissionSet.html
    ProvisionPermissionSet(input, caller) {
      instanceArn(input, caller);
      const set = permissionSet(input);
      const targetType = required(input, 'TargetType');
      let accountId: string | undefined;
      if (targetType === 'AWS_ACCOUNT') {
        accountId = required(input, 'TargetId');
        if (!/^\d{12}$/.test(accountId)) throw identityCenterError('ValidationException', `TargetId ${accountId} must be a 12-digit account ID`);
      } else if (targetType !== 'ALL_PROVISIONED_ACCOUNTS') {
        throw identityCenterError('ValidationException', 'TargetType must be AWS_ACCOUNT or ALL_PROVISIONED_ACCOUNTS');
      }
      const targets = accountId === undefined ? [...set.provisioned.keys()] : [accountId];
      let failure: string | undefined;
      for (const target of targets) {
        const why = world.accounts.get(target)?.status !== 'ACTIVE' ? `Account ${target} is not an active account of the organization` : missingPolicy(set, target);
        if (why) failure ??= why;
        // Each account is provisioned on its own: one that fails keeps its older version.
        else set.provisioned.set(target, { latest: true });
      }
      return { PermissionSetProvisioningStatus: newRequest('provisioning', { PermissionSetArn: set.arn, ...(accountId ? { AccountId: accountId } : {}) }, failure) };
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_DescribePermissionSetProvisioningStatus.html
    DescribePermissionSetProvisioningStatus(input, caller) {
      instanceArn(input, caller);
      return { PermissionSetProvisioningStatus: readRequest('provisioning', required(input, 'ProvisionPermissionSetRequestId')) };
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListPermissionSetProvisioningStatus.html
    ListPermissionSetProvisioningStatus(input, caller) {
      instanceArn(input, caller);
      return paged('PermissionSetsProvisioningStatus', listRequests('provisioning', input), input);
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListAccountsForProvisionedPermissionSet.html
    ListAccountsForProvisionedPermissionSet(input, caller) {
      instanceArn(input, caller);
      const set = permissionSet(input);
      const wanted = optionalString(input, 'ProvisioningStatus');
      const accounts = [...set.provisioned]
        .filter(([, state]) => wanted === undefined || (wanted === 'LATEST_PERMISSION_SET_PROVISIONED') === state.latest)
        .map(([accountId]) => accountId);
      return paged('AccountIds', accounts, input);
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListPermissionSetsProvisionedToAccount.html
    ListPermissionSetsProvisionedToAccount(input, caller) {
      instanceArn(input, caller);
      const accountId = required(input, 'AccountId');
      const wanted = optionalString(input, 'ProvisioningStatus');
      const sets = [...permissionSets.values()]
        .filter((set) => {
          const state = set.provisioned.get(accountId);
          return state !== undefined && (wanted === undefined || (wanted === 'LATEST_PERMISSION_SET_PROVISIONED') === state.latest);
        })
        .map((set) => set.arn);
      return paged('PermissionSets', sets, input);
    },

    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CreateAccountAssignment.html
    CreateAccountAssignment(input, caller) {
      const { set, accountId, principalType, principalId } = assignmentInput(input, caller);
      const account = world.accounts.get(accountId);
      const principalExists = principalType === 'USER' ? center.users.has(principalId) : center.groups.has(principalId);
      const failure =
        account?.status !== 'ACTIVE'
          ? `Account ${accountId} is not an active account of the organization`
          : !principalExists
            ? `${principalType} ${principalId} does not exist in identity store ${instance.identityStoreId}`
            : set.provisioned.get(accountId)?.latest
              ? undefined
              : missingPolicy(set, accountId);
      if (!failure) {
        // The API accepts an assignment that exists: nothing changes (account_assignment.go checks first).
        const assignment = { permissionSetArn: set.arn, accountId, principalType, principalId };
        if (findAssignment(assignment) < 0) assignments.set(`${set.arn} ${accountId}`, [...assignmentsOf(set.arn, accountId), assignment]);
        set.provisioned.set(accountId, { latest: true });
      }
      return { AccountAssignmentCreationStatus: newRequest('creation', statusFields(set, accountId, principalType, principalId), failure) };
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_DeleteAccountAssignment.html
    DeleteAccountAssignment(input, caller) {
      const { set, accountId, principalType, principalId } = assignmentInput(input, caller);
      const index = findAssignment({ permissionSetArn: set.arn, accountId, principalType, principalId });
      if (index < 0) throw identityCenterError('ResourceNotFoundException', `Could not find the account assignment of ${principalType} ${principalId} to ${accountId} with ${set.arn}`);
      const remaining = assignmentsOf(set.arn, accountId).filter((_, position) => position !== index);
      if (remaining.length > 0) assignments.set(`${set.arn} ${accountId}`, remaining);
      else {
        assignments.delete(`${set.arn} ${accountId}`);
        set.provisioned.delete(accountId);
      }
      return { AccountAssignmentDeletionStatus: newRequest('deletion', statusFields(set, accountId, principalType, principalId)) };
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_DescribeAccountAssignmentCreationStatus.html
    DescribeAccountAssignmentCreationStatus(input, caller) {
      instanceArn(input, caller);
      return { AccountAssignmentCreationStatus: readRequest('creation', required(input, 'AccountAssignmentCreationRequestId')) };
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_DescribeAccountAssignmentDeletionStatus.html
    DescribeAccountAssignmentDeletionStatus(input, caller) {
      instanceArn(input, caller);
      return { AccountAssignmentDeletionStatus: readRequest('deletion', required(input, 'AccountAssignmentDeletionRequestId')) };
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListAccountAssignmentCreationStatus.html
    ListAccountAssignmentCreationStatus(input, caller) {
      instanceArn(input, caller);
      return paged('AccountAssignmentsCreationStatus', listRequests('creation', input), input);
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListAccountAssignmentDeletionStatus.html
    ListAccountAssignmentDeletionStatus(input, caller) {
      instanceArn(input, caller);
      return paged('AccountAssignmentsDeletionStatus', listRequests('deletion', input), input);
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListAccountAssignments.html
    ListAccountAssignments(input, caller) {
      instanceArn(input, caller);
      const set = permissionSet(input);
      const accountId = required(input, 'AccountId');
      const found = assignmentsOf(set.arn, accountId).map((a) => ({ AccountId: a.accountId, PermissionSetArn: a.permissionSetArn, PrincipalType: a.principalType, PrincipalId: a.principalId }));
      return paged('AccountAssignments', found, input);
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListAccountAssignmentsForPrincipal.html
    ListAccountAssignmentsForPrincipal(input, caller) {
      instanceArn(input, caller);
      const principalId = required(input, 'PrincipalId');
      const principalType = required(input, 'PrincipalType');
      const accountId = (input.Filter as { AccountId?: unknown } | undefined)?.AccountId;
      const found = [...assignments.values()]
        .flat()
        .filter((a) => a.principalId === principalId && a.principalType === principalType && (accountId === undefined || a.accountId === accountId))
        .map((a) => ({ AccountId: a.accountId, PermissionSetArn: a.permissionSetArn, PrincipalId: a.principalId, PrincipalType: a.principalType }));
      return paged('AccountAssignments', found, input);
    },

    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CreateInstanceAccessControlAttributeConfiguration.html
    CreateInstanceAccessControlAttributeConfiguration(input, caller) {
      instanceArn(input, caller);
      if (accessControl) throw identityCenterError('ConflictException', 'Attributes for access control are already enabled for this instance');
      accessControl = { attributes: accessControlAttributesOf(input) };
      return {};
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_DescribeInstanceAccessControlAttributeConfiguration.html
    DescribeInstanceAccessControlAttributeConfiguration(input, caller) {
      instanceArn(input, caller);
      if (!accessControl) throw identityCenterError('ResourceNotFoundException', 'Attributes for access control are not enabled for this instance');
      return { Status: 'ENABLED', InstanceAccessControlAttributeConfiguration: { AccessControlAttributes: copyRecord(accessControl.attributes) } };
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_UpdateInstanceAccessControlAttributeConfiguration.html
    UpdateInstanceAccessControlAttributeConfiguration(input, caller) {
      instanceArn(input, caller);
      if (!accessControl) throw identityCenterError('ResourceNotFoundException', 'Attributes for access control are not enabled for this instance');
      accessControl = { attributes: accessControlAttributesOf(input) };
      return {};
    },
    // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_DeleteInstanceAccessControlAttributeConfiguration.html
    DeleteInstanceAccessControlAttributeConfiguration(input, caller) {
      instanceArn(input, caller);
      if (!accessControl) throw identityCenterError('ResourceNotFoundException', 'Attributes for access control are not enabled for this instance');
      accessControl = undefined;
      return {};
    },
  };
}

export const ssoAdminDouble: ServiceFactory = (world) => ({
  signingName: 'sso',
  protocol: 'json',
  targetPrefix: 'SWBExternalService',
  operations: ssoAdminOperations(world, identityCenterOf(world)),
});

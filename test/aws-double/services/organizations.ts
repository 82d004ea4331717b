/**
 * AWS Organizations in the double: AWS JSON 1.1, `X-Amz-Target: AWSOrganizationsV20161128.<Operation>`.
 *
 * Shapes, errors and id formats from the API reference
 * (https://docs.aws.amazon.com/organizations/latest/APIReference/API_Operations.html, the per-operation
 * pages API_<Operation>.html, and the data types API_Account.html, API_Root.html, API_Policy.html …) and
 * the SDK v3 model types (@aws-sdk/client-organizations dist-types/models/models_0.d.ts, errors.d.ts).
 * Id patterns (API_Account.html … API_Policy.html): organization `o-[a-z0-9]{10,32}`, root
 * `r-[0-9a-z]{4,32}`, OU `ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}`, policy `p-[0-9a-zA-Z_]{8,128}`, account 12
 * digits, create-account request `car-[a-z0-9]{8,32}`. MaxResults is at most 20 on every list.
 *
 * What the provider calls (hashicorp/terraform-provider-aws internal/service/organizations):
 * - organization.go: CreateOrganization, DescribeOrganization (AWSOrganizationsNotInUseException = gone),
 *   ListAccounts, ListRoots, ListAWSServiceAccessForOrganization, Enable/DisableAWSServiceAccess,
 *   Enable/DisablePolicyType (then polls ListRoots for the type's status), EnableAllFeatures, DeleteOrganization;
 * - account.go: CreateAccount, DescribeCreateAccountStatus until SUCCEEDED (polls every 10 s, so
 *   `asyncSteps` 0 keeps Terraform fast), DescribeAccount (SUSPENDED = gone), ListParents, MoveAccount,
 *   CloseAccount then DescribeAccount until gone, RemoveAccountFromOrganization, tags;
 * - organizational_unit.go: Create/Describe/Update/DeleteOrganizationalUnit, ListParents,
 *   ListAccountsForParent, tags;
 * - policy.go, policy_attachment.go: Create/Describe/Update/DeletePolicy, Attach/DetachPolicy,
 *   ListTargetsForPolicy, tags; delegated_administrator.go: Register/DeregisterDelegatedAdministrator,
 *   ListDelegatedAdministrators; tags via ListTagsForResource, TagResource, UntagResource.
 * Discovery (discovery/read-organization.ts) adds ListOrganizationalUnitsForParent,
 * ListAccountsForParent, ListPolicies, ListTargetsForPolicy, ListDelegatedServicesForAccount.
 *
 * AWS behaviour kept because the provider or the project depends on it: enabling SCPs (or RCPs)
 * attaches the AWS-managed FullAWSAccess (RCPFullAWSAccess) policy to the root, every OU and every
 * account, and to each new OU and account while the type is enabled
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html);
 * a closed account stays in the organization as SUSPENDED
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_close.html);
 * member accounts may call DescribeOrganization, and the Describe/List reads when they are a delegated
 * administrator for a service.
 */
import { AwsServiceError, page as pageOf, type CallerContext, type OperationHandler, type ServiceDouble } from '../service';
import type { ServiceFactory, World, WorldAccount } from '../world';

type Input = Record<string, unknown>;
type Tags = Map<string, string>;

interface OrgAccount {
  readonly id: string;
  name: string;
  email: string;
  parentId: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
  /** DescribeAccount calls left before a PENDING_CLOSURE account is SUSPENDED. */
  closingSteps: number;
  readonly joinedMethod: 'INVITED' | 'CREATED';
  readonly joinedTimestamp: Date;
  readonly tags: Tags;
}

interface OrgUnit {
  readonly id: string;
  name: string;
  readonly parentId: string;
  readonly tags: Tags;
}

interface OrgPolicy {
  readonly id: string;
  name: string;
  description: string;
  content: string;
  readonly type: string;
  readonly awsManaged: boolean;
  readonly targets: Set<string>;
  readonly tags: Tags;
}

interface CreateAccountRequest {
  readonly id: string;
  readonly accountName: string;
  readonly email: string;
  state: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  readonly requestedTimestamp: Date;
  completedTimestamp?: Date;
  accountId?: string;
  failureReason?: string;
  /** DescribeCreateAccountStatus calls left while IN_PROGRESS. */
  stepsLeft: number;
  readonly create: () => string;
}

interface OrgState {
  readonly id: string;
  readonly rootId: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  readonly rootTags: Tags;
  /** Policy types enabled on the root. */
  readonly policyTypes: Set<string>;
  readonly servicePrincipals: Map<string, Date>;
  readonly accounts: Map<string, OrgAccount>;
  readonly units: Map<string, OrgUnit>;
  readonly policies: Map<string, OrgPolicy>;
  /** service principal → account id → date registered */
  readonly delegatedAdministrators: Map<string, Map<string, Date>>;
  readonly createAccountRequests: Map<string, CreateAccountRequest>;
}

/** Policy types with an AWS-managed "allow everything" policy attached wherever the type is enabled. */
const FULL_ACCESS_POLICIES: Readonly<Record<string, { id: string; name: string; description: string; content: string }>> = {
  SERVICE_CONTROL_POLICY: {
    id: 'p-FullAWSAccess',
    name: 'FullAWSAccess',
    description: 'Allows access to every operation',
    content: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "*",\n      "Resource": "*"\n    }\n  ]\n}',
  },
  RESOURCE_CONTROL_POLICY: {
    id: 'p-RCPFullAWSAccess',
    name: 'RCPFullAWSAccess',
    description: 'Allows access to every resource',
    content: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": "*",\n      "Action": "*",\n      "Resource": "*"\n    }\n  ]\n}',
  },
};

/** The policy types of an organization with all features (API_PolicyTypeSummary.html, SDK enum PolicyType). */
const POLICY_TYPES = new Set([
  'SERVICE_CONTROL_POLICY',
  'RESOURCE_CONTROL_POLICY',
  'TAG_POLICY',
  'BACKUP_POLICY',
  'AISERVICES_OPT_OUT_POLICY',
  'CHATBOT_POLICY',
  'DECLARATIVE_POLICY_EC2',
  'SECURITYHUB_POLICY',
  'INSPECTOR_POLICY',
  'BEDROCK_POLICY',
  'S3_POLICY',
  'NETWORK_SECURITY_DIRECTOR_POLICY',
  'UPGRADE_ROLLOUT_POLICY',
]);

/**
 * The HTTP status of each error, from the httpError traits of the SDK v3 model
 * (@aws-sdk/client-organizations dist-cjs: `{ [_e]: _c, [_hE]: 409 }` per error schema).
 */
const ERROR_STATUS: Readonly<Record<string, number>> = {
  AccessDeniedException: 403,
  AccountAlreadyClosedException: 409,
  AccountAlreadyRegisteredException: 409,
  AccountNotFoundException: 404,
  AccountNotRegisteredException: 409,
  AlreadyInOrganizationException: 409,
  AWSOrganizationsNotInUseException: 404,
  ChildNotFoundException: 404,
  ConstraintViolationException: 409,
  CreateAccountStatusNotFoundException: 404,
  DestinationParentNotFoundException: 404,
  DuplicateAccountException: 409,
  DuplicateOrganizationalUnitException: 409,
  DuplicatePolicyAttachmentException: 409,
  DuplicatePolicyException: 409,
  HandshakeConstraintViolationException: 409,
  InvalidInputException: 400,
  MalformedPolicyDocumentException: 400,
  MasterCannotLeaveOrganizationException: 409,
  OrganizationalUnitNotEmptyException: 409,
  OrganizationalUnitNotFoundException: 404,
  OrganizationNotEmptyException: 409,
  ParentNotFoundException: 404,
  PolicyInUseException: 409,
  PolicyNotAttachedException: 409,
  PolicyNotFoundException: 404,
  PolicyTypeAlreadyEnabledException: 409,
  PolicyTypeNotAvailableForOrganizationException: 409,
  PolicyTypeNotEnabledException: 409,
  RootNotFoundException: 404,
  SourceParentNotFoundException: 404,
  TargetNotFoundException: 404,
};

function fail(code: string, message: string): AwsServiceError {
  return new AwsServiceError(code, message, ERROR_STATUS[code] ?? 400);
}

const MAX_RESULTS = 20;

/** A page; Organizations has no InvalidNextTokenException: a bad token is InvalidInputException (INVALID_PAGINATION_TOKEN). */
function page<T>(items: readonly T[], token: unknown, max: unknown, defaultMax: number): { items: T[]; next?: string } {
  try {
    return pageOf(items, token, max, defaultMax);
  } catch (error) {
    if (error instanceof AwsServiceError && error.code === 'InvalidNextTokenException') throw fail('InvalidInputException', 'The provided pagination token is not valid (INVALID_PAGINATION_TOKEN).');
    throw error;
  }
}
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function str(input: Input, key: string): string {
  const value = input[key];
  if (typeof value !== 'string' || value === '') throw fail('InvalidInputException', `You provided a value that does not match the required pattern: ${key} is required.`);
  return value;
}

function optionalStr(input: Input, key: string): string | undefined {
  const value = input[key];
  return typeof value === 'string' ? value : undefined;
}

function tagsIn(input: Input): Array<[string, string]> {
  const tags = Array.isArray(input.Tags) ? (input.Tags as Array<{ Key?: unknown; Value?: unknown }>) : [];
  return tags.map((tag) => {
    if (typeof tag.Key !== 'string' || tag.Key === '' || tag.Key.length > 128) throw fail('InvalidInputException', 'You provided an invalid tag key.');
    if (typeof tag.Value !== 'string' || tag.Value.length > 256) throw fail('InvalidInputException', 'You provided an invalid tag value.');
    return [tag.Key, tag.Value];
  });
}

function tagList(tags: Tags): Array<{ Key: string; Value: string }> {
  return [...tags].map(([Key, Value]) => ({ Key, Value }));
}

export const organizationsDouble: ServiceFactory = (world: World): ServiceDouble => {
  let org: OrgState | undefined;
  const managementId = world.managementAccountId;
  const arnBase = () => `arn:aws:organizations::${managementId}`;

  function requireOrg(): OrgState {
    if (!org) throw fail('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
    return org;
  }

  /** The organization for a management-account caller; member accounts get AccessDeniedException. */
  function managed(caller: CallerContext): OrgState {
    const state = requireOrg();
    if (caller.accountId !== managementId) throw fail('AccessDeniedException', "You don't have permissions to access this resource.");
    return state;
  }

  /**
   * The organization for a read: the management account, or a member account that is a delegated
   * administrator for some service ("can be called only from the organization's management account
   * or by a member account that is a delegated administrator for an AWS service", API_ListAccounts.html).
   */
  function readable(caller: CallerContext): OrgState {
    const state = requireOrg();
    if (caller.accountId === managementId) return state;
    if ([...state.delegatedAdministrators.values()].some((admins) => admins.has(caller.accountId))) return state;
    throw fail('AccessDeniedException', "You don't have permissions to access this resource.");
  }

  function requireAllFeatures(state: OrgState): void {
    if (state.featureSet !== 'ALL') {
      throw fail('ConstraintViolationException', 'The request failed because the organization does not have all features enabled. Please enable all features in your organization and then retry.');
    }
  }

  const organizationArn = (state: OrgState) => `${arnBase()}:organization/${state.id}`;
  const accountArn = (state: OrgState, id: string) => `${arnBase()}:account/${state.id}/${id}`;
  const unitArn = (state: OrgState, id: string) => `${arnBase()}:ou/${state.id}/${id}`;
  const rootArn = (state: OrgState) => `${arnBase()}:root/${state.id}/${state.rootId}`;
  function policyArn(state: OrgState, policy: OrgPolicy): string {
    const type = policy.type.toLowerCase();
    return policy.awsManaged ? `arn:aws:organizations::aws:policy/${type}/${policy.id}` : `${arnBase()}:policy/${state.id}/${type}/${policy.id}`;
  }

  function accountShape(state: OrgState, account: OrgAccount) {
    const stateName = account.status === 'ACTIVE' ? 'ACTIVE' : account.status === 'PENDING_CLOSURE' ? 'PENDING_CLOSURE' : 'SUSPENDED';
    return {
      Id: account.id,
      Arn: accountArn(state, account.id),
      Email: account.email,
      Name: account.name,
      Status: account.status,
      State: stateName,
      JoinedMethod: account.joinedMethod,
      JoinedTimestamp: account.joinedTimestamp,
    };
  }

  function unitShape(state: OrgState, unit: OrgUnit) {
    return { Id: unit.id, Arn: unitArn(state, unit.id), Name: unit.name };
  }

  function rootShape(state: OrgState) {
    return {
      Id: state.rootId,
      Arn: rootArn(state),
      Name: 'Root',
      PolicyTypes: [...state.policyTypes].sort().map((Type) => ({ Type, Status: 'ENABLED' })),
    };
  }

  function policySummary(state: OrgState, policy: OrgPolicy) {
    return { Id: policy.id, Arn: policyArn(state, policy), Name: policy.name, Description: policy.description, Type: policy.type, AwsManaged: policy.awsManaged };
  }

  function organizationShape(state: OrgState) {
    const management = state.accounts.get(managementId);
    return {
      Id: state.id,
      Arn: organizationArn(state),
      FeatureSet: state.featureSet,
      MasterAccountArn: accountArn(state, managementId),
      MasterAccountId: managementId,
      MasterAccountEmail: management?.email ?? world.accounts.get(managementId)?.email,
      // Deprecated by AWS but still returned (API_Organization.html): the root's types with their status.
      AvailablePolicyTypes: [...state.policyTypes].sort().map((Type) => ({ Type, Status: 'ENABLED' })),
    };
  }

  function findAccount(state: OrgState, id: unknown): OrgAccount {
    const account = typeof id === 'string' ? state.accounts.get(id) : undefined;
    if (!account) throw fail('AccountNotFoundException', "You specified an account that doesn't exist.");
    return account;
  }

  function findUnit(state: OrgState, id: unknown): OrgUnit {
    const unit = typeof id === 'string' ? state.units.get(id) : undefined;
    if (!unit) throw fail('OrganizationalUnitNotFoundException', "You specified an organizational unit that doesn't exist.");
    return unit;
  }

  function findPolicy(state: OrgState, id: unknown): OrgPolicy {
    const policy = typeof id === 'string' ? state.policies.get(id) : undefined;
    if (!policy) throw fail('PolicyNotFoundException', "We can't find a policy with the PolicyId that you specified.");
    return policy;
  }

  function isParent(state: OrgState, id: unknown): id is string {
    return typeof id === 'string' && (id === state.rootId || state.units.has(id));
  }

  function requireParent(state: OrgState, id: unknown, code = 'ParentNotFoundException'): string {
    if (!isParent(state, id)) throw fail(code, "We can't find a root or OU with the ParentId that you specified.");
    return id;
  }

  /** Tags of an account, OU, root or policy (TagResource's ResourceId). */
  function tagsOf(state: OrgState, id: unknown): Tags {
    if (typeof id === 'string') {
      if (id === state.rootId) return state.rootTags;
      const found = state.accounts.get(id) ?? state.units.get(id) ?? state.policies.get(id);
      if (found && !(found as OrgPolicy).awsManaged) return found.tags;
    }
    throw fail('TargetNotFoundException', "We can't find a root, OU, account, or policy with the TargetId that you specified.");
  }

  /** The full-access policies a new OU or account gets while their type is enabled. */
  function attachFullAccess(state: OrgState, targetId: string): void {
    for (const [type, managed] of Object.entries(FULL_ACCESS_POLICIES)) {
      if (state.policyTypes.has(type)) state.policies.get(managed.id)?.targets.add(targetId);
    }
  }

  function addAccount(state: OrgState, account: Omit<OrgAccount, 'tags' | 'closingSteps'>, tags: Array<[string, string]>): OrgAccount {
    const stored: OrgAccount = { ...account, closingSteps: 0, tags: new Map(tags) };
    state.accounts.set(stored.id, stored);
    const inWorld: WorldAccount = { id: stored.id, name: stored.name, email: stored.email, status: stored.status };
    world.accounts.set(stored.id, inWorld);
    attachFullAccess(state, stored.id);
    return stored;
  }

  function syncWorldAccount(account: OrgAccount): void {
    const inWorld = world.accounts.get(account.id);
    if (inWorld) {
      inWorld.status = account.status;
      inWorld.name = account.name;
      inWorld.email = account.email;
    }
  }

  function syncWorldOrganization(state: OrgState): void {
    const existing = world.organization;
    const servicePrincipals = new Set(state.servicePrincipals.keys());
    const delegatedAdministrators = new Map([...state.delegatedAdministrators].map(([principal, accounts]) => [principal, new Set(accounts.keys())]));
    if (existing && existing.id === state.id) {
      existing.featureSet = state.featureSet;
      existing.servicePrincipals.clear();
      servicePrincipals.forEach((principal) => existing.servicePrincipals.add(principal));
      existing.delegatedAdministrators.clear();
      delegatedAdministrators.forEach((accounts, principal) => existing.delegatedAdministrators.set(principal, accounts));
    } else {
      world.organization = { id: state.id, arn: organizationArn(state), featureSet: state.featureSet, servicePrincipals, delegatedAdministrators };
    }
  }

  function parentOf(state: OrgState, childId: string): { Id: string; Type: 'ROOT' | 'ORGANIZATIONAL_UNIT' } {
    const parentId = state.accounts.get(childId)?.parentId ?? state.units.get(childId)?.parentId;
    if (parentId === undefined) throw fail('ChildNotFoundException', "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.");
    return { Id: parentId, Type: parentId === state.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT' };
  }

  function requirePolicyType(value: unknown): string {
    if (typeof value !== 'string' || !POLICY_TYPES.has(value)) throw fail('InvalidInputException', `You provided a value that does not match the required pattern: PolicyType ${String(value)}.`);
    return value;
  }

  function parseContent(content: string, type: string): void {
    try {
      const parsed: unknown = JSON.parse(content);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    } catch {
      throw fail('MalformedPolicyDocumentException', `The provided policy document does not meet the requirements of the specified policy type ${type}.`);
    }
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html: SCPs and RCPs 5,120 characters.
    if ((type === 'SERVICE_CONTROL_POLICY' || type === 'RESOURCE_CONTROL_POLICY') && content.length > 5120) {
      throw fail('ConstraintViolationException', 'You attempted to create or update a policy larger than the maximum size (5120 characters).');
    }
  }

  function advanceClosing(account: OrgAccount): void {
    if (account.status !== 'PENDING_CLOSURE') return;
    if (account.closingSteps > 0) account.closingSteps -= 1;
    else account.status = 'SUSPENDED';
    syncWorldAccount(account);
  }

  const operations: Record<string, OperationHandler> = {
    // ------------------------------------------------------------------------------- organization
    CreateOrganization(input, caller) {
      if (org) throw fail('AlreadyInOrganizationException', 'This account is already a member of an organization.');
      if (caller.accountId !== managementId) throw fail('AccessDeniedException', 'Only the account the double treats as management can create the organization.');
      const featureSet = input.FeatureSet === 'CONSOLIDATED_BILLING' ? 'CONSOLIDATED_BILLING' : 'ALL';
      const orgId = world.nextId('o-', 10);
      const rootId = world.nextId('r-', 4);
      const state: OrgState = {
        id: orgId,
        rootId,
        featureSet,
        rootTags: new Map(),
        policyTypes: new Set(),
        servicePrincipals: new Map(),
        accounts: new Map(),
        units: new Map(),
        policies: new Map(),
        delegatedAdministrators: new Map(),
        createAccountRequests: new Map(),
      };
      if (featureSet === 'ALL') {
        for (const [type, managed] of Object.entries(FULL_ACCESS_POLICIES)) {
          state.policies.set(managed.id, { ...managed, type, awsManaged: true, targets: new Set(), tags: new Map() });
        }
      }
      const management = world.accounts.get(managementId);
      org = state;
      addAccount(state, { id: managementId, name: management?.name ?? 'management', email: management?.email ?? 'management@example.com', parentId: rootId, status: 'ACTIVE', joinedMethod: 'INVITED', joinedTimestamp: world.now() }, []);
      syncWorldOrganization(state);
      return { Organization: organizationShape(state) };
    },
    DescribeOrganization(_input, caller) {
      const state = requireOrg();
      // An account outside the organization (never joined, or removed) is "not a member of an organization".
      if (!state.accounts.has(caller.accountId)) throw fail('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
      return { Organization: organizationShape(state) };
    },
    DeleteOrganization(_input, caller) {
      const state = managed(caller);
      if ([...state.accounts.values()].some((account) => account.id !== managementId)) {
        throw fail('OrganizationNotEmptyException', 'The organization isn\'t empty. To delete an organization, you must first remove all accounts except the management account.');
      }
      org = undefined;
      world.organization = undefined;
      return {};
    },
    EnableAllFeatures(_input, caller) {
      const state = managed(caller);
      if (state.featureSet === 'ALL') throw fail('HandshakeConstraintViolationException', 'The organization already has all features enabled.');
      // AWS starts a handshake every member must accept; the double completes it at once.
      state.featureSet = 'ALL';
      for (const [type, managedPolicy] of Object.entries(FULL_ACCESS_POLICIES)) {
        if (!state.policies.has(managedPolicy.id)) state.policies.set(managedPolicy.id, { ...managedPolicy, type, awsManaged: true, targets: new Set(), tags: new Map() });
      }
      syncWorldOrganization(state);
      return { Handshake: { Id: world.nextId('h-', 10), State: 'ACCEPTED', Action: 'ENABLE_ALL_FEATURES', RequestedTimestamp: world.now(), ExpirationTimestamp: world.now(), Parties: [], Resources: [] } };
    },
    ListRoots(input, caller) {
      const state = readable(caller);
      const { items, next } = page([rootShape(state)], input.NextToken, input.MaxResults, MAX_RESULTS);
      return { Roots: items, NextToken: next };
    },
    EnablePolicyType(input, caller) {
      const state = managed(caller);
      if (input.RootId !== state.rootId) throw fail('RootNotFoundException', "We can't find a root with the RootId that you specified.");
      const type = requirePolicyType(input.PolicyType);
      if (state.featureSet !== 'ALL') throw fail('PolicyTypeNotAvailableForOrganizationException', "You can't use a policy type that isn't available for your organization.");
      if (state.policyTypes.has(type)) throw fail('PolicyTypeAlreadyEnabledException', 'The specified policy type is already enabled.');
      state.policyTypes.add(type);
      const managedPolicy = FULL_ACCESS_POLICIES[type];
      const policy = managedPolicy ? state.policies.get(managedPolicy.id) : undefined;
      if (policy) [state.rootId, ...state.units.keys(), ...state.accounts.keys()].forEach((target) => policy.targets.add(target));
      return { Root: rootShape(state) };
    },
    DisablePolicyType(input, caller) {
      const state = managed(caller);
      if (input.RootId !== state.rootId) throw fail('RootNotFoundException', "We can't find a root with the RootId that you specified.");
      const type = requirePolicyType(input.PolicyType);
      if (!state.policyTypes.has(type)) throw fail('PolicyTypeNotEnabledException', "This operation can be performed only for enabled policy types.");
      state.policyTypes.delete(type);
      // Disabling a type detaches every policy of that type (API_DisablePolicyType.html).
      for (const policy of state.policies.values()) if (policy.type === type) policy.targets.clear();
      return { Root: rootShape(state) };
    },

    // ----------------------------------------------------------------------------- service access
    EnableAWSServiceAccess(input, caller) {
      const state = managed(caller);
      requireAllFeatures(state);
      const principal = str(input, 'ServicePrincipal');
      if (!state.servicePrincipals.has(principal)) state.servicePrincipals.set(principal, world.now());
      syncWorldOrganization(state);
      return {};
    },
    DisableAWSServiceAccess(input, caller) {
      const state = managed(caller);
      requireAllFeatures(state);
      state.servicePrincipals.delete(str(input, 'ServicePrincipal'));
      syncWorldOrganization(state);
      return {};
    },
    ListAWSServiceAccessForOrganization(input, caller) {
      const state = readable(caller);
      requireAllFeatures(state);
      const all = [...state.servicePrincipals].sort(([a], [b]) => a.localeCompare(b)).map(([ServicePrincipal, DateEnabled]) => ({ ServicePrincipal, DateEnabled }));
      const { items, next } = page(all, input.NextToken, input.MaxResults, MAX_RESULTS);
      return { EnabledServicePrincipals: items, NextToken: next };
    },

    // ----------------------------------------------------------------------------------- accounts
    CreateAccount(input, caller) {
      const state = managed(caller);
      const accountName = str(input, 'AccountName');
      const email = str(input, 'Email');
      if (accountName.length > 50) throw fail('InvalidInputException', 'AccountName must be at most 50 characters.');
      if (email.length < 6 || email.length > 64 || !EMAIL.test(email)) throw fail('InvalidInputException', 'You provided a value that does not match the required pattern: Email.');
      const roleName = optionalStr(input, 'RoleName') ?? 'OrganizationAccountAccessRole';
      if (!/^[\w+=,.@-]{1,64}$/.test(roleName)) throw fail('InvalidInputException', 'You provided a value that does not match the required pattern: RoleName.');
      const tags = tagsIn(input);
      const request: CreateAccountRequest = {
        id: world.nextId('car-', 8),
        accountName,
        email,
        state: 'IN_PROGRESS',
        requestedTimestamp: world.now(),
        stepsLeft: world.asyncSteps,
        create: () => {
          const id = world.nextAccountId();
          addAccount(state, { id, name: accountName, email, parentId: state.rootId, status: 'ACTIVE', joinedMethod: 'CREATED', joinedTimestamp: world.now() }, tags);
          return id;
        },
      };
      state.createAccountRequests.set(request.id, request);
      if (request.stepsLeft === 0) finishCreate(state, request);
      return { CreateAccountStatus: createStatusShape(request) };
    },
    DescribeCreateAccountStatus(input, caller) {
      const state = readable(caller);
      const request = typeof input.CreateAccountRequestId === 'string' ? state.createAccountRequests.get(input.CreateAccountRequestId) : undefined;
      if (!request) throw fail('CreateAccountStatusNotFoundException', "We can't find an create account request with the CreateAccountRequestId that you specified.");
      if (request.state === 'IN_PROGRESS') {
        if (request.stepsLeft > 0) request.stepsLeft -= 1;
        else finishCreate(state, request);
      }
      return { CreateAccountStatus: createStatusShape(request) };
    },
    ListCreateAccountStatus(input, caller) {
      const state = readable(caller);
      const states = Array.isArray(input.States) ? (input.States as string[]) : undefined;
      const all = [...state.createAccountRequests.values()].filter((request) => !states || states.includes(request.state)).map(createStatusShape);
      const { items, next } = page(all, input.NextToken, input.MaxResults, MAX_RESULTS);
      return { CreateAccountStatuses: items, NextToken: next };
    },
    DescribeAccount(input, caller) {
      const state = readable(caller);
      const account = findAccount(state, input.AccountId);
      const shape = accountShape(state, account);
      advanceClosing(account);
      return { Account: shape };
    },
    ListAccounts(input, caller) {
      const state = readable(caller);
      const all = [...state.accounts.values()].map((account) => accountShape(state, account));
      const { items, next } = page(all, input.NextToken, input.MaxResults, MAX_RESULTS);
      return { Accounts: items, NextToken: next };
    },
    ListAccountsForParent(input, caller) {
      const state = readable(caller);
      const parentId = requireParent(state, input.ParentId);
      const all = [...state.accounts.values()].filter((account) => account.parentId === parentId).map((account) => accountShape(state, account));
      const { items, next } = page(all, input.NextToken, input.MaxResults, MAX_RESULTS);
      return { Accounts: items, NextToken: next };
    },
    MoveAccount(input, caller) {
      const state = managed(caller);
      const account = findAccount(state, input.AccountId);
      const source = requireParent(state, input.SourceParentId, 'SourceParentNotFoundException');
      const destination = requireParent(state, input.DestinationParentId, 'DestinationParentNotFoundException');
      if (account.parentId !== source) throw fail('SourceParentNotFoundException', "We can't find a source root or OU with the ParentId that you specified.");
      if (account.parentId === destination) throw fail('DuplicateAccountException', 'That account is already present in the specified destination.');
      account.parentId = destination;
      return {};
    },
    CloseAccount(input, caller) {
      const state = managed(caller);
      const account = findAccount(state, input.AccountId);
      if (account.id === managementId) throw fail('ConstraintViolationException', 'You cannot close the management account with this operation.');
      if (account.status !== 'ACTIVE') throw fail('AccountAlreadyClosedException', 'You attempted to close an account that is already closed.');
      account.status = world.asyncSteps === 0 ? 'SUSPENDED' : 'PENDING_CLOSURE';
      account.closingSteps = Math.max(0, world.asyncSteps - 1);
      syncWorldAccount(account);
      return {};
    },
    RemoveAccountFromOrganization(input, caller) {
      const state = managed(caller);
      const account = findAccount(state, input.AccountId);
      if (account.id === managementId) throw fail('MasterCannotLeaveOrganizationException', 'You can never remove a management account from an organization.');
      state.accounts.delete(account.id);
      // Out of the organization the account is nothing the double's other services can reach.
      world.accounts.delete(account.id);
      for (const policy of state.policies.values()) policy.targets.delete(account.id);
      for (const admins of state.delegatedAdministrators.values()) admins.delete(account.id);
      syncWorldOrganization(state);
      return {};
    },

    // ------------------------------------------------------------------------ organizational units
    CreateOrganizationalUnit(input, caller) {
      const state = managed(caller);
      const parentId = requireParent(state, input.ParentId);
      const name = str(input, 'Name');
      if (name.length > 128) throw fail('InvalidInputException', 'Name must be at most 128 characters.');
      if ([...state.units.values()].some((unit) => unit.parentId === parentId && unit.name === name)) {
        throw fail('DuplicateOrganizationalUnitException', 'An OU with the same name already exists.');
      }
      const unit: OrgUnit = { id: world.nextId(`ou-${state.rootId.slice(2)}-`, 8), name, parentId, tags: new Map(tagsIn(input)) };
      state.units.set(unit.id, unit);
      attachFullAccess(state, unit.id);
      return { OrganizationalUnit: unitShape(state, unit) };
    },
    DescribeOrganizationalUnit(input, caller) {
      const state = readable(caller);
      return { OrganizationalUnit: unitShape(state, findUnit(state, input.OrganizationalUnitId)) };
    },
    UpdateOrganizationalUnit(input, caller) {
      const state = managed(caller);
      const unit = findUnit(state, input.OrganizationalUnitId);
      const name = optionalStr(input, 'Name');
      if (name !== undefined && name !== unit.name) {
        if ([...state.units.values()].some((other) => other.parentId === unit.parentId && other.name === name)) {
          throw fail('DuplicateOrganizationalUnitException', 'An OU with the same name already exists.');
        }
        unit.name = name;
      }
      return { OrganizationalUnit: unitShape(state, unit) };
    },
    DeleteOrganizationalUnit(input, caller) {
      const state = managed(caller);
      const unit = findUnit(state, input.OrganizationalUnitId);
      const hasChildren = [...state.accounts.values()].some((account) => account.parentId === unit.id) || [...state.units.values()].some((child) => child.parentId === unit.id);
      if (hasChildren) throw fail('OrganizationalUnitNotEmptyException', 'The specified OU is not empty. Move all accounts to another root or to other OUs, remove all child OUs, and try the operation again.');
      state.units.delete(unit.id);
      for (const policy of state.policies.values()) policy.targets.delete(unit.id);
      return {};
    },
    ListOrganizationalUnitsForParent(input, caller) {
      const state = readable(caller);
      const parentId = requireParent(state, input.ParentId);
      const all = [...state.units.values()].filter((unit) => unit.parentId === parentId).map((unit) => unitShape(state, unit));
      const { items, next } = page(all, input.NextToken, input.MaxResults, MAX_RESULTS);
      return { OrganizationalUnits: items, NextToken: next };
    },
    ListParents(input, caller) {
      const state = readable(caller);
      const { items, next } = page([parentOf(state, String(input.ChildId ?? ''))], input.NextToken, input.MaxResults, MAX_RESULTS);
      return { Parents: items, NextToken: next };
    },
    ListChildren(input, caller) {
      const state = readable(caller);
      const parentId = requireParent(state, input.ParentId);
      const type = input.ChildType;
      if (type !== 'ACCOUNT' && type !== 'ORGANIZATIONAL_UNIT') throw fail('InvalidInputException', 'ChildType must be ACCOUNT or ORGANIZATIONAL_UNIT.');
      const ids = type === 'ACCOUNT' ? [...state.accounts.values()].filter((a) => a.parentId === parentId).map((a) => a.id) : [...state.units.values()].filter((u) => u.parentId === parentId).map((u) => u.id);
      const { items, next } = page(ids.map((Id) => ({ Id, Type: type })), input.NextToken, input.MaxResults, MAX_RESULTS);
      return { Children: items, NextToken: next };
    },

    // ----------------------------------------------------------------------------------- policies
    CreatePolicy(input, caller) {
      const state = managed(caller);
      requireAllFeatures(state);
      const type = requirePolicyType(input.Type);
      const name = str(input, 'Name');
      const content = str(input, 'Content');
      const description = optionalStr(input, 'Description') ?? '';
      if (name.length > 128) throw fail('InvalidInputException', 'Name must be at most 128 characters.');
      parseContent(content, type);
      if ([...state.policies.values()].some((policy) => policy.type === type && policy.name === name)) {
        throw fail('DuplicatePolicyException', 'A policy with the same name already exists.');
      }
      const policy: OrgPolicy = { id: world.nextId('p-', 8), name, description, content, type, awsManaged: false, targets: new Set(), tags: new Map(tagsIn(input)) };
      state.policies.set(policy.id, policy);
      return { Policy: { PolicySummary: policySummary(state, policy), Content: policy.content } };
    },
    DescribePolicy(input, caller) {
      const state = readable(caller);
      const policy = findPolicy(state, input.PolicyId);
      return { Policy: { PolicySummary: policySummary(state, policy), Content: policy.content } };
    },
    UpdatePolicy(input, caller) {
      const state = managed(caller);
      const policy = findPolicy(state, input.PolicyId);
      if (policy.awsManaged) throw fail('AccessDeniedException', 'You cannot modify an AWS managed policy.');
      const name = optionalStr(input, 'Name');
      const content = optionalStr(input, 'Content');
      if (name !== undefined && name !== policy.name && [...state.policies.values()].some((other) => other.type === policy.type && other.name === name)) {
        throw fail('DuplicatePolicyException', 'A policy with the same name already exists.');
      }
      if (content !== undefined) parseContent(content, policy.type);
      if (name !== undefined) policy.name = name;
      if (content !== undefined) policy.content = content;
      const description = optionalStr(input, 'Description');
      if (description !== undefined) policy.description = description;
      return { Policy: { PolicySummary: policySummary(state, policy), Content: policy.content } };
    },
    DeletePolicy(input, caller) {
      const state = managed(caller);
      const policy = findPolicy(state, input.PolicyId);
      if (policy.awsManaged) throw fail('AccessDeniedException', 'You cannot delete an AWS managed policy.');
      if (policy.targets.size > 0) throw fail('PolicyInUseException', 'The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation.');
      state.policies.delete(policy.id);
      return {};
    },
    ListPolicies(input, caller) {
      const state = readable(caller);
      const type = requirePolicyType(input.Filter);
      const all = [...state.policies.values()].filter((policy) => policy.type === type).map((policy) => policySummary(state, policy));
      const { items, next } = page(all, input.NextToken, input.MaxResults, MAX_RESULTS);
      return { Policies: items, NextToken: next };
    },
    ListPoliciesForTarget(input, caller) {
      const state = readable(caller);
      const target = requireTarget(state, input.TargetId);
      const type = requirePolicyType(input.Filter);
      const all = [...state.policies.values()].filter((policy) => policy.type === type && policy.targets.has(target)).map((policy) => policySummary(state, policy));
      const { items, next } = page(all, input.NextToken, input.MaxResults, MAX_RESULTS);
      return { Policies: items, NextToken: next };
    },
    ListTargetsForPolicy(input, caller) {
      const state = readable(caller);
      const policy = findPolicy(state, input.PolicyId);
      const all = [...policy.targets].map((target) => targetSummary(state, target));
      const { items, next } = page(all, input.NextToken, input.MaxResults, MAX_RESULTS);
      return { Targets: items, NextToken: next };
    },
    AttachPolicy(input, caller) {
      const state = managed(caller);
      const policy = findPolicy(state, input.PolicyId);
      const target = requireTarget(state, input.TargetId);
      if (!state.policyTypes.has(policy.type)) throw fail('PolicyTypeNotEnabledException', 'This operation can be performed only for enabled policy types.');
      if (policy.targets.has(target)) throw fail('DuplicatePolicyAttachmentException', 'The selected policy is already attached to the specified target.');
      policy.targets.add(target);
      return {};
    },
    DetachPolicy(input, caller) {
      const state = managed(caller);
      const policy = findPolicy(state, input.PolicyId);
      const target = requireTarget(state, input.TargetId);
      if (!policy.targets.has(target)) throw fail('PolicyNotAttachedException', "The policy isn't attached to the specified target in the specified root.");
      // An SCP-enabled target must keep at least one SCP (API_DetachPolicy.html, ConstraintViolationException MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED).
      if (policy.type === 'SERVICE_CONTROL_POLICY' && ![...state.policies.values()].some((other) => other !== policy && other.type === policy.type && other.targets.has(target))) {
        throw fail('ConstraintViolationException', 'You attempted to detach a policy from an entity that would leave it with fewer than the minimum number of policies of that type (1).');
      }
      policy.targets.delete(target);
      return {};
    },

    // ----------------------------------------------------------------------- delegated administrators
    RegisterDelegatedAdministrator(input, caller) {
      const state = managed(caller);
      requireAllFeatures(state);
      const account = findAccount(state, input.AccountId);
      const principal = str(input, 'ServicePrincipal');
      if (account.id === managementId) throw fail('ConstraintViolationException', 'You cannot register the management account as a delegated administrator for a service.');
      const admins = state.delegatedAdministrators.get(principal) ?? new Map<string, Date>();
      if (admins.has(account.id)) throw fail('AccountAlreadyRegisteredException', 'The provided account is already a delegated administrator for your organization.');
      admins.set(account.id, world.now());
      state.delegatedAdministrators.set(principal, admins);
      syncWorldOrganization(state);
      return {};
    },
    DeregisterDelegatedAdministrator(input, caller) {
      const state = managed(caller);
      const account = findAccount(state, input.AccountId);
      const principal = str(input, 'ServicePrincipal');
      const admins = state.delegatedAdministrators.get(principal);
      if (!admins?.has(account.id)) throw fail('AccountNotRegisteredException', "The specified account is not a delegated administrator for this AWS service.");
      admins.delete(account.id);
      if (admins.size === 0) state.delegatedAdministrators.delete(principal);
      syncWorldOrganization(state);
      return {};
    },
    ListDelegatedAdministrators(input, caller) {
      const state = readable(caller);
      const wanted = optionalStr(input, 'ServicePrincipal');
      const firstDate = new Map<string, Date>();
      for (const [principal, admins] of state.delegatedAdministrators) {
        if (wanted !== undefined && principal !== wanted) continue;
        for (const [accountId, date] of admins) if (!firstDate.has(accountId) || date < firstDate.get(accountId)!) firstDate.set(accountId, date);
      }
      const all = [...firstDate].sort(([a], [b]) => a.localeCompare(b)).map(([accountId, DelegationEnabledDate]) => ({ ...accountShape(state, findAccount(state, accountId)), DelegationEnabledDate }));
      const { items, next } = page(all, input.NextToken, input.MaxResults, MAX_RESULTS);
      return { DelegatedAdministrators: items, NextToken: next };
    },
    ListDelegatedServicesForAccount(input, caller) {
      const state = readable(caller);
      const account = findAccount(state, input.AccountId);
      const services = [...state.delegatedAdministrators].filter(([, admins]) => admins.has(account.id)).map(([ServicePrincipal, admins]) => ({ ServicePrincipal, DelegationEnabledDate: admins.get(account.id) }));
      if (services.length === 0) throw fail('AccountNotRegisteredException', "The specified account is not a delegated administrator for this AWS service.");
      const { items, next } = page(services, input.NextToken, input.MaxResults, MAX_RESULTS);
      return { DelegatedServices: items, NextToken: next };
    },

    // --------------------------------------------------------------------------------------- tags
    ListTagsForResource(input, caller) {
      const state = readable(caller);
      const { items, next } = page(tagList(tagsOf(state, input.ResourceId)), input.NextToken, undefined, MAX_RESULTS);
      return { Tags: items, NextToken: next };
    },
    TagResource(input, caller) {
      const state = managed(caller);
      const tags = tagsOf(state, input.ResourceId);
      for (const [key, value] of tagsIn(input)) tags.set(key, value);
      return {};
    },
    UntagResource(input, caller) {
      const state = managed(caller);
      const tags = tagsOf(state, input.ResourceId);
      for (const key of Array.isArray(input.TagKeys) ? (input.TagKeys as string[]) : []) tags.delete(key);
      return {};
    },
  };

  function requireTarget(state: OrgState, id: unknown): string {
    if (typeof id === 'string' && (id === state.rootId || state.units.has(id) || state.accounts.has(id))) return id;
    throw fail('TargetNotFoundException', "We can't find a root, OU, account, or policy with the TargetId that you specified.");
  }

  function targetSummary(state: OrgState, target: string) {
    if (target === state.rootId) return { TargetId: target, Arn: rootArn(state), Name: 'Root', Type: 'ROOT' };
    const unit = state.units.get(target);
    if (unit) return { TargetId: target, Arn: unitArn(state, target), Name: unit.name, Type: 'ORGANIZATIONAL_UNIT' };
    const account = state.accounts.get(target);
    return { TargetId: target, Arn: accountArn(state, target), Name: account?.name ?? '', Type: 'ACCOUNT' };
  }

  function finishCreate(state: OrgState, request: CreateAccountRequest): void {
    const taken = [...state.accounts.values()].some((account) => account.email.toLowerCase() === request.email.toLowerCase());
    if (taken) {
      request.state = 'FAILED';
      request.failureReason = 'EMAIL_ALREADY_EXISTS';
    } else {
      request.accountId = request.create();
      request.state = 'SUCCEEDED';
    }
    request.completedTimestamp = world.now();
  }

  function createStatusShape(request: CreateAccountRequest) {
    return {
      Id: request.id,
      AccountName: request.accountName,
      State: request.state,
      RequestedTimestamp: request.requestedTimestamp,
      CompletedTimestamp: request.completedTimestamp,
      AccountId: request.accountId,
      FailureReason: request.failureReason,
    };
  }

  return { signingName: 'organizations', protocol: 'json', targetPrefix: 'AWSOrganizationsV20161128', operations };
};

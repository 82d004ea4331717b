/**
 * A local stand-in for the few AWS read calls `terraform plan` makes for this project's stacks: the
 * data sources' lookups and the member-account providers' AssumeRole. It is not an AWS emulator: it
 * holds a small, fixed estate (one Identity Center instance, the permission sets, groups and users
 * the config says exist) and answers reads of it in AWS's wire shapes; every other call gets an
 * error and is recorded, so a test sees when the provider asked for something it does not answer.
 *
 * Which calls, from the provider's source (hashicorp/terraform-provider-aws):
 * - data.aws_ssoadmin_instances (internal/service/ssoadmin/instances_data_source.go): ListInstances;
 * - data.aws_ssoadmin_permission_set by name (…/ssoadmin/permission_set_data_source.go): ListPermissionSets,
 *   DescribePermissionSet per ARN until the name matches, then ListTagsForResource;
 * - data.aws_identitystore_group / _user with alternate_identifier (…/identitystore/group_data_source.go,
 *   user_data_source.go): GetGroupId / GetUserId, then DescribeGroup / DescribeUser (ListGroups /
 *   ListUsers with `filter`, kept for older configs);
 * - resources in import blocks are read like a refresh: aws_ssoadmin_permission_set
 *   (DescribePermissionSet, ListTagsForResource), aws_identitystore_group (DescribeGroup),
 *   aws_identitystore_user (DescribeUser);
 * - provider "aws" with assume_role: STS AssumeRole (and GetCallerIdentity where not skipped);
 * - an organization managed elsewhere (organization.existing), read at plan time
 *   (…/organizations/organization_data_source.go: DescribeOrganization, ListAccounts, ListRoots,
 *   ListAWSServiceAccessForOrganization; organizational_unit_data_source.go: ListOrganizationalUnitsForParent;
 *   organizational_unit_descendant_accounts_data_source.go: ListAccountsForParent and
 *   ListOrganizationalUnitsForParent, recursively). Only when the estate has an organization.
 *
 * Wire protocols: SSO Admin, Identity Store and Organizations are JSON 1.1 (`X-Amz-Target: SWBExternalService.<Op>`,
 * `AWSIdentityStore.<Op>`, `AWSOrganizationsV20161128.<Op>`), errors as `{"__type": …, "Message": …}` with HTTP 400
 * (https://docs.aws.amazon.com/singlesignon/latest/APIReference/CommonErrors.html); STS is the query
 * protocol with XML responses (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html,
 * API_GetCallerIdentity.html). Timestamps in JSON 1.1 are epoch seconds.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInPermissionSet {
  readonly name: string;
  readonly arn: string;
  readonly description?: string;
  readonly sessionDuration?: string;
  readonly relayState?: string;
}

export interface StandInGroup {
  readonly displayName: string;
  readonly groupId: string;
  readonly description?: string;
}

export interface StandInUser {
  readonly userName: string;
  readonly userId: string;
  readonly displayName?: string;
  readonly givenName?: string;
  readonly familyName?: string;
  readonly email?: string;
}

/** An account of the stand-in's organization; `status` as Organizations' Account.Status. */
export interface StandInAccount {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly status: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
  /** The root's or an OU's ID. */
  readonly parentId: string;
}

export interface StandInOrganizationalUnit {
  /** `ou-<root part>-<8 to 32 characters>` (Organizations' OrganizationalUnit.Id pattern). */
  readonly id: string;
  readonly name: string;
  readonly parentId: string;
}

/** An organization with all features, one root. */
export interface StandInOrganization {
  /** `o-<10 to 32 characters>` */
  readonly id: string;
  /** `r-<4 to 32 characters>` */
  readonly rootId: string;
  readonly managementAccountId: string;
  readonly units: readonly StandInOrganizationalUnit[];
  readonly accounts: readonly StandInAccount[];
  readonly servicePrincipals: readonly string[];
}

export interface StandInEstate {
  /** The account the caller is in (the management account). */
  readonly accountId: string;
  readonly instanceArn: string;
  readonly identityStoreId: string;
  readonly permissionSets: readonly StandInPermissionSet[];
  readonly groups: readonly StandInGroup[];
  readonly users: readonly StandInUser[];
  /** The organization, when a config reads one it does not manage; without it Organizations reads are unknown calls. */
  readonly organization?: StandInOrganization;
}

export interface RecordedCall {
  readonly service: 'sso-admin' | 'identitystore' | 'organizations' | 'sts' | 'unknown';
  readonly operation: string;
  /** False when the stand-in has no answer for the operation (it answered with an error). */
  readonly known: boolean;
}

export interface AwsStandIn {
  /** `http://127.0.0.1:<port>`: the provider's `endpoints` for every service. */
  readonly url: string;
  readonly calls: RecordedCall[];
  close(): Promise<void>;
}

/** The instance every test estate has: exactly one, as the stacks' postcondition requires. */
export const STAND_IN_INSTANCE = {
  instanceArn: 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6',
  identityStoreId: 'd-9067a1b2c3',
} as const;

/** A well-formed identity store ID for a name: `<10 hex>-<uuid>`, as AWS issues them, stable per name. */
export function identityStoreObjectId(kind: 'group' | 'user', name: string): string {
  const hex = createHash('sha256').update(`${kind}:${name}`).digest('hex');
  return `${hex.slice(0, 10)}-${hex.slice(10, 18)}-${hex.slice(18, 22)}-${hex.slice(22, 26)}-${hex.slice(26, 30)}-${hex.slice(30, 42)}`;
}

/** A well-formed permission set ARN of the stand-in's instance, stable per name. */
export function permissionSetArn(name: string): string {
  const hex = createHash('sha256').update(`permission-set:${name}`).digest('hex').slice(0, 16);
  return `arn:aws:sso:::permissionSet/${STAND_IN_INSTANCE.instanceArn.split('/')[1]}/ps-${hex}`;
}

const CREATED = Date.UTC(2024, 0, 15, 9, 30, 0) / 1000;

class AwsError extends Error {
  constructor(readonly code: string, message: string, readonly status = 400) {
    super(message);
  }
}

type JsonHandler = (input: Record<string, unknown>, estate: StandInEstate) => unknown;

const ssoAdmin: Record<string, JsonHandler> = {
  // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListInstances.html
  ListInstances: (_input, estate) => ({
    Instances: [{ InstanceArn: estate.instanceArn, IdentityStoreId: estate.identityStoreId, OwnerAccountId: estate.accountId, Name: 'stand-in', Status: 'ACTIVE', CreatedDate: CREATED }],
  }),
  // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListPermissionSets.html
  ListPermissionSets: (input, estate) => {
    requireInstance(input, estate);
    return { PermissionSets: estate.permissionSets.map((set) => set.arn) };
  },
  // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_DescribePermissionSet.html
  DescribePermissionSet: (input, estate) => {
    requireInstance(input, estate);
    const set = estate.permissionSets.find((candidate) => candidate.arn === input.PermissionSetArn);
    if (!set) throw new AwsError('ResourceNotFoundException', `Could not find PermissionSet with ARN ${String(input.PermissionSetArn)}`);
    return {
      PermissionSet: {
        Name: set.name,
        PermissionSetArn: set.arn,
        CreatedDate: CREATED,
        SessionDuration: set.sessionDuration ?? 'PT1H',
        ...(set.description ? { Description: set.description } : {}),
        ...(set.relayState ? { RelayState: set.relayState } : {}),
      },
    };
  },
  // https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListTagsForResource.html
  ListTagsForResource: (input, estate) => {
    requireInstance(input, estate);
    if (!estate.permissionSets.some((set) => set.arn === input.ResourceArn)) throw new AwsError('ResourceNotFoundException', `Could not find resource ${String(input.ResourceArn)}`);
    return { Tags: [] };
  },
};

const identityStore: Record<string, JsonHandler> = {
  // https://docs.aws.amazon.com/singleSignOn/latest/IdentityStoreAPIReference/API_GetGroupId.html
  GetGroupId: (input, estate) => {
    requireStore(input, estate);
    const value = uniqueAttribute(input, 'DisplayName');
    const group = estate.groups.find((candidate) => candidate.displayName === value);
    if (!group) throw new AwsError('ResourceNotFoundException', `GROUP not found: ${value}`);
    return { GroupId: group.groupId, IdentityStoreId: estate.identityStoreId };
  },
  // https://docs.aws.amazon.com/singleSignOn/latest/IdentityStoreAPIReference/API_DescribeGroup.html
  DescribeGroup: (input, estate) => {
    requireStore(input, estate);
    const group = estate.groups.find((candidate) => candidate.groupId === input.GroupId);
    if (!group) throw new AwsError('ResourceNotFoundException', `GROUP not found: ${String(input.GroupId)}`);
    return groupShape(group, estate);
  },
  // https://docs.aws.amazon.com/singleSignOn/latest/IdentityStoreAPIReference/API_ListGroups.html
  ListGroups: (input, estate) => {
    requireStore(input, estate);
    const wanted = filterValue(input, 'DisplayName');
    return { Groups: estate.groups.filter((group) => wanted === undefined || group.displayName === wanted).map((group) => groupShape(group, estate)) };
  },
  // https://docs.aws.amazon.com/singleSignOn/latest/IdentityStoreAPIReference/API_GetUserId.html
  GetUserId: (input, estate) => {
    requireStore(input, estate);
    const value = uniqueAttribute(input, 'UserName');
    const user = estate.users.find((candidate) => candidate.userName === value);
    if (!user) throw new AwsError('ResourceNotFoundException', `USER not found: ${value}`);
    return { UserId: user.userId, IdentityStoreId: estate.identityStoreId };
  },
  // https://docs.aws.amazon.com/singleSignOn/latest/IdentityStoreAPIReference/API_DescribeUser.html
  DescribeUser: (input, estate) => {
    requireStore(input, estate);
    const user = estate.users.find((candidate) => candidate.userId === input.UserId);
    if (!user) throw new AwsError('ResourceNotFoundException', `USER not found: ${String(input.UserId)}`);
    return userShape(user, estate);
  },
  // https://docs.aws.amazon.com/singleSignOn/latest/IdentityStoreAPIReference/API_ListUsers.html
  ListUsers: (input, estate) => {
    requireStore(input, estate);
    const wanted = filterValue(input, 'UserName');
    return { Users: estate.users.filter((user) => wanted === undefined || user.userName === wanted).map((user) => userShape(user, estate)) };
  },
};

/** Organizations (https://docs.aws.amazon.com/organizations/latest/APIReference/): the reads of an organization managed elsewhere. */
const organizations: Record<string, JsonHandler> = {
  // https://docs.aws.amazon.com/organizations/latest/APIReference/API_DescribeOrganization.html
  DescribeOrganization: (_input, estate) => {
    const org = requireOrganization(estate);
    return {
      Organization: {
        Id: org.id,
        Arn: `arn:aws:organizations::${org.managementAccountId}:organization/${org.id}`,
        FeatureSet: 'ALL',
        MasterAccountArn: `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${org.managementAccountId}`,
        MasterAccountId: org.managementAccountId,
        MasterAccountEmail: org.accounts.find((account) => account.id === org.managementAccountId)?.email ?? 'management@example.com',
        AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
      },
    };
  },
  // https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccounts.html
  ListAccounts: (_input, estate) => {
    const org = requireOrganization(estate);
    return { Accounts: org.accounts.map((account) => accountShape(account, org)) };
  },
  // https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListRoots.html
  ListRoots: (_input, estate) => {
    const org = requireOrganization(estate);
    return { Roots: [{ Id: org.rootId, Arn: `arn:aws:organizations::${org.managementAccountId}:root/${org.id}/${org.rootId}`, Name: 'Root', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] }] };
  },
  // https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAWSServiceAccessForOrganization.html
  ListAWSServiceAccessForOrganization: (_input, estate) => {
    const org = requireOrganization(estate);
    return { EnabledServicePrincipals: org.servicePrincipals.map((principal) => ({ ServicePrincipal: principal, DateEnabled: CREATED })) };
  },
  // https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListOrganizationalUnitsForParent.html
  ListOrganizationalUnitsForParent: (input, estate) => {
    const org = requireOrganization(estate);
    const parentId = requireParent(input, org);
    return {
      OrganizationalUnits: org.units.filter((unit) => unit.parentId === parentId).map((unit) => ({ Id: unit.id, Arn: `arn:aws:organizations::${org.managementAccountId}:ou/${org.id}/${unit.id}`, Name: unit.name })),
    };
  },
  // https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccountsForParent.html
  ListAccountsForParent: (input, estate) => {
    const org = requireOrganization(estate);
    const parentId = requireParent(input, org);
    return { Accounts: org.accounts.filter((account) => account.parentId === parentId).map((account) => accountShape(account, org)) };
  },
};

function requireOrganization(estate: StandInEstate): StandInOrganization {
  // https://docs.aws.amazon.com/organizations/latest/APIReference/API_DescribeOrganization.html#API_DescribeOrganization_Errors
  if (!estate.organization) throw new AwsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
  return estate.organization;
}

function requireParent(input: Record<string, unknown>, org: StandInOrganization): string {
  const parentId = String(input.ParentId ?? '');
  if (parentId !== org.rootId && !org.units.some((unit) => unit.id === parentId)) throw new AwsError('ParentNotFoundException', `We can't find a root or OU with the ParentId that you specified: ${parentId}`);
  return parentId;
}

/** Account as ListAccounts returns it: Status (deprecated in 2025 for State; both are returned, the same for these three values). */
function accountShape(account: StandInAccount, org: StandInOrganization) {
  return {
    Id: account.id,
    Arn: `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${account.id}`,
    Email: account.email,
    Name: account.name,
    Status: account.status,
    State: account.status,
    JoinedMethod: account.id === org.managementAccountId ? 'CREATED' : 'INVITED',
    JoinedTimestamp: CREATED,
  };
}

function requireInstance(input: Record<string, unknown>, estate: StandInEstate): void {
  if (input.InstanceArn !== estate.instanceArn) throw new AwsError('ResourceNotFoundException', `Could not find Instance with ARN ${String(input.InstanceArn)}`);
}

function requireStore(input: Record<string, unknown>, estate: StandInEstate): void {
  if (input.IdentityStoreId !== estate.identityStoreId) throw new AwsError('ResourceNotFoundException', `IdentityStore not found: ${String(input.IdentityStoreId)}`);
}

/** `AlternateIdentifier.UniqueAttribute` with the one attribute path the stacks look up by. */
function uniqueAttribute(input: Record<string, unknown>, path: string): string {
  const unique = (input.AlternateIdentifier as { UniqueAttribute?: { AttributePath?: string; AttributeValue?: unknown } } | undefined)?.UniqueAttribute;
  if (!unique || unique.AttributePath !== path || typeof unique.AttributeValue !== 'string') {
    throw new AwsError('ValidationException', `the stand-in answers lookups by UniqueAttribute ${path} only; got ${JSON.stringify(input.AlternateIdentifier)}`);
  }
  return unique.AttributeValue;
}

function filterValue(input: Record<string, unknown>, path: string): string | undefined {
  const filters = (input.Filters as Array<{ AttributePath: string; AttributeValue: string }> | undefined) ?? [];
  return filters.find((filter) => filter.AttributePath === path)?.AttributeValue;
}

function groupShape(group: StandInGroup, estate: StandInEstate) {
  return { GroupId: group.groupId, DisplayName: group.displayName, ...(group.description ? { Description: group.description } : {}), ExternalIds: [], IdentityStoreId: estate.identityStoreId };
}

function userShape(user: StandInUser, estate: StandInEstate) {
  return {
    UserId: user.userId,
    UserName: user.userName,
    IdentityStoreId: estate.identityStoreId,
    DisplayName: user.displayName ?? user.userName,
    Name: { GivenName: user.givenName ?? 'Given', FamilyName: user.familyName ?? 'Family' },
    Emails: user.email ? [{ Value: user.email, Type: 'work', Primary: true }] : [],
    ExternalIds: [],
  };
}

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

function xmlEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function sts(params: URLSearchParams, estate: StandInEstate, requestId: string): string {
  const action = params.get('Action') ?? '';
  if (action === 'AssumeRole') {
    const roleArn = params.get('RoleArn') ?? '';
    const session = params.get('RoleSessionName') ?? 'session';
    const match = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(.+)$/.exec(roleArn);
    if (!match) throw new AwsError('ValidationError', `${roleArn} is not a valid role ARN`);
    const expiration = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return `<AssumeRoleResponse xmlns="${STS_NS}"><AssumeRoleResult><Credentials><AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId><SecretAccessKey>stand-in-secret</SecretAccessKey><SessionToken>stand-in-session-token</SessionToken><Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROA3XFRBF535PLBIFPI4:${xmlEscape(session)}</AssumedRoleId><Arn>arn:aws:sts::${match[1]}:assumed-role/${xmlEscape(match[2].split('/').pop()!)}/${xmlEscape(session)}</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></AssumeRoleResponse>`;
  }
  if (action === 'GetCallerIdentity') {
    return `<GetCallerIdentityResponse xmlns="${STS_NS}"><GetCallerIdentityResult><Arn>arn:aws:iam::${estate.accountId}:user/stand-in</Arn><UserId>AIDAIOSFODNN7EXAMPLE</UserId><Account>${estate.accountId}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
  }
  throw new AwsError('InvalidAction', `the stand-in does not answer STS ${action}`);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Starts the stand-in on a random loopback port. */
export async function startAwsStandIn(estate: StandInEstate): Promise<AwsStandIn> {
  const calls: RecordedCall[] = [];
  let counter = 0;
  const server: Server = createServer((request, response) => {
    void readBody(request).then((body) => handle(request, body, response));
  });

  function handle(request: IncomingMessage, body: string, response: ServerResponse): void {
    const requestId = `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
    const target = String(request.headers['x-amz-target'] ?? '');
    const [prefix, operation = ''] = target.split('.');
    const service = prefix === 'SWBExternalService' ? 'sso-admin' : prefix === 'AWSIdentityStore' ? 'identitystore' : prefix === 'AWSOrganizationsV20161128' ? 'organizations' : undefined;
    if (service) {
      const handler = (service === 'sso-admin' ? ssoAdmin : service === 'identitystore' ? identityStore : organizations)[operation];
      calls.push({ service, operation, known: handler !== undefined });
      try {
        if (!handler) throw new AwsError('UnknownOperationException', `the stand-in does not answer ${target}`);
        const output = handler(body ? (JSON.parse(body) as Record<string, unknown>) : {}, estate);
        response.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': requestId });
        response.end(JSON.stringify(output));
      } catch (error) {
        const failure = error instanceof AwsError ? error : new AwsError('InternalServerException', String(error), 500);
        response.writeHead(failure.status, { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': failure.code });
        response.end(JSON.stringify({ __type: failure.code, Message: failure.message }));
      }
      return;
    }
    const params = new URLSearchParams(body);
    if (params.get('Version') === '2011-06-15') {
      const action = params.get('Action') ?? '';
      calls.push({ service: 'sts', operation: action, known: action === 'AssumeRole' || action === 'GetCallerIdentity' });
      try {
        const xml = sts(params, estate, requestId);
        response.writeHead(200, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId });
        response.end(xml);
      } catch (error) {
        const failure = error instanceof AwsError ? error : new AwsError('InternalFailure', String(error), 500);
        response.writeHead(failure.status, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId });
        response.end(`<ErrorResponse xmlns="${STS_NS}"><Error><Type>Sender</Type><Code>${failure.code}</Code><Message>${xmlEscape(failure.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`);
      }
      return;
    }
    calls.push({ service: 'unknown', operation: `${request.method} ${request.url} ${target || params.get('Action') || ''}`.trim(), known: false });
    response.writeHead(400, { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': 'UnknownOperationException' });
    response.end(JSON.stringify({ __type: 'UnknownOperationException', Message: 'the stand-in answers only the reads listed in test/terraform/aws-stand-in.ts' }));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

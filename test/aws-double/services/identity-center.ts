/**
 * What SSO Admin (services/sso-admin.ts) and Identity Store (services/identitystore.ts) share in one
 * world: the IAM Identity Center instance, which exists from the start (one organization instance of
 * the management account, its identity store linked), and the directory's users and groups, which
 * account assignments name as principals.
 *
 * Identifier formats, from the API references' patterns:
 * - instance ARN `arn:aws:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}`
 *   (https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_InstanceMetadata.html);
 *   AWS issues `ssoins-` and 16 hex digits;
 * - identity store ID `d-[0-9a-f]{10}` or a UUID
 *   (https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_GetUserId.html);
 * - user, group and membership IDs `([0-9a-f]{10}-|)[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}`
 *   (API_DescribeUser.html, API_DescribeGroupMembership.html); AWS prefixes them with the store's
 *   10 hex digits, and the provider validates principal_id against this pattern
 *   (internal/service/ssoadmin/account_assignment.go).
 *
 * The state is exported for what no API call can do: a test seeding a recorded estate sets the
 * `ExternalIds` of SCIM-provisioned principals on the records (CreateUser has no such parameter), or
 * `UserStatus: 'DISABLED'` on a user disabled in the console.
 */
import { createHash } from 'node:crypto';
import { AwsServiceError, page } from '../service';
import type { World } from '../world';

export interface Instance {
  readonly arn: string;
  readonly identityStoreId: string;
  readonly ownerAccountId: string;
  readonly name: string;
  readonly createdDate: Date;
}

export interface ExternalId {
  Issuer: string;
  Id: string;
}

/** A user as DescribeUser returns it, without IdentityStoreId (the store's). */
export interface UserRecord {
  UserId: string;
  UserName: string;
  DisplayName?: string;
  Name?: Record<string, string>;
  NickName?: string;
  ProfileUrl?: string;
  Emails?: Array<Record<string, unknown>>;
  Addresses?: Array<Record<string, unknown>>;
  PhoneNumbers?: Array<Record<string, unknown>>;
  UserType?: string;
  Title?: string;
  PreferredLanguage?: string;
  Locale?: string;
  Timezone?: string;
  Website?: string;
  Birthdate?: string;
  Photos?: Array<Record<string, unknown>>;
  Roles?: Array<Record<string, unknown>>;
  ExternalIds?: ExternalId[];
  UserStatus: 'ENABLED' | 'DISABLED';
  CreatedAt: Date;
  UpdatedAt: Date;
}

export interface GroupRecord {
  GroupId: string;
  DisplayName: string;
  Description?: string;
  ExternalIds?: ExternalId[];
  CreatedAt: Date;
  UpdatedAt: Date;
}

export interface MembershipRecord {
  MembershipId: string;
  GroupId: string;
  UserId: string;
  CreatedAt: Date;
}

export interface IdentityCenter {
  readonly instance: Instance;
  readonly users: Map<string, UserRecord>;
  readonly groups: Map<string, GroupRecord>;
  readonly memberships: Map<string, MembershipRecord>;
  /** A fresh user, group or membership ID in AWS's format (store prefix, then a UUID). */
  newPrincipalId(): string;
  /** A fresh UUID (request IDs of asynchronous operations). */
  newUuid(): string;
  /** `length` hex digits, deterministic per world. */
  newHex(length: number): string;
}

const centers = new WeakMap<World, IdentityCenter>();

/**
 * Whether a customer managed policy `<path><name>` exists in an account, as the IAM double of the same
 * world knows it. Provisioning a permission set to an account where a policy it references is
 * missing FAILS in AWS (hashicorp/terraform-provider-aws's "unexpected state 'FAILED'", and
 * aws-samples/aws-iam-identity-center-pipeline#5), so SSO Admin asks; without an IAM double in the
 * world nothing is checked.
 */
export type CustomerPolicyLookup = (accountId: string, path: string, name: string) => boolean;
const customerPolicyLookups = new WeakMap<World, CustomerPolicyLookup>();

/** Called by services/iam.ts when it starts in a world. */
export function setCustomerPolicyLookup(world: World, lookup: CustomerPolicyLookup): void {
  customerPolicyLookups.set(world, lookup);
}

export function customerPolicyLookup(world: World): CustomerPolicyLookup | undefined {
  return customerPolicyLookups.get(world);
}

/** The world's Identity Center: made on first use by either service, the same object afterwards. */
export function identityCenterOf(world: World): IdentityCenter {
  const existing = centers.get(world);
  if (existing) return existing;
  // AWS's formats here are hex; world.nextId counts in base 36. Each id is the SHA-256 of the next
  // counter value, cut to length: deterministic per world, random-looking as AWS's are, and checked
  // unique (a repeat takes the next counter value).
  const issued = new Set<string>();
  const newHex = (length: number): string => {
    for (;;) {
      const hex = createHash('sha256').update(world.nextId('identity-center-', 1)).digest('hex').slice(0, length);
      if (!issued.has(hex)) {
        issued.add(hex);
        return hex;
      }
    }
  };
  // Version 4, variant 10xx, so the value passes strict UUID checks.
  const newUuid = (): string => {
    const hex = newHex(32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
  const storeHex = newHex(10);
  const center: IdentityCenter = {
    instance: {
      arn: `arn:aws:sso:::instance/ssoins-${newHex(16)}`,
      identityStoreId: `d-${storeHex}`,
      ownerAccountId: world.managementAccountId,
      name: 'aws-double',
      createdDate: world.now(),
    },
    users: new Map(),
    groups: new Map(),
    memberships: new Map(),
    newPrincipalId: () => `${storeHex}-${newUuid()}`,
    newUuid,
    newHex,
  };
  centers.set(world, center);
  return center;
}

/** The shape the API references give a principal ID (the provider validates it too). */
export const PRINCIPAL_ID_PATTERN = /^([0-9a-f]{10}-|)[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

/**
 * A deep copy of a record (plain objects, arrays, Dates). Not structuredClone: under jest its Dates
 * come from another realm, fail `instanceof Date`, and the JSON encoder would not write them as epoch seconds.
 */
export function copyRecord<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => copyRecord(item)) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copyRecord(item)])) as T;
  return value;
}

/**
 * The HTTP status of each error both APIs model (the `httpError` traits in the SDK v3 schemas,
 * node_modules/@aws-sdk/client-sso-admin/dist-cjs/index.js and client-identitystore: the same table).
 */
const ERROR_STATUS: Readonly<Record<string, number>> = {
  AccessDeniedException: 403,
  ConflictException: 409,
  InternalServerException: 500,
  ResourceNotFoundException: 404,
  ServiceQuotaExceededException: 402,
  ThrottlingException: 429,
  ValidationException: 400,
};

/** An error of SSO Admin or Identity Store with the status AWS answers it with. */
export function identityCenterError(code: keyof typeof ERROR_STATUS, message: string): AwsServiceError {
  return new AwsServiceError(code, message, ERROR_STATUS[code]);
}

/** page(), with a bad NextToken answered as these APIs model it: neither has InvalidNextTokenException, so ValidationException. */
export function pageOf<T>(items: readonly T[], token: unknown, max: unknown, defaultMax: number): { items: T[]; next?: string } {
  try {
    return page(items, token, max, defaultMax);
  } catch (error) {
    if (error instanceof AwsServiceError && error.code === 'InvalidNextTokenException') throw identityCenterError('ValidationException', 'The NextToken is not valid.');
    throw error;
  }
}

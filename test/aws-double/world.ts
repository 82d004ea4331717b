/**
 * The state every service of the AWS double can see: the region, the management account, the accounts
 * that exist, the clock and deterministic ids. A service keeps its own resources in its factory's
 * closure; what several services must agree on (which accounts exist, for STS AssumeRole and SSO Admin
 * account assignments) lives here.
 */
import { createCredentialStore, type CredentialStore } from './accounts';
import type { ServiceDouble } from './service';

export type AccountStatus = 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';

export interface WorldAccount {
  id: string;
  name: string;
  email: string;
  status: AccountStatus;
}

/** The organization as other services see it (IAM organizations features, SSO Admin's instance). */
export interface WorldOrganization {
  readonly id: string;
  readonly arn: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  /** Service principals with trusted access (EnableAWSServiceAccess): `iam.amazonaws.com`, `sso.amazonaws.com`. */
  readonly servicePrincipals: Set<string>;
  /** Delegated administrators: service principal → account ids (RegisterDelegatedAdministrator). */
  readonly delegatedAdministrators: Map<string, Set<string>>;
}

export interface World {
  readonly region: string;
  readonly managementAccountId: string;
  /** Accounts that exist (Organizations adds/removes them); STS AssumeRole and SSO Admin check them. */
  readonly accounts: Map<string, WorldAccount>;
  /** The organization, kept by services/organizations.ts; undefined while there is none. */
  organization: WorldOrganization | undefined;
  /** Steps an asynchronous status (CreateAccount, provisioning, assignments) stays IN_PROGRESS: 0 = done at once. */
  readonly asyncSteps: number;
  now(): Date;
  /**
   * A deterministic id: `prefix` then a counter in lowercase base 36, zero-padded to `length`
   * (default 8), so ids match AWS's `[0-9a-z]{n}` patterns and two runs give the same ids.
   */
  nextId(prefix: string, length?: number): string;
  /** A deterministic 12-digit account id, unique in this world (Organizations CreateAccount). */
  nextAccountId(): string;
  /** Access keys → callers; STS AssumeRole issues keys here, the server resolves them. */
  readonly credentials: CredentialStore;
}

export type ServiceFactory = (world: World) => ServiceDouble;

export interface WorldOptions {
  readonly region?: string;
  readonly managementAccountId?: string;
  readonly asyncSteps?: number;
  /** The clock; the real one by default (STS credentials must expire in the real future). */
  readonly now?: () => Date;
}

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_MANAGEMENT_ACCOUNT_ID = '111111111111';

export function createWorld(options: WorldOptions = {}): World {
  const managementAccountId = options.managementAccountId ?? DEFAULT_MANAGEMENT_ACCOUNT_ID;
  if (!/^\d{12}$/.test(managementAccountId)) throw new Error(`managementAccountId must be 12 digits, got ${managementAccountId}`);
  const accounts = new Map<string, WorldAccount>([
    [managementAccountId, { id: managementAccountId, name: 'management', email: 'management@example.com', status: 'ACTIVE' }],
  ]);
  let counter = 0;
  let accountCounter = 0;
  const clock = options.now ?? (() => new Date());
  return {
    region: options.region ?? DEFAULT_REGION,
    managementAccountId,
    accounts,
    organization: undefined,
    asyncSteps: options.asyncSteps ?? 0,
    credentials: createCredentialStore(managementAccountId),
    now: clock,
    nextId(prefix, length = 8) {
      counter += 1;
      return `${prefix}${counter.toString(36).padStart(length, '0')}`;
    },
    nextAccountId() {
      for (;;) {
        accountCounter += 1;
        const id = `2${String(accountCounter).padStart(11, '0')}`;
        if (!accounts.has(id)) return id;
      }
    },
  };
}

/**
 * discoverEstate: reads the live estate, read-only, into one DiscoveredEstate. Every problem on
 * the way is collected; if there is any, nothing is returned and DiscoveryFailed lists them all,
 * because adopting a partial estate would write a config that deletes what was not read.
 */
import { createCaller, type CallStats } from './caller';
import type { DiscoveryClients } from './clients';
import { realClock, type Clock } from './clock';
import { readContext, type ReadContext } from './context';
import type { DiscoveredEstate, DiscoveredIdentityCenter } from './estate';
import { DiscoveryFailed } from './problems';
import { silentProgress, type Progress } from './progress';
import { readAccountSettings } from './read-account';
import { readAssignments } from './read-assignments';
import { readAccessControlAttributes, readInstance } from './read-identity-center';
import { readGroups, readMemberships, readUsers } from './read-identity-store';
import { readIam } from './read-iam';
import { readOrganization } from './read-organization';
import { readPermissionSets } from './read-permission-sets';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';
import { DEFAULT_RATE_LIMITS, type Quota } from './services';

export interface DiscoverOptions {
  /**
   * Region of the IAM Identity Center instance, recorded in the estate.
   * @default - the SSO Admin client's region
   */
  readonly region?: string;
  /**
   * Which Identity Center instance to read, when the account has more than one.
   * @default - the only instance; more than one is a problem asking for this option
   */
  readonly instanceArn?: string;
  /**
   * Requests in flight at once, across all services.
   * @default 8
   */
  readonly concurrency?: number;
  /**
   * Requests per second per quota, over the defaults in services.ts; 'none' turns the client-side
   * limit off (the benchmark's comparison run).
   * @default DEFAULT_RATE_LIMITS
   */
  readonly rateLimits?: Readonly<Partial<Record<Quota, number>>> | 'none';
  /**
   * Discovery's own retry around each call.
   * @default DEFAULT_RETRY (5 attempts, 500 ms doubling to 20 s, full jitter)
   */
  readonly retry?: Partial<RetryPolicy>;
  /** @default - the real clock */
  readonly clock?: Clock;
  /** @default Math.random */
  readonly random?: () => number;
  /** @default - no progress output */
  readonly progress?: Progress;
}

export interface Discovery {
  readonly estate: DiscoveredEstate;
  readonly stats: CallStats;
}

async function readIdentityCenter(ctx: ReadContext, region: string, instanceArn: string | undefined): Promise<DiscoveredIdentityCenter | undefined> {
  const { caller } = ctx;
  const instance = await caller.settle(() => readInstance(ctx, region, instanceArn));
  if (!instance) return undefined;
  const arn = instance.InstanceArn;
  const storeId = instance.IdentityStoreId;
  const [accessControlAttributes, setsAndAssignments, users, groupsAndMemberships] = await Promise.all([
    caller.settle(() => readAccessControlAttributes(ctx, arn)),
    caller.settle(async () => {
      const permissionSets = await readPermissionSets(ctx, arn);
      return { permissionSets, assignments: await readAssignments(ctx, arn, permissionSets) };
    }),
    caller.settle(() => readUsers(ctx, storeId)),
    caller.settle(async () => {
      const groups = await readGroups(ctx, storeId);
      return { groups, memberships: await readMemberships(ctx, storeId, groups) };
    }),
  ]);
  if (!accessControlAttributes || !setsAndAssignments || !users || !groupsAndMemberships) return undefined;
  return {
    instanceArn: arn,
    identityStoreId: storeId,
    ...(instance.Name ? { instanceName: instance.Name } : {}),
    ...(instance.OwnerAccountId ? { ownerAccountId: instance.OwnerAccountId } : {}),
    ...(instance.Status ? { instanceStatus: instance.Status } : {}),
    accessControlAttributes,
    permissionSets: setsAndAssignments.permissionSets,
    users,
    groups: groupsAndMemberships.groups,
    memberships: groupsAndMemberships.memberships,
    assignments: setsAndAssignments.assignments,
  };
}

/** Discovery with the call statistics (calls and retries per IAM action) beside the estate. */
export async function discover(clients: DiscoveryClients, options: DiscoverOptions = {}): Promise<Discovery> {
  const clock = options.clock ?? realClock;
  const progress = options.progress ?? silentProgress;
  const concurrency = options.concurrency ?? 8;
  const caller = createCaller({
    clock,
    concurrency,
    rateLimits: options.rateLimits === 'none' ? {} : { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
    retry: { ...DEFAULT_RETRY, ...options.retry },
    random: options.random,
    progress,
  });
  const ctx = readContext(clients, caller, concurrency, progress);
  try {
    const region = options.region ?? (await clients.ssoAdmin.config.region());
    const [organization, identityCenter, iam, account] = await Promise.all([
      caller.settle(() => readOrganization(ctx)),
      readIdentityCenter(ctx, region, options.instanceArn),
      caller.settle(() => readIam(ctx)),
      caller.settle(() => readAccountSettings(ctx)),
    ]);
    if (caller.problems.length > 0) throw new DiscoveryFailed(caller.problems, caller.stats);
    if (!organization || !identityCenter || !iam || !account) throw new Error('discovery lost a part of the estate without recording why (a bug)');
    return {
      estate: {
        formatVersion: 1, discoveredAt: new Date(clock.now()).toISOString(), region, organization, identityCenter, iam, account,
        ...(caller.unread.length > 0 ? { unread: [...caller.unread].sort((a, b) => (a.permission < b.permission ? -1 : a.permission > b.permission ? 1 : 0)) } : {}),
      },
      stats: caller.stats,
    };
  } finally {
    progress.close();
  }
}

/** Reads the live estate with the given clients. Throws DiscoveryFailed listing every problem. */
export async function discoverEstate(clients: DiscoveryClients, options: DiscoverOptions = {}): Promise<DiscoveredEstate> {
  return (await discover(clients, options)).estate;
}

/**
 * Discovery benchmark (not a test): a simulated 500-account, 30-permission-set, 2,000-user
 * organization served by aws-sdk-client-mock with 50–150 ms per call, read sequentially, with
 * discovery's bounded concurrency, and with no client-side limit at all.
 *
 * Time is simulated: every wait (the service's latency, the rate limiter's spacing, the retry
 * backoff) goes through one virtual clock that jumps to the next timer once nothing else can run.
 * That makes a 30-minute sequential scan take seconds of CPU, gives exact figures instead of
 * timer jitter, and still runs the real discovery code (pool, limiter, retry, paging) end to end.
 * The simulated service enforces the documented rate limits itself and answers ThrottlingException
 * past them, so "did not exceed the limits" is measured, not assumed.
 *
 * Then adoption: a second estate (300 accounts, 3,000 users by default) is discovered the same way,
 * and what comes after discovery is timed for real (wall clock): adoptEstate (config, import map,
 * report) and the synth of the adopted config with its import map (import blocks, zero-diff check).
 *
 *   node --expose-gc dist/bench/discovery-bench.js [--accounts 500] [--sets 30] [--users 2000] [--groups 100] [--concurrency 8]
 *                                                   [--adopt-accounts 300] [--adopt-users 3000] [--adopt-sets 10]
 *                                                   [--only-adopt] [--save-estate FILE]
 *
 * --only-adopt skips the four discovery runs; --save-estate writes the adoption estate as the JSON
 * `npm run adopt -- --estate` reads, to profile adoption and synth alone (node --cpu-prof).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { adoptEstate } from '../adopt/estate-to-environment';
import { writeAdoption } from '../adopt/write-adoption';
import { loadEnvironments } from '../config/load';
import { synthesize } from '../synth/synthesize';
import { isDeepStrictEqual } from 'node:util';
import { parseCommandLine, usageError, wholeNumber, type CommandSpec } from '../lib/cli';
import * as account from '@aws-sdk/client-account';
import * as iam from '@aws-sdk/client-iam';
import * as identitystore from '@aws-sdk/client-identitystore';
import * as organizations from '@aws-sdk/client-organizations';
import * as sso from '@aws-sdk/client-sso-admin';
import { mockClient } from 'aws-sdk-client-mock';
import type { DiscoveryClients } from '../discovery/clients';
import type { Clock } from '../discovery/clock';
import { discover, type DiscoverOptions, type Discovery } from '../discovery/discover';
import type { CallStats } from '../discovery/caller';
import { DISCOVERY_PERMISSIONS } from '../discovery/permissions';
import { DiscoveryFailed, formatProblems } from '../discovery/problems';
import { DEFAULT_RATE_LIMITS, QUOTA_OF, type Quota, type Service } from '../discovery/services';

// ---- virtual time -----------------------------------------------------------------------------

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly resolve: () => void;
}

/** A clock whose sleeps resolve in time order, instantly, once every runnable task is waiting. */
class VirtualClock implements Clock {
  private time = 0;
  private seq = 0;
  private readonly heap: Timer[] = [];
  peakHeapBytes = 0;

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.push({ at: this.time + Math.max(0, ms), seq: this.seq++, resolve }));
  }

  /** Drives `work` to completion: drain microtasks, then fire the earliest timer, repeat. */
  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    work.then(
      () => (done = true),
      () => (done = true),
    );
    for (let turn = 0; ; turn++) {
      // Every promise continuation runs before a setImmediate callback: nothing runnable is left after it.
      await new Promise((resolve) => setImmediate(resolve));
      if (turn % 500 === 0) this.peakHeapBytes = Math.max(this.peakHeapBytes, process.memoryUsage().heapUsed);
      if (done) return work;
      const next = this.pop();
      if (!next) throw new Error('simulation stalled: no task runnable and no timer pending');
      this.time = next.at;
      next.resolve();
    }
  }

  private before(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(timer: Timer): void {
    const heap = this.heap;
    heap.push(timer);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private pop(): Timer | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < heap.length && this.before(heap[l], heap[smallest])) smallest = l;
        if (r < heap.length && this.before(heap[r], heap[smallest])) smallest = r;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
        i = smallest;
      }
    }
    return top;
  }
}

// ---- the simulated organization ----------------------------------------------------------------

interface Size {
  readonly accounts: number;
  readonly sets: number;
  readonly users: number;
  readonly groups: number;
}

/** Seeded, so every run reads the same organization. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INSTANCE = 'arn:aws:sso:::instance/ssoins-bench000000000';
const STORE = 'd-bench00000';
const ROOT = 'r-bn00';

function organizationOf(size: Size) {
  const rng = random(42);
  const topOus = Array.from({ length: 5 }, (_, i) => ({ Id: `ou-bn00-top${String(i).padStart(5, '0')}`, Name: `Top${i}`, parent: ROOT }));
  const childOus = topOus.flatMap((top, i) => Array.from({ length: 4 }, (_, j) => ({ Id: `ou-bn00-c${i}${String(j).padStart(6, '0')}`, Name: `Child${i}-${j}`, parent: top.Id })));
  const ous = [...topOus, ...childOus];
  const accounts = Array.from({ length: size.accounts }, (_, i) => ({
    Id: String(100000000000 + i),
    Name: `Account ${i}`,
    Email: `aws+${i}@bench.example.com`,
    Status: 'ACTIVE',
    parent: i === 0 ? ROOT : childOus[i % childOus.length].Id,
  }));
  const sets = Array.from({ length: size.sets }, (_, i) => `arn:aws:sso:::permissionSet/ssoins-bench000000000/ps-${String(i).padStart(16, '0')}`);
  const users = Array.from({ length: size.users }, (_, i) => ({
    IdentityStoreId: STORE,
    UserId: `user-${i}`,
    UserName: `user${i}@bench.example.com`,
    DisplayName: `User ${i}`,
    Name: { GivenName: 'User', FamilyName: String(i) },
    Emails: [{ Value: `user${i}@bench.example.com`, Type: 'work', Primary: true }],
  }));
  const groups = Array.from({ length: size.groups }, (_, i) => ({ IdentityStoreId: STORE, GroupId: `group-${i}`, DisplayName: `Group ${i}` }));
  const members = new Map(groups.map((group) => [group.GroupId, users.filter(() => rng() < 30 / size.users).map((user) => user.UserId)]));
  // Every set on every account: the worst case, and the brief's "one call per account × set".
  const assignmentsOf = (setIndex: number, accountIndex: number) =>
    Array.from({ length: 1 + ((setIndex + accountIndex) % 3) }, (_, k) => ({ PrincipalType: 'GROUP', PrincipalId: `group-${(setIndex * 7 + accountIndex + k) % size.groups}` }));
  return { ous, accounts, sets, users, groups, members, assignmentsOf };
}

type Organization = ReturnType<typeof organizationOf>;

/** One page of `items`, AWS style: NextToken is the next offset as text. */
function page<T>(items: readonly T[], token: unknown, size: number): { items: T[]; NextToken?: string } {
  const start = typeof token === 'string' ? Number(token) : 0;
  const end = start + size;
  return { items: items.slice(start, end), ...(end < items.length ? { NextToken: String(end) } : {}) };
}

type Answer = (input: Record<string, unknown>) => Record<string, unknown>;

function answers(org: Organization): Record<string, Answer> {
  const setIndex = new Map(org.sets.map((arn, i) => [arn, i]));
  const accountIndex = new Map(org.accounts.map((a, i) => [a.Id, i]));
  return {
    'organizations:DescribeOrganization': () => ({ Organization: { Id: 'o-bench00000', Arn: 'arn:aws:organizations::100000000000:organization/o-bench00000', FeatureSet: 'ALL', MasterAccountId: '100000000000', MasterAccountArn: 'arn:mgmt', MasterAccountEmail: 'aws+0@bench.example.com' } }),
    'organizations:ListRoots': () => ({ Roots: [{ Id: ROOT, Arn: 'arn:root', Name: 'Root', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] }] }),
    'organizations:ListAWSServiceAccessForOrganization': () => ({ EnabledServicePrincipals: [{ ServicePrincipal: 'sso.amazonaws.com' }] }),
    'organizations:ListOrganizationalUnitsForParent': (input) => {
      const { items, NextToken } = page(org.ous.filter((ou) => ou.parent === input.ParentId), input.NextToken, 20);
      return { OrganizationalUnits: items.map((ou) => ({ Id: ou.Id, Arn: `arn:${ou.Id}`, Name: ou.Name })), NextToken };
    },
    'organizations:ListAccountsForParent': (input) => {
      const { items, NextToken } = page(org.accounts.filter((a) => a.parent === input.ParentId), input.NextToken, 20);
      return { Accounts: items.map(({ parent: _parent, ...a }) => ({ ...a, Arn: `arn:${a.Id}` })), NextToken };
    },
    'organizations:ListTagsForResource': () => ({ Tags: [{ Key: 'Owner', Value: 'platform' }] }),
    'organizations:ListPolicies': () => ({ Policies: [{ Id: 'p-FullAWSAccess', Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess', Name: 'FullAWSAccess', AwsManaged: true }] }),
    'organizations:DescribePolicy': (input) => ({ Policy: { PolicySummary: { Id: input.PolicyId }, Content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' } }),
    'organizations:ListTargetsForPolicy': () => ({ Targets: [{ TargetId: ROOT, Arn: 'arn:root', Name: 'Root', Type: 'ROOT' }] }),
    'organizations:ListDelegatedAdministrators': () => ({ DelegatedAdministrators: [{ Id: org.accounts[1]?.Id, Name: 'Audit', Status: 'ACTIVE' }] }),
    'organizations:ListDelegatedServicesForAccount': () => ({ DelegatedServices: [{ ServicePrincipal: 'sso.amazonaws.com' }] }),
    'sso:ListInstances': () => ({ Instances: [{ InstanceArn: INSTANCE, IdentityStoreId: STORE, OwnerAccountId: '100000000000', Status: 'ACTIVE' }] }),
    'sso:DescribeInstanceAccessControlAttributeConfiguration': () => ({ InstanceAccessControlAttributeConfiguration: { AccessControlAttributes: [] } }),
    'sso:ListPermissionSets': (input) => {
      const { items, NextToken } = page(org.sets, input.NextToken, 100);
      return { PermissionSets: items, NextToken };
    },
    'sso:DescribePermissionSet': (input) => ({ PermissionSet: { Name: `Set${setIndex.get(String(input.PermissionSetArn))}`, PermissionSetArn: input.PermissionSetArn, SessionDuration: 'PT1H' } }),
    'sso:ListTagsForResource': () => ({ Tags: [] }),
    'sso:ListManagedPoliciesInPermissionSet': () => ({ AttachedManagedPolicies: [{ Name: 'ReadOnlyAccess', Arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }] }),
    'sso:ListCustomerManagedPolicyReferencesInPermissionSet': () => ({ CustomerManagedPolicyReferences: [] }),
    'sso:GetInlinePolicyForPermissionSet': () => ({ InlinePolicy: '' }),
    'sso:GetPermissionsBoundaryForPermissionSet': () => ({ PermissionsBoundary: { ManagedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' } }),
    'sso:ListAccountsForProvisionedPermissionSet': (input) => {
      const { items, NextToken } = page(org.accounts.map((a) => a.Id), input.NextToken, 100);
      return { AccountIds: items, NextToken };
    },
    'sso:ListAccountAssignments': (input) => ({
      AccountAssignments: org
        .assignmentsOf(setIndex.get(String(input.PermissionSetArn)) ?? 0, accountIndex.get(String(input.AccountId)) ?? 0)
        .map((assignment) => ({ ...assignment, AccountId: input.AccountId, PermissionSetArn: input.PermissionSetArn })),
    }),
    'identitystore:ListUsers': (input) => {
      const { items, NextToken } = page(org.users, input.NextToken, 100);
      return { Users: items, NextToken };
    },
    'identitystore:ListGroups': (input) => {
      const { items, NextToken } = page(org.groups, input.NextToken, 100);
      return { Groups: items, NextToken };
    },
    'identitystore:ListGroupMemberships': (input) => {
      const { items, NextToken } = page(org.members.get(String(input.GroupId)) ?? [], input.NextToken, 100);
      return { GroupMemberships: items.map((userId) => ({ IdentityStoreId: STORE, MembershipId: `m-${String(input.GroupId)}-${userId}`, GroupId: input.GroupId, MemberId: { UserId: userId } })), NextToken };
    },
    'iam:ListAccountAliases': () => ({ AccountAliases: ['bench-management'], IsTruncated: false }),
    'iam:GetAccountPasswordPolicy': () => ({ PasswordPolicy: { MinimumPasswordLength: 14 } }),
    'iam:ListOrganizationsFeatures': () => ({ OrganizationId: 'o-bench00000', EnabledFeatures: ['RootCredentialsManagement'] }),
    'iam:ListGroups': () => ({ Groups: [{ Path: '/', GroupName: 'Administrators', GroupId: 'AGPABENCH', Arn: 'arn:aws:iam::100000000000:group/Administrators', CreateDate: new Date(0) }], IsTruncated: false }),
    'iam:ListAttachedGroupPolicies': () => ({ AttachedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }], IsTruncated: false }),
    'iam:ListGroupPolicies': () => ({ PolicyNames: [], IsTruncated: false }),
    'iam:ListUsers': () => ({ Users: [{ Path: '/', UserName: 'break-glass', UserId: 'AIDABENCH', Arn: 'arn:aws:iam::100000000000:user/break-glass', CreateDate: new Date(0) }], IsTruncated: false }),
    'iam:GetUser': (input) => ({ User: { Path: '/', UserName: input.UserName, UserId: 'AIDABENCH', Arn: `arn:aws:iam::100000000000:user/${String(input.UserName)}`, CreateDate: new Date(0), Tags: [] } }),
    'iam:ListGroupsForUser': () => ({ Groups: [], IsTruncated: false }),
    'iam:ListAttachedUserPolicies': () => ({ AttachedPolicies: [], IsTruncated: false }),
    'iam:ListUserPolicies': () => ({ PolicyNames: [], IsTruncated: false }),
    'iam:GetLoginProfile': (input) => ({ LoginProfile: { UserName: input.UserName, CreateDate: new Date(0) } }),
    'iam:ListAccessKeys': () => ({ AccessKeyMetadata: [], IsTruncated: false }),
    'iam:ListMFADevices': (input) => ({ MFADevices: [{ UserName: input.UserName, SerialNumber: 'arn:aws:iam::100000000000:mfa/bench', EnableDate: new Date(0) }], IsTruncated: false }),
    'account:GetAlternateContact': (input) => ({ AlternateContact: { AlternateContactType: input.AlternateContactType, Name: 'Ops', Title: 'Ops', EmailAddress: 'ops@bench.example.com', PhoneNumber: '+15550000' } }),
  };
}

// ---- the simulated service: latency and the documented rate limits, enforced ------------------

interface ServiceStats {
  throttled: number;
  /** The most requests per quota the service accepted in any one second. */
  readonly peakPerSecond: Map<Quota, number>;
  /** The most requests per quota that arrived in any one second, throttled ones included. */
  readonly peakArrivals: Map<Quota, number>;
}

const NAMESPACES: Readonly<Record<Service, Readonly<Record<string, unknown>>>> = { organizations, sso, identitystore, iam, account };

interface CommandStub {
  on(command: never): { callsFake(fake: (input: Record<string, unknown>) => unknown): unknown };
}

function simulatedClients(org: Organization, clock: VirtualClock, latencySeed: number, limits: Readonly<Record<Quota, number>>): { clients: DiscoveryClients; stats: ServiceStats } {
  const region = 'us-east-1';
  const clients: DiscoveryClients = {
    organizations: new organizations.OrganizationsClient({ region }),
    ssoAdmin: new sso.SSOAdminClient({ region }),
    identityStore: new identitystore.IdentitystoreClient({ region }),
    iam: new iam.IAMClient({ region }),
    account: new account.AccountClient({ region }),
  };
  const stubs: Record<Service, CommandStub> = {
    organizations: mockClient(clients.organizations),
    sso: mockClient(clients.ssoAdmin),
    identitystore: mockClient(clients.identityStore),
    iam: mockClient(clients.iam),
    account: mockClient(clients.account),
  };
  const latency = random(latencySeed);
  const recent = new Map<Quota, number[]>();
  const arrivals = new Map<Quota, number[]>();
  const stats: ServiceStats = { throttled: 0, peakPerSecond: new Map(), peakArrivals: new Map() };
  const respond = answers(org);

  for (const permission of DISCOVERY_PERMISSIONS) {
    const [service, operation] = permission.split(':') as [Service, string];
    const Command = NAMESPACES[service][`${operation}Command`];
    const answer = respond[permission];
    if (typeof Command !== 'function' || !answer) throw new Error(`no simulation for ${permission}`);
    stubs[service].on(Command as never).callsFake(async (input) => {
      const quota = QUOTA_OF[service];
      const now = clock.now();
      // AWS counts requests per second per quota; past the documented rate it throttles.
      const window = (recent.get(quota) ?? []).filter((t) => t > now - 1000);
      const throttle = window.length >= limits[quota];
      if (!throttle) window.push(now);
      recent.set(quota, window);
      stats.peakPerSecond.set(quota, Math.max(stats.peakPerSecond.get(quota) ?? 0, window.length));
      const arrived = [...(arrivals.get(quota) ?? []).filter((t) => t > now - 1000), now];
      arrivals.set(quota, arrived);
      stats.peakArrivals.set(quota, Math.max(stats.peakArrivals.get(quota) ?? 0, arrived.length));
      await clock.sleep(50 + latency() * 100);
      if (throttle) {
        stats.throttled++;
        throw Object.assign(new Error('Rate exceeded'), { name: service === 'organizations' || service === 'account' ? 'TooManyRequestsException' : service === 'iam' ? 'Throttling' : 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
      }
      return answer(input);
    });
  }
  return { clients, stats };
}

// ---- runs -------------------------------------------------------------------------------------

interface RunResult {
  readonly label: string;
  /** The estate, or why discovery gave up (calls still throttled after every retry). */
  readonly outcome: { readonly ok: true; readonly discovery: Discovery } | { readonly ok: false; readonly failure: DiscoveryFailed };
  readonly stats: CallStats;
  readonly simulatedMs: number;
  readonly cpuMs: number;
  /** Peak heap during the run above the heap at its start. */
  readonly peakHeapMb: number;
  readonly service: ServiceStats;
}

async function runOnce(label: string, org: Organization, options: DiscoverOptions, serviceLimits: Readonly<Record<Quota, number>> = DEFAULT_RATE_LIMITS): Promise<RunResult> {
  // With node --expose-gc, start each run from a collected heap so its peak is its own.
  (globalThis as { gc?: () => void }).gc?.();
  const heapAtStart = process.memoryUsage().heapUsed;
  const clock = new VirtualClock();
  const { clients, stats: service } = simulatedClients(org, clock, 7, serviceLimits);
  const started = process.hrtime.bigint();
  let outcome: RunResult['outcome'];
  try {
    outcome = { ok: true, discovery: await clock.run(discover(clients, { ...options, clock, random: random(11) })) };
  } catch (error) {
    if (!(error instanceof DiscoveryFailed)) throw error;
    outcome = { ok: false, failure: error };
  }
  const stats = outcome.ok ? outcome.discovery.stats : outcome.failure.stats;
  if (!stats) throw new Error('discovery failed without call statistics');
  return {
    label,
    outcome,
    stats,
    simulatedMs: clock.now(),
    cpuMs: Number(process.hrtime.bigint() - started) / 1e6,
    peakHeapMb: (clock.peakHeapBytes - heapAtStart) / 2 ** 20,
    service,
  };
}

function failureLines(failure: DiscoveryFailed): string[] {
  const lines = formatProblems(failure.problems);
  const shown = lines.slice(0, 2).map((line) => `    ${line.length > 160 ? `${line.slice(0, 157)}…` : line}`);
  return [`  FAILED, no estate: ${failure.problems.length} calls still throttled after every retry, e.g.`, ...shown, ...(lines.length > 2 ? [`    … and ${lines.length - 2} more`] : [])];
}

const minutes = (ms: number) => `${(ms / 60000).toFixed(1)} min`;

function report(result: RunResult, baseline?: RunResult): string {
  const { stats } = result;
  const peaks = [...result.service.peakArrivals].map(([quota, peak]) => `${quota} ${peak}/s`).join(', ');
  const speedup = baseline ? `  ${(baseline.simulatedMs / result.simulatedMs).toFixed(2)}× sequential` : '';
  return [
    `${result.label}`,
    `  simulated time ${minutes(result.simulatedMs)} (${(result.simulatedMs / 1000).toFixed(0)} s)${speedup}`,
    `  calls ${stats.calls} (ListAccountAssignments ${stats.byPermission.get('sso:ListAccountAssignments') ?? 0}), retries ${stats.retries}, throttled by the service ${result.service.throttled}`,
    `  busiest second per quota (requests arriving, throttled ones included): ${peaks}`,
    `  CPU ${(result.cpuMs / 1000).toFixed(1)} s, peak heap +${result.peakHeapMb.toFixed(0)} MB over the run's start (includes the mock's record of every call)`,
    ...(result.outcome.ok ? [] : failureLines(result.outcome.failure)),
  ].join('\n');
}

const COMMAND: CommandSpec = {
  usage: 'node --expose-gc dist/bench/discovery-bench.js',
  summary: 'Runs discovery of a simulated organization against the mocked SDK on a simulated clock (50–150 ms per call), sequentially, bounded and unbounded, and prints simulated time, calls, throttling and memory.',
  options: {
    accounts: { type: 'string', value: 'N', description: 'accounts (default: 500)' },
    sets: { type: 'string', value: 'N', description: 'permission sets, each on every account (default: 30)' },
    users: { type: 'string', value: 'N', description: 'users (default: 2000)' },
    groups: { type: 'string', value: 'N', description: 'groups (default: 100)' },
    concurrency: { type: 'string', value: 'N', description: 'concurrency of the bounded runs, 1–64 (default: 8)' },
    'adopt-accounts': { type: 'string', value: 'N', description: 'accounts of the estate adopted and synthesized after discovery (default: 300)' },
    'adopt-users': { type: 'string', value: 'N', description: 'users of that estate (default: 3000)' },
    'adopt-sets': { type: 'string', value: 'N', description: 'permission sets of that estate (default: 10)' },
    'save-estate': { type: 'string', value: 'FILE', description: 'write the adoption estate as JSON (the file `npm run adopt -- --estate` reads), e.g. to profile adoption alone' },
    'only-adopt': { type: 'boolean', description: 'skip the four discovery runs: discover the adoption estate and time adoption and synth only' },
  },
  exitCodes: [[0, 'figures printed'], [1, 'the benchmark failed'], [2, 'bad command line']],
};

async function main(): Promise<void> {
  const command = parseCommandLine<Partial<Record<'accounts' | 'sets' | 'users' | 'groups' | 'concurrency' | 'adopt-accounts' | 'adopt-users' | 'adopt-sets' | 'save-estate', string>> & { 'only-adopt'?: boolean }>(COMMAND, process.argv.slice(2));
  if (!command.run) {
    process.exitCode = command.exitCode;
    return;
  }
  const { values } = command;
  const numbers = {
    accounts: wholeNumber(values.accounts, 'accounts', 500, 1, 10000),
    sets: wholeNumber(values.sets, 'sets', 30, 1, 500),
    users: wholeNumber(values.users, 'users', 2000, 0, 100000),
    groups: wholeNumber(values.groups, 'groups', 100, 0, 10000),
    concurrency: wholeNumber(values.concurrency, 'concurrency', 8, 1, 64),
    adoptAccounts: wholeNumber(values['adopt-accounts'], 'adopt-accounts', 300, 1, 10000),
    adoptUsers: wholeNumber(values['adopt-users'], 'adopt-users', 3000, 0, 100000),
    adoptSets: wholeNumber(values['adopt-sets'], 'adopt-sets', 10, 1, 500),
  };
  const bad = Object.values(numbers).find((value): value is string => typeof value === 'string');
  if (bad) {
    process.exitCode = usageError(COMMAND, bad);
    return;
  }
  const size: Size = { accounts: numbers.accounts as number, sets: numbers.sets as number, users: numbers.users as number, groups: numbers.groups as number };
  const concurrency = numbers.concurrency as number;
  const adoptSize: Size = { accounts: numbers.adoptAccounts as number, sets: numbers.adoptSets as number, users: numbers.adoptUsers as number, groups: size.groups };
  if (values['only-adopt']) {
    console.log(await adoptAndSynth(adoptSize, concurrency, values['save-estate']));
    return;
  }
  const org = organizationOf(size);
  console.log(`Discovery benchmark: ${size.accounts} accounts, ${size.sets} permission sets (on every account), ${size.users} users, ${size.groups} groups, 50–150 ms per call.`);
  console.log(`Simulated clock (every run is read in full; the sequential one costs CPU seconds, not its simulated half hour).`);
  console.log(`The simulated service throttles past ${Object.entries(DEFAULT_RATE_LIMITS).map(([q, r]) => `${q} ${r}/s`).join(', ')}: the limits discovery is built for.\n`);

  const sequential = await runOnce('sequential (concurrency 1, documented limits)', org, { concurrency: 1 });
  console.log(report(sequential));
  const bounded = await runOnce(`bounded (concurrency ${concurrency}, documented limits)`, org, { concurrency });
  console.log(report(bounded, sequential));
  const unlimited = await runOnce('unbounded (concurrency 32, no client-side limit)', org, { concurrency: 32, rateLimits: 'none' });
  console.log(report(unlimited, sequential));
  // Hypothetical: an account whose Identity Center quota was raised, told to discovery with rateLimits.
  const raisedLimits = { ...DEFAULT_RATE_LIMITS, identityCenter: 80 };
  const raised = await runOnce(`bounded (concurrency ${concurrency}, hypothetical Identity Center quota of 80/s, rateLimits set to match)`, org, { concurrency, rateLimits: raisedLimits }, raisedLimits);
  console.log(report(raised, sequential));

  const estateOf = (result: RunResult) => (result.outcome.ok ? { ...result.outcome.discovery.estate, discoveredAt: '' } : undefined);
  const same = estateOf(bounded) !== undefined && isDeepStrictEqual(estateOf(bounded), estateOf(sequential));
  console.log(`\nestates read sequentially and concurrently are identical: ${same ? 'yes' : 'NO'}`);
  const floor = (bounded.stats.byPermission.get('sso:ListAccountAssignments') ?? 0) / DEFAULT_RATE_LIMITS.identityCenter;
  console.log(`floor at ${DEFAULT_RATE_LIMITS.identityCenter} Identity Center calls/s: the assignment calls alone need ${minutes(floor * 1000)}; sequential at ~100 ms a call already uses half of that rate.`);

  console.log(`\n${await adoptAndSynth(adoptSize, concurrency, values['save-estate'])}`);
}

/** After discovery: adoption and the synth of what it wrote, timed by the wall clock (this is real CPU work). */
async function adoptAndSynth(size: Size, concurrency: number, saveEstate: string | undefined): Promise<string> {
  const read = await runOnce('adoption estate', organizationOf(size), { concurrency });
  if (!read.outcome.ok) throw new Error('the adoption estate could not be discovered');
  const estate = read.outcome.discovery.estate;
  if (saveEstate) writeFileSync(saveEstate, `${JSON.stringify(estate, null, 2)}\n`);
  const root = mkdtempSync(join(tmpdir(), 'adopt-bench-'));
  try {
    const cpuAtStart = process.cpuUsage();
    const started = process.hrtime.bigint();
    const adoption = adoptEstate(estate, 'bench');
    const adopted = process.hrtime.bigint();
    const written = writeAdoption(adoption, join(root, 'environments'), 'bench', false);
    const [model] = loadEnvironments(dirname(written.environmentFile), ['bench']);
    const [synthesized] = synthesize([model], join(root, 'cdktf.out'));
    const done = process.hrtime.bigint();
    const cpu = process.cpuUsage(cpuAtStart);
    const stacks = synthesized.imports?.stacks ?? [];
    const count = (pick: (stack: (typeof stacks)[number]) => readonly unknown[]) => stacks.reduce((sum, stack) => sum + pick(stack).length, 0);
    const seconds = (from: bigint, to: bigint) => (Number(to - from) / 1e9).toFixed(1);
    const changes = (synthesized.imports?.differences ?? []).filter((difference) => difference.consequence !== 'first-apply').length;
    return [
      `adoption after discovery: ${size.accounts} accounts, ${size.users} users, ${size.groups} groups, ${size.sets} permission sets on every account (${estate.identityCenter.assignments.length} assignments)`,
      `  adopt (config, import map, report) ${seconds(started, adopted)} s; write, load and synth with the import map ${seconds(adopted, done)} s; total ${seconds(started, done)} s wall clock, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU (load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`,
      `  ${count((stack) => stack.imported)} imports, ${count((stack) => stack.withoutEntry)} creations, ${changes} zero-diff differences, ${adoption.notes.length} notes`,
    ].join('\n');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}


main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

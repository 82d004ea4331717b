/**
 * Where account assignments live: in `<env>-identity-center` while that stack stays within
 * identityCenter.maxResourcesPerStack and no shard record exists (every environment of ordinary size,
 * exactly as before), else in `<env>-access-<shard>` stacks, one shard per account, as the shard
 * record (`<env>.shards.json`, config/shard-map.ts) says.
 *
 * Why a record and not a rule: any rule computed from the config (a hash of the account key into N
 * shards, first-fit in file order) moves existing accounts when N grows or when an account earlier in
 * the order gains assignments; a moved account is a cross-state move, so it must be a reviewed change,
 * never a side effect. The record changes only by adding accounts it does not list (first shard with
 * room, in shard order, else a new shard), by forgetting accounts the config no longer has, and by a
 * person's edit.
 */
import { FROM_IDENTITY_CENTER, type ShardRecord } from '../config/shard-map';
import type { AccountModel, AssignmentModel, IdentityCenterModel } from './environment';

export interface AccessShard {
  /** `1`, `2`, … (or a name a person gave it). */
  readonly name: string;
  /** `<env>-access-<name>` */
  readonly stackName: string;
  /** The accounts whose assignments it holds, in the record's order. */
  readonly accounts: readonly AccountModel[];
  readonly assignments: readonly AssignmentModel[];
  /** Assignments of accounts moved here (`moved`): each gets an `import` block. */
  readonly imported: readonly AssignmentModel[];
  /** Assignments of accounts moved away from here: each gets `removed { lifecycle { destroy = false } }`. */
  readonly released: readonly AssignmentModel[];
}

export interface AccountMove {
  readonly account: string;
  /** Stack names. */
  readonly from: string;
  readonly to: string;
  readonly assignments: number;
}

export interface AccessLayout {
  /** `single`: every assignment in `<env>-identity-center`, as before sharding existed. */
  readonly kind: 'single' | 'sharded';
  readonly maxResourcesPerStack: number;
  /** Empty when single. */
  readonly shards: readonly AccessShard[];
  /** Assignments `<env>-identity-center` releases to shards (accounts moved from `identity-center`). */
  readonly releasedFromIdentityCenter: readonly AssignmentModel[];
  readonly moves: readonly AccountMove[];
  /** Where the record is read from and written to. */
  readonly recordFile: string;
  /** The record synth leaves (sharded only). */
  readonly record?: ShardRecord;
  /** Set when synth must write the record: what changed in it. */
  readonly recordChange?: ShardRecordChange;
  /** Accounts the record had and the config no longer has (forgotten): account key → the stack that held their assignments. */
  readonly forgottenIn?: Readonly<Record<string, string>>;
}

export interface ShardRecordChange {
  /** The record did not exist: the environment outgrew one identity-center stack. */
  readonly created: boolean;
  /** Accounts added, with the shard each went to. */
  readonly placed: ReadonlyArray<{ readonly account: string; readonly shard: string }>;
  /** Accounts the config no longer has (their assignments are destroyed with the shard's next apply). */
  readonly forgotten: readonly string[];
  /** Old key → new key, from renames.accounts: the account stays in its shard. */
  readonly renamed: ReadonlyArray<{ readonly from: string; readonly to: string }>;
}

export interface AccessLayoutInput {
  readonly environment: string;
  readonly identityCenter: IdentityCenterModel;
  readonly accounts: readonly AccountModel[];
  readonly maxResourcesPerStack: number;
  readonly record: ShardRecord | undefined;
  readonly recordFile: string;
  /** renames.accounts: old key → new key. */
  readonly renamedAccounts?: Readonly<Record<string, string>>;
}

export function accessLayout(input: AccessLayoutInput): AccessLayout {
  const { environment, identityCenter, accounts, maxResourcesPerStack: max, recordFile } = input;
  const byAccount = new Map<string, AssignmentModel[]>();
  for (const assignment of identityCenter.assignments) {
    const list = byAccount.get(assignment.account.key);
    if (list) list.push(assignment);
    else byAccount.set(assignment.account.key, [assignment]);
  }
  const single: AccessLayout = { kind: 'single', maxResourcesPerStack: max, shards: [], releasedFromIdentityCenter: [], moves: [], recordFile };
  if (!input.record && identityCenterResourceCount(identityCenter) <= max) return single;

  const created = !input.record;
  const known = new Set(accounts.map((account) => account.key));
  const renamed: Array<{ from: string; to: string }> = [];
  const forgotten: string[] = [];
  const forgottenIn: Record<string, string> = {};
  const shards = new Map<string, string[]>();
  const moved = new Map<string, string>();
  for (const [shard, keys] of Object.entries(input.record?.shards ?? {})) {
    const kept: string[] = [];
    for (const key of keys) {
      const renamedTo = input.renamedAccounts?.[key];
      if (renamedTo !== undefined && known.has(renamedTo) && !known.has(key)) {
        renamed.push({ from: key, to: renamedTo });
        kept.push(renamedTo);
      } else if (known.has(key)) {
        kept.push(key);
      } else {
        forgotten.push(key);
        forgottenIn[key] = accessStackName(environment, shard);
      }
    }
    shards.set(shard, kept);
  }
  for (const [key, from] of Object.entries(input.record?.moved ?? {})) {
    const to = renamed.find((rename) => rename.from === key)?.to ?? key;
    if (known.has(to)) moved.set(to, from);
  }

  const placedIn = new Map<string, string>();
  for (const [shard, keys] of shards) for (const key of keys) placedIn.set(key, shard);
  const load = (shard: string) => shards.get(shard)!.reduce((sum, key) => sum + (byAccount.get(key)?.length ?? 0), 0);
  const placed: Array<{ account: string; shard: string }> = [];
  for (const account of accounts) {
    const count = byAccount.get(account.key)?.length ?? 0;
    if (count === 0 || placedIn.has(account.key)) continue;
    let shard = orderedShards(shards).find((name) => load(name) + count <= max);
    if (shard === undefined) {
      shard = nextShardName(shards);
      shards.set(shard, []);
    }
    shards.get(shard)!.push(account.key);
    placedIn.set(account.key, shard);
    placed.push({ account: account.key, shard });
    // Splitting an applied identity-center stack: its assignments move, they are not created twice.
    if (created) moved.set(account.key, FROM_IDENTITY_CENTER);
  }

  const accountOf = new Map(accounts.map((account) => [account.key, account]));
  const stackOf = (shard: string) => (shard === FROM_IDENTITY_CENTER ? `${environment}-identity-center` : accessStackName(environment, shard));
  const moves: AccountMove[] = [];
  const releasedBy = new Map<string, AssignmentModel[]>();
  for (const [key, from] of moved) {
    const assignments = byAccount.get(key) ?? [];
    moves.push({ account: key, from: stackOf(from), to: stackOf(placedIn.get(key)!), assignments: assignments.length });
    releasedBy.set(from, [...(releasedBy.get(from) ?? []), ...assignments]);
  }
  const layoutShards = orderedShards(shards).map((name): AccessShard => {
    const keys = shards.get(name)!;
    return {
      name,
      stackName: accessStackName(environment, name),
      accounts: keys.map((key) => accountOf.get(key)!),
      assignments: keys.flatMap((key) => byAccount.get(key) ?? []),
      imported: keys.filter((key) => moved.has(key)).flatMap((key) => byAccount.get(key) ?? []),
      released: releasedBy.get(name) ?? [],
    };
  });
  const record: ShardRecord = {
    version: 1,
    shards: Object.fromEntries(orderedShards(shards).map((name) => [name, shards.get(name)!])),
    moved: Object.fromEntries(moved),
  };
  const changed = created || placed.length > 0 || forgotten.length > 0 || renamed.length > 0;
  return {
    kind: 'sharded',
    maxResourcesPerStack: max,
    shards: layoutShards,
    releasedFromIdentityCenter: releasedBy.get(FROM_IDENTITY_CENTER) ?? [],
    moves,
    recordFile,
    record,
    ...(changed ? { recordChange: { created, placed, forgotten, renamed } } : {}),
    ...(forgotten.length > 0 ? { forgottenIn } : {}),
  };
}

export const accessStackName = (environment: string, shard: string): string => `${environment}-access-${shard}`;

/** Shards by number, then the named ones by name. */
function orderedShards(shards: ReadonlyMap<string, unknown>): string[] {
  const numeric = (name: string) => (/^\d+$/.test(name) ? Number(name) : undefined);
  return [...shards.keys()].sort((a, b) => {
    const [na, nb] = [numeric(a), numeric(b)];
    if (na !== undefined && nb !== undefined) return na - nb;
    if (na !== undefined) return -1;
    if (nb !== undefined) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

function nextShardName(shards: ReadonlyMap<string, unknown>): string {
  const numbers = [...shards.keys()].filter((name) => /^\d+$/.test(name)).map(Number);
  return String(numbers.length === 0 ? 1 : Math.max(...numbers) + 1);
}

/**
 * Resources `<env>-identity-center` holds with every assignment in it: what decides whether an
 * environment without a shard record is sharded. Mirrors the modules the stack uses
 * (test/model/shards.test.ts compares it with the synthesized stacks).
 */
export function identityCenterResourceCount(ic: IdentityCenterModel, withAssignments = true): number {
  let count = 0;
  for (const set of ic.permissionSets) {
    if (set.kind !== 'managed') continue;
    count += 1 + set.managedPolicyArns.length + set.customerManagedPolicies.length + (set.inlinePolicy === undefined ? 0 : 1) + (set.permissionsBoundary === undefined ? 0 : 1);
  }
  count += ic.users.filter((user) => user.kind === 'managed').length;
  count += ic.groups.filter((group) => group.kind === 'managed').length;
  count += ic.memberships.length;
  count += ic.customerManagedPolicies.reduce((sum, policy) => sum + policy.instances.length, 0);
  count += ic.accessControlAttributes.length > 0 ? 1 : 0;
  // A grant to the accounts an existing organization holds at plan time is one resource with an instance per account (for_each): counted once, as its instances are unknown here.
  count += ic.organizationAssignments.length;
  return count + (withAssignments ? ic.assignments.length : 0);
}

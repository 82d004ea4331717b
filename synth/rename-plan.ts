/**
 * Which import map entry each resource of the config adopts, across every stack of an environment:
 * by address, through the config's `renames:` (declared), or as a rename nobody declared (detected:
 * an object whose identifying arguments match a new address). A detected rename carries every
 * dependent whose address holds the renamed name (memberships, assignments, attachments, child OUs,
 * an account's resources in other stacks) or none of them: moving a group while one of its
 * assignments is planned anew leaves the old assignment in AWS and a second one created, so the
 * rename is declined, with the dependents that could not move, and the plan stays a plain
 * create/unused that the summary explains. Declared and detected renames of the parts of one address
 * (an assignment of a declared group on a detected account) merge into one move from where the map
 * has the object. Pure: addresses and arguments in, decisions out (synth/imports.ts applies them).
 */
import type { ImportEntry } from '../config/import-map';
import type { MovedAddress } from '../model/renames';
import { lookupTable } from '../lib/lookup-table';

/** What a renamed object is: the slots of dependent addresses that carry its name. */
export type RenameKind = 'account' | 'organizationalUnit' | 'serviceControlPolicy' | 'permissionSet' | 'group' | 'user';

/** Resource types whose renames carry dependents, and the arguments that identify one object in AWS. */
export const OBJECT_TYPES: Readonly<Record<string, { readonly kind: RenameKind; readonly identity: readonly string[] }>> = lookupTable({
  aws_organizations_account: { kind: 'account', identity: ['email'] },
  aws_organizations_organizational_unit: { kind: 'organizationalUnit', identity: ['name'] },
  aws_organizations_policy: { kind: 'serviceControlPolicy', identity: ['name'] },
  aws_ssoadmin_permission_set: { kind: 'permissionSet', identity: ['name'] },
  aws_identitystore_group: { kind: 'group', identity: ['display_name'] },
  aws_identitystore_user: { kind: 'user', identity: ['user_name'] },
});

/** Types renamed on their own (no dependent carries their name as an address part): matched by identity once the rest is settled. */
const STANDALONE_IDENTITY: Readonly<Record<string, readonly string[]>> = lookupTable({
  aws_iam_user: ['name'],
  aws_iam_group: ['name'],
});

/**
 * The parts (split at `__`) of a dependent's address and the kind of name each holds. `ouPath` takes
 * the rest of the parts (an OU's path, or `root`); `fixed` is not renamed (a policy's name). Types not
 * listed are an account's resources in the baseline stack: `<account>__<name>` (baselineAddress).
 */
type Slot = RenameKind | 'principal' | 'ouPath' | 'fixed';
const SLOTS: Readonly<Record<string, readonly Slot[]>> = lookupTable({
  aws_organizations_organizational_unit: ['ouPath'],
  aws_organizations_policy_attachment: ['serviceControlPolicy', 'ouPath'],
  aws_identitystore_group_membership: ['group', 'user'],
  aws_ssoadmin_account_assignment: ['principal', 'permissionSet', 'account'],
  aws_ssoadmin_managed_policy_attachment: ['permissionSet', 'fixed'],
  aws_ssoadmin_customer_managed_policy_attachment: ['permissionSet', 'fixed'],
  aws_ssoadmin_permission_set_inline_policy: ['permissionSet'],
  aws_ssoadmin_permissions_boundary_attachment: ['permissionSet'],
  aws_iam_policy: ['account', 'fixed'],
});
/** Single-part addresses of these types carry no account prefix (the management account's resources, the organization). */
const ACCOUNT_PREFIXED_FALLBACK: readonly Slot[] = ['account', 'fixed'];

export interface PlanStack {
  readonly name: string;
  /** Every resource address the config has in this stack. */
  readonly addresses: readonly string[];
  readonly entries: Readonly<Record<string, ImportEntry>>;
  /** The config's renames for this stack (model/renames.ts). */
  readonly explicitMoves: readonly MovedAddress[];
  /** The literal arguments of a resource of the config (references stay `${…}` strings). */
  readonly argumentsOf: (address: string) => Readonly<Record<string, unknown>>;
}

export interface DeclinedRename {
  readonly from: string;
  readonly to: string;
  /** The stack of the renamed object. */
  readonly stack: string;
  /** Each dependent that could not move with it, and why. */
  readonly blockedBy: ReadonlyArray<{ readonly entry: string; readonly target: string; readonly stack: string; readonly reason: string }>;
}

export interface StackPlan {
  readonly stack: string;
  /** Config address → the map entry it imports. */
  readonly imports: ReadonlyMap<string, string>;
  /** Every `moved` block to write: the config's renames (merged where the map has the object elsewhere) and the detected ones. */
  readonly moves: readonly MovedAddress[];
  /** The moves that adopt an entry of the map: what the summary lists as renames. */
  readonly moved: readonly MovedAddress[];
  readonly withoutEntry: readonly string[];
  readonly unusedEntries: readonly string[];
  /** Detected renames not made because a dependent could not move with them. */
  readonly declined: readonly DeclinedRename[];
}

interface Detected {
  readonly id: number;
  readonly stack: string;
  readonly kind: RenameKind;
  readonly from: string;
  readonly to: string;
}

interface Dependent {
  readonly stack: string;
  readonly entry: string;
  readonly target: string;
  /** The detected renames the new address takes a name from. */
  readonly via: ReadonlySet<number>;
}

/** A renamed name: the new name and the detected rename it comes from (undefined: declared in `renames:`). */
type Names = ReadonlyMap<RenameKind, ReadonlyMap<string, { readonly to: string; readonly via?: number }>>;

export function planImports(stacks: readonly PlanStack[]): StackPlan[] {
  const states = stacks.map((stack) => {
    const explicitTo = new Map(stack.explicitMoves.map((move) => [move.to, move.from]));
    const imports = new Map<string, string>();
    for (const address of stack.addresses) {
      const from = explicitTo.get(address);
      const entry = stack.entries[address] ? address : from !== undefined && stack.entries[from] ? from : undefined;
      if (entry !== undefined) imports.set(address, entry);
    }
    return { stack, explicitTo, imports, addresses: new Set(stack.addresses) };
  });
  const unusedOf = (state: (typeof states)[number]) => {
    const used = new Set(state.imports.values());
    return Object.keys(state.stack.entries).filter((address) => !used.has(address));
  };
  const openOf = (state: (typeof states)[number]) => state.stack.addresses.filter((address) => !state.imports.has(address));

  // Objects whose identity (an account's email, a group's display name) matches exactly one new address.
  const detected: Detected[] = [];
  for (const state of states) {
    const open = openOf(state);
    const pairs = unusedOf(state).flatMap((from) => {
      const type = typeOf(from);
      const object = OBJECT_TYPES[type];
      if (!object) return [];
      // An OU found under another parent is no rename of its own: it moves with its parent's rename, or not at all.
      const candidates = open.filter((address) => typeOf(address) === type && (object.kind !== 'organizationalUnit' || parentPart(address) === parentPart(from)));
      const to = identityMatch(state.stack, from, candidates, object.identity);
      return to === undefined ? [] : [{ from, to, kind: object.kind }];
    });
    // One new address claimed by two entries is no rename of either.
    const claims = countBy(pairs.map((pair) => pair.to));
    for (const pair of pairs) if (claims.get(pair.to) === 1) detected.push({ id: detected.length, stack: state.stack.name, ...pair });
  }

  const declaredNames = new Map<RenameKind, Map<string, { to: string; via?: number }>>();
  for (const stack of stacks) {
    for (const move of stack.explicitMoves) {
      const object = OBJECT_TYPES[typeOf(move.from)];
      if (object) mapOf(declaredNames, object.kind).set(nameOf(move.from), { to: nameOf(move.to) });
    }
  }

  // Fixpoint: decline every detected rename one of whose dependents cannot move, until none is left.
  const active = new Set(detected.map((rename) => rename.id));
  const declined = new Map<number, Array<DeclinedRename['blockedBy'][number]>>();
  let dependents: Dependent[] = [];
  for (;;) {
    const names = new Map<RenameKind, Map<string, { to: string; via?: number }>>([...declaredNames].map(([kind, map]) => [kind, new Map(map)]));
    for (const rename of detected) if (active.has(rename.id)) mapOf(names, rename.kind).set(nameOf(rename.from), { to: nameOf(rename.to), via: rename.id });
    const sources = new Set(detected.filter((rename) => active.has(rename.id)).map((rename) => `${rename.stack}\n${rename.from}`));
    const targets = new Set(detected.filter((rename) => active.has(rename.id)).map((rename) => `${rename.stack}\n${rename.to}`));
    dependents = states.flatMap((state) =>
      unusedOf(state).flatMap((entry): Dependent[] => {
        if (sources.has(`${state.stack.name}\n${entry}`)) return [];
        const renamed = renamedAddress(entry, names);
        return renamed && renamed.via.size > 0 ? [{ stack: state.stack.name, entry, ...renamed }] : [];
      }),
    );
    const claims = countBy(dependents.map((dependent) => `${dependent.stack}\n${dependent.target}`));
    const blocked = new Set<number>();
    for (const dependent of dependents) {
      const state = states.find((candidate) => candidate.stack.name === dependent.stack)!;
      const key = `${dependent.stack}\n${dependent.target}`;
      const reason = !state.addresses.has(dependent.target)
        ? 'its new address is not in the config'
        : state.imports.has(dependent.target)
          ? `its new address already adopts ${state.imports.get(dependent.target)}`
          : targets.has(key)
            ? 'its new address is itself the target of a detected rename'
            : claims.get(key)! > 1
              ? 'another entry would move to the same address'
              : undefined;
      if (reason === undefined) continue;
      for (const id of dependent.via) {
        blocked.add(id);
        const list = declined.get(id) ?? [];
        list.push({ entry: dependent.entry, target: dependent.target, stack: dependent.stack, reason });
        declined.set(id, list);
      }
    }
    if (blocked.size === 0) break;
    for (const id of blocked) active.delete(id);
  }

  const moves = new Map(states.map((state) => [state.stack.name, [] as MovedAddress[]]));
  const merged = new Set<string>();
  for (const rename of detected) {
    if (!active.has(rename.id)) continue;
    states.find((state) => state.stack.name === rename.stack)!.imports.set(rename.to, rename.from);
    moves.get(rename.stack)!.push({ from: rename.from, to: rename.to });
  }
  for (const dependent of dependents) {
    const state = states.find((candidate) => candidate.stack.name === dependent.stack)!;
    state.imports.set(dependent.target, dependent.entry);
    moves.get(dependent.stack)!.push({ from: dependent.entry, to: dependent.target });
    // The config's rename of this address started from a name the map does not have: this move replaces it.
    if (state.explicitTo.has(dependent.target)) merged.add(`${dependent.stack}\n${dependent.target}`);
  }

  return states.map((state) => {
    const stackMoves = moves.get(state.stack.name)!;
    // IAM users and groups: renamed on their own, by name, once the account prefixes are settled.
    const open = openOf(state);
    for (const from of unusedOf(state)) {
      const identity = STANDALONE_IDENTITY[typeOf(from)];
      if (!identity) continue;
      const to = identityMatch(state.stack, from, open.filter((address) => typeOf(address) === typeOf(from) && !state.imports.has(address)), identity);
      if (to === undefined || state.explicitTo.has(to)) continue;
      state.imports.set(to, from);
      stackMoves.push({ from, to });
    }
    const declaredKept = state.stack.explicitMoves.filter((move) => !merged.has(`${state.stack.name}\n${move.to}`));
    const entries = state.stack.entries;
    return {
      stack: state.stack.name,
      imports: state.imports,
      moves: [...declaredKept, ...stackMoves],
      moved: [...stackMoves, ...declaredKept.filter((move) => entries[move.from] !== undefined)],
      withoutEntry: openOf(state).sort(),
      unusedEntries: unusedOf(state).sort(),
      declined: detected
        .filter((rename) => rename.stack === state.stack.name && !active.has(rename.id))
        .map((rename) => ({ from: rename.from, to: rename.to, stack: rename.stack, blockedBy: declined.get(rename.id) ?? [] })),
    };
  });
}

/**
 * The address an entry would have under the renamed names, and which detected renames it takes a
 * name from; undefined when no part of it is renamed.
 */
export function renamedAddress(address: string, names: Names): { target: string; via: Set<number> } | undefined {
  const type = typeOf(address);
  const parts = nameOf(address).split('__');
  const slots = SLOTS[type] ?? (parts.length > 1 ? ACCOUNT_PREFIXED_FALLBACK : []);
  const via = new Set<number>();
  let changed = false;
  const out: string[] = [];
  for (let i = 0; i < parts.length && i < slots.length; i++) {
    const slot = slots[i];
    if (slot === 'ouPath') {
      // The rest is an OU's path (or `root`): the longest renamed prefix is put back renamed.
      const rest = parts.slice(i);
      const ous = names.get('organizationalUnit');
      let replaced = false;
      for (let length = rest.length; length > 0 && ous && !replaced; length--) {
        const renamed = ous.get(rest.slice(0, length).join('__'));
        if (!renamed) continue;
        out.push(renamed.to, ...rest.slice(length));
        if (renamed.via !== undefined) via.add(renamed.via);
        changed = replaced = true;
      }
      if (!replaced) out.push(...rest);
      return changed ? { target: `${type}.${out.join('__')}`, via } : undefined;
    }
    const last = i === slots.length - 1;
    const part = last ? parts.slice(i).join('__') : parts[i];
    const principal = slot === 'principal' ? /^(group|user)_(.+)$/.exec(part) : null;
    const kind: RenameKind | undefined = principal ? (principal[1] as RenameKind) : slot === 'principal' || slot === 'fixed' ? undefined : slot;
    const name = principal ? principal[2] : part;
    const renamed = kind === undefined ? undefined : names.get(kind)?.get(name);
    if (renamed === undefined) {
      out.push(part);
      continue;
    }
    changed = true;
    if (renamed.via !== undefined) via.add(renamed.via);
    out.push(principal ? `${principal[1]}_${renamed.to}` : renamed.to);
  }
  return changed ? { target: `${type}.${out.join('__')}`, via } : undefined;
}

function identityMatch(stack: PlanStack, from: string, candidates: readonly string[], identity: readonly string[]): string | undefined {
  const observed = stack.entries[from].observed;
  if (identity.some((argument) => observed[argument] === undefined)) return undefined;
  const matches = candidates.filter((candidate) => {
    const args = stack.argumentsOf(candidate);
    return identity.every((argument) => args[argument] === observed[argument]);
  });
  return matches.length === 1 ? matches[0] : undefined;
}

/** `workloads` for `aws_organizations_organizational_unit.workloads__prod`: the parent's path as an address. */
function parentPart(address: string): string {
  return nameOf(address).split('__').slice(0, -1).join('__');
}

export function typeOf(address: string): string {
  return address.slice(0, address.indexOf('.'));
}

export function nameOf(address: string): string {
  return address.slice(address.indexOf('.') + 1);
}

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

function mapOf<K, V>(maps: Map<RenameKind, Map<K, V>>, kind: RenameKind): Map<K, V> {
  let map = maps.get(kind);
  if (!map) maps.set(kind, (map = new Map()));
  return map;
}

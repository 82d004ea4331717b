/**
 * Import blocks from the import map: every resource that exists in AWS gets `import { to, id }`
 * (cdktf's importFrom), so the first plan adopts it instead of creating a second one. Which entry
 * each resource adopts, and which renames become `moved` blocks, is decided in synth/rename-plan.ts;
 * likely renames nobody declared are named in synth/rename-hints.ts.
 */
import type { ImportEntry, ImportMap } from '../config/import-map';
import { TerraformResource, type TerraformStack } from '../lib/cdktf';
import type { MovedAddress } from '../model/renames';
import { renameHints, type AmbiguousRename, type HintContext, type RenameHint } from './rename-hints';
import { planImports, type DeclinedRename, type PlanStack, type StackPlan } from './rename-plan';

export type { AmbiguousRename, DeclinedRename, RenameHint };

/**
 * `import { provider, id, to }` as cdktf's importFrom writes it. Written here at the stack's root
 * instead, because importFrom also adds a validation per resource that runs `terraform version` in a
 * child process at synth: 10,000 imports were 10,000 processes (about 160 ms each), and synth failed
 * where no Terraform binary is installed. Terraform itself refuses an import block before 1.5.
 */
interface ImportBlock {
  readonly provider?: string;
  readonly id: string;
  readonly to: string;
}

export interface StackImports {
  readonly stack: string;
  /** Addresses that get an import block. */
  readonly imported: readonly string[];
  /** Resources in the config with no entry in the map: the first plan creates them. */
  readonly withoutEntry: readonly string[];
  /** Map entries nothing in the config uses (after renames): not managed by this config. */
  readonly unusedEntries: readonly string[];
  /** Renames that adopt an entry: `from` (map) → `to` (config), declared and detected. */
  readonly moved: ReadonlyArray<{ readonly from: string; readonly to: string }>;
  /** Detected renames not made, because a dependent could not move with the object. */
  readonly declinedRenames: readonly DeclinedRename[];
  /** Likely renames nothing declared: the entry that would turn these creations into moves. */
  readonly renameHints: readonly RenameHint[];
  /** Objects gone and new that pair in more than one way: named so a person decides. */
  readonly ambiguousRenames: readonly AmbiguousRename[];
  /**
   * The map entries `imported` adopts, by entry address: the stack's own, or, for a stack that holds
   * assignments, those of identity-center and every access stack (applyImports).
   */
  readonly entries: Readonly<Record<string, ImportEntry>>;
}

/** Every resource of a stack by Terraform address. */
export function resourcesOf(stack: TerraformStack): Map<string, TerraformResource> {
  const resources = new Map<string, TerraformResource>();
  for (const child of stack.node.findAll()) {
    if (child instanceof TerraformResource) resources.set(`${child.terraformResourceType}.${child.friendlyUniqueId}`, child);
  }
  return resources;
}

/** One stack of the environment, built, before its import and moved blocks are written. */
export interface ImportStack {
  readonly stack: TerraformStack;
  readonly resources: ReadonlyMap<string, TerraformResource>;
  readonly explicitMoves: readonly MovedAddress[];
  /**
   * The stacks that share the environment's account assignments: `<env>-identity-center` and every
   * `<env>-access-<shard>` (model/shards.ts). Their map entries are resolved together (below).
   */
  readonly holdsAssignments?: boolean;
  /**
   * Address names of accounts this access stack held and the config no longer has under that key
   * (the shard record forgot them): a detected rename of one may put its assignments in another shard.
   */
  readonly formerAccounts?: readonly string[];
}

/**
 * Decides, for every stack of one environment at once (an account renamed in the organization stack
 * moves its assignments in identity-center), which entry each resource adopts and which `moved`
 * blocks carry renames; then writes the import and moved blocks. `explicitMoves` are the config's
 * renames per stack (not applied yet: a detected rename of another part of the same address merges
 * into them, and Terraform takes one move per address). Without a map, only the config's renames.
 *
 * The entries of the stacks that hold assignments are resolved together, as if those stacks
 * were one (assignmentPool). Why here and not in adoption: which stack holds an assignment is synth's decision (the
 * shard record is created by the first synth that finds identity-center too large, and changes as
 * accounts are added or moved), while the map says what exists in AWS and is written once by
 * discovery, under `<env>-identity-center`. A map written before the environment outgrew one stack, a
 * map written by a discovery that knows nothing of shards, and a map edited after an account moved
 * between shards all name the same assignment by the same address; so an entry is adopted by
 * whichever of these stacks the layout puts its address in (renames included: a group renamed in
 * identity-center moves its assignments in the shards), and counted unused only if none adopts it.
 */
export function applyImports(stacks: readonly ImportStack[], map: ImportMap | undefined, context: HintContext): StackImports[] | undefined {
  if (!map) {
    for (const { resources, explicitMoves } of stacks) applyMoves(resources, explicitMoves);
    return undefined;
  }
  const literal = new Map<string, Record<string, unknown>>();
  const input: PlanStack[] = stacks.map(({ stack, resources, explicitMoves }) => ({
    name: stack.node.id,
    addresses: [...resources.keys()],
    entries: map.stacks[stack.node.id] ?? {},
    explicitMoves,
    argumentsOf: (address) => {
      const key = `${stack.node.id}\n${address}`;
      let args = literal.get(key);
      if (!args) literal.set(key, (args = literalArguments(resources.get(address)!)));
      return args;
    },
  }));
  const pooled = stacks.flatMap((stack, index) => (stack.holdsAssignments ? [index] : []));
  const pool = pooled.length > 1 ? assignmentPool(pooled.map((index) => input[index]), new Map(pooled.map((index) => [input[index].name, new Set(stacks[index].formerAccounts ?? [])]))) : undefined;
  const planned = pool ? [...input.filter((_, index) => !pooled.includes(index)), pool.stack] : input;
  const plans = planImports(planned);
  const { hints, ambiguous } = renameHints(planned, plans, context);
  const planOf = new Map(plans.map((plan) => [plan.stack, plan]));
  const byStack = new Map<string, { plan: StackPlan; entries: Readonly<Record<string, ImportEntry>> }>();
  for (const stack of input) {
    const plan = planOf.get(stack.name);
    if (plan) byStack.set(stack.name, { plan, entries: stack.entries });
  }
  if (pool) for (const [name, plan] of pool.split(planOf.get(pool.stack.name)!)) byStack.set(name, { plan, entries: pool.stack.entries });
  const owner = (address: string) => (pool ? pool.ownerOf(address) : undefined);
  return stacks.map(({ stack, resources }) => {
    const { plan, entries } = byStack.get(stack.node.id)!;
    applyMoves(resources, plan.moves);
    const blocks: ImportBlock[] = [...plan.imports].map(([address, entry]) => {
      const resource = resources.get(address)!;
      // A moved entry is imported too: a no-op once the moved object is in state, an adoption if it never was.
      return { ...(resource.provider ? { provider: resource.provider.fqn } : {}), id: entries[entry].id, to: address };
    });
    if (blocks.length > 0) stack.addOverride('import', blocks);
    const released = pool?.releasedBy(stack.node.id, plan) ?? [];
    if (released.length > 0) stack.addOverride('removed', released.map((from) => ({ from, lifecycle: { destroy: false } })));
    const here = (found: { stack: string; to: string }) => (owner(found.to) ?? found.stack) === plan.stack;
    return {
      stack: plan.stack,
      imported: [...plan.imports.keys()].sort(),
      withoutEntry: plan.withoutEntry,
      unusedEntries: plan.unusedEntries,
      moved: plan.moved,
      declinedRenames: plan.declined,
      renameHints: hints.filter(here),
      ambiguousRenames: ambiguous.filter((found) => (pool && found.stack === pool.stack.name ? stack.node.id === pool.stack.name : found.stack === plan.stack)),
      entries,
    };
  });
}

interface AssignmentPool {
  /** One stack of every address and entry of the pooled stacks, named as the first of them (identity-center). */
  readonly stack: PlanStack;
  /** The pooled stack that has `address` in the config. */
  ownerOf(address: string): string | undefined;
  /** The pool's plan, as each pooled stack's own. */
  split(plan: StackPlan): Map<string, StackPlan>;
  /**
   * Entries the map has under `stack` that another pooled stack adopts under another address (a
   * rename in the same synth as a split or a move between shards): `removed { destroy = false }`
   * here, so a state that holds the object at the old address forgets it instead of destroying it.
   * (The same address is released by the shard layout itself: stacks/access-stack.ts.) Also the
   * entries of accounts this stack held and the record forgot (an account renamed without
   * `renames.accounts`, detected by its email) when another stack adopts them: this state holds them
   * since the last apply. A no-op where the state never held them.
   */
  releasedBy(stack: string, plan: StackPlan): string[];
}

/** The account part of an assignment address (`<principal>__<set>__<account>`), which no other part contains. */
const accountPartOf = (address: string) => (address.startsWith('aws_ssoadmin_account_assignment.') ? address.slice(address.lastIndexOf('__') + 2) : undefined);

function assignmentPool(stacks: readonly PlanStack[], formerAccounts: ReadonlyMap<string, ReadonlySet<string>>): AssignmentPool {
  const owners = new Map<string, PlanStack>();
  for (const stack of stacks) for (const address of stack.addresses) owners.set(address, stack);
  // Where the map has each entry: the stack that holds its address now wins over another copy.
  const origin = new Map<string, string>();
  const entries: Record<string, ImportEntry> = {};
  for (const stack of stacks) {
    for (const [address, entry] of Object.entries(stack.entries)) {
      const held = owners.get(address)?.name === stack.name;
      if (origin.has(address) && !held) continue;
      origin.set(address, stack.name);
      entries[address] = entry;
    }
  }
  const seenMoves = new Set<string>();
  const explicitMoves = stacks.flatMap((stack) => stack.explicitMoves).filter((move) => {
    const key = `${move.from}\n${move.to}`;
    return !seenMoves.has(key) && Boolean(seenMoves.add(key));
  });
  const name = stacks[0].name;
  const stack: PlanStack = {
    name,
    addresses: stacks.flatMap((candidate) => candidate.addresses),
    entries,
    explicitMoves,
    argumentsOf: (address) => owners.get(address)!.argumentsOf(address),
  };
  const ownerOf = (address: string) => owners.get(address)?.name;
  const adopted = new Map<string, Map<string, string>>();
  const renamedImports: Array<[entry: string, address: string]> = [];
  return {
    stack,
    ownerOf,
    split(plan) {
      const of = (address: string) => ownerOf(address) ?? name;
      const parts = new Map(stacks.map((candidate): [string, { imports: Map<string, string> } & Omit<StackPlan, 'imports'>] => [
        candidate.name,
        { stack: candidate.name, imports: new Map(), moves: [], moved: [], withoutEntry: [], unusedEntries: [], declined: [] },
      ]));
      for (const [address, entry] of plan.imports) {
        parts.get(of(address))!.imports.set(address, entry);
        if (entry !== address) renamedImports.push([entry, address]);
        if (of(address) !== origin.get(entry)) {
          const list = adopted.get(origin.get(entry)!) ?? new Map<string, string>();
          list.set(entry, address);
          adopted.set(origin.get(entry)!, list);
        }
      }
      // Only the stack whose config has a move's target writes it: Terraform refuses a moved block to an address the configuration lacks.
      for (const move of plan.moves) (parts.get(of(move.to))!.moves as MovedAddress[]).push(move);
      for (const move of plan.moved) (parts.get(of(move.to))!.moved as MovedAddress[]).push(move);
      for (const address of plan.withoutEntry) (parts.get(of(address))!.withoutEntry as string[]).push(address);
      for (const entry of plan.unusedEntries) (parts.get(origin.get(entry) ?? name)!.unusedEntries as string[]).push(entry);
      (parts.get(name)!.declined as DeclinedRename[]).push(...plan.declined.map((rename) => ({ ...rename, blockedBy: rename.blockedBy.map((blocked) => ({ ...blocked, stack: ownerOf(blocked.target) ?? origin.get(blocked.entry) ?? blocked.stack })) })));
      return parts as Map<string, StackPlan>;
    },
    releasedBy(stackName) {
      const fromMap = [...(adopted.get(stackName) ?? [])].filter(([entry, address]) => entry !== address && ownerOf(entry) !== stackName).map(([entry]) => entry);
      const former = formerAccounts.get(stackName);
      const fromRecord = former && former.size > 0 ? renamedImports.filter(([entry, address]) => ownerOf(address) !== stackName && ownerOf(entry) !== stackName && former.has(accountPartOf(entry) ?? '')).map(([entry]) => entry) : [];
      return [...new Set([...fromMap, ...fromRecord])].sort();
    },
  };
}

/** `moved` blocks: each resource moved from its old address. */
function applyMoves(resources: ReadonlyMap<string, TerraformResource>, moves: readonly MovedAddress[]): void {
  for (const move of moves) resources.get(move.to)?.moveFromId(move.from);
}

/** A resource's literal arguments (references stay unresolved tokens). */
function literalArguments(resource: TerraformResource): Record<string, unknown> {
  const rendered = resource.toTerraform() as { resource: Record<string, Record<string, Record<string, unknown>>> };
  return Object.values(Object.values(rendered.resource)[0])[0];
}

/**
 * Import blocks from the import map: every resource that exists in AWS gets `import { to, id }`
 * (cdktf's importFrom), so the first plan adopts it instead of creating a second one. Which entry
 * each resource adopts, and which renames become `moved` blocks, is decided in synth/rename-plan.ts;
 * likely renames nobody declared are named in synth/rename-hints.ts.
 */
import type { ImportMap } from '../config/import-map';
import { TerraformResource, type TerraformStack } from '../lib/cdktf';
import type { MovedAddress } from '../model/renames';
import { renameHints, type AmbiguousRename, type HintContext, type RenameHint } from './rename-hints';
import { planImports, type DeclinedRename, type PlanStack } from './rename-plan';

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
}

/** Every resource of a stack by Terraform address. */
export function resourcesOf(stack: TerraformStack): Map<string, TerraformResource> {
  const resources = new Map<string, TerraformResource>();
  for (const child of stack.node.findAll()) {
    if (child instanceof TerraformResource) resources.set(`${child.terraformResourceType}.${child.friendlyUniqueId}`, child);
  }
  return resources;
}

/**
 * Decides, for every stack of one environment at once (an account renamed in the organization stack
 * moves its assignments in identity-center), which entry each resource adopts and which `moved`
 * blocks carry renames; then writes the import and moved blocks. `explicitMoves` are the config's
 * renames per stack (not applied yet: a detected rename of another part of the same address merges
 * into them, and Terraform takes one move per address). Without a map, only the config's renames.
 */
export function applyImports(
  stacks: ReadonlyArray<{ readonly stack: TerraformStack; readonly resources: ReadonlyMap<string, TerraformResource>; readonly explicitMoves: readonly MovedAddress[] }>,
  map: ImportMap | undefined,
  context: HintContext,
): StackImports[] | undefined {
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
  const plans = planImports(input);
  const { hints, ambiguous } = renameHints(input, plans, context);
  return plans.map((plan, index) => {
    const { stack, resources } = stacks[index];
    applyMoves(resources, plan.moves);
    const entries = input[index].entries;
    const blocks: ImportBlock[] = [...plan.imports].map(([address, entry]) => {
      const resource = resources.get(address)!;
      // A moved entry is imported too: a no-op once the moved object is in state, an adoption if it never was.
      return { ...(resource.provider ? { provider: resource.provider.fqn } : {}), id: entries[entry].id, to: address };
    });
    if (blocks.length > 0) stack.addOverride('import', blocks);
    return {
      stack: plan.stack,
      imported: [...plan.imports.keys()].sort(),
      withoutEntry: plan.withoutEntry,
      unusedEntries: plan.unusedEntries,
      moved: plan.moved,
      declinedRenames: plan.declined,
      renameHints: hints.filter((hint) => hint.stack === plan.stack),
      ambiguousRenames: ambiguous.filter((found) => found.stack === plan.stack),
    };
  });
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

/**
 * Import blocks from the import map: every resource that exists in AWS gets `import { to, id }`
 * (cdktf's importFrom), so the first plan adopts it instead of creating a second one. A map entry
 * whose address the config no longer has, while a new address of the same type has the same
 * identifying arguments, is a rename: it gets a `moved` block instead of a destroy and a create.
 */
import type { ImportEntry } from '../config/import-map';
import { TerraformResource, type TerraformStack } from '../lib/cdktf';
import type { MovedAddress } from '../model/renames';

/** Arguments that identify an existing object of a type: equal values mean the same object under a new address. */
const IDENTITY_ARGUMENTS: Readonly<Record<string, readonly string[]>> = {
  aws_organizations_account: ['email'],
  aws_organizations_organizational_unit: ['name'],
  aws_organizations_policy: ['name'],
  aws_ssoadmin_permission_set: ['name'],
  aws_identitystore_user: ['user_name'],
  aws_identitystore_group: ['display_name'],
  aws_iam_user: ['name'],
  aws_iam_group: ['name'],
  aws_iam_policy: ['name'],
};

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
  /** Renames detected: `from` (map) → `to` (config). */
  readonly moved: ReadonlyArray<{ readonly from: string; readonly to: string }>;
  /**
   * Names detected as renamed in this stack (old address name → new), carried to the stacks after
   * it: an account renamed in the organization stack moves its assignments in identity-center.
   */
  readonly renamedNames: ReadonlyMap<string, string>;
  /** Likely renames nothing declared: the `renames:` entry that would turn these creations into moves. */
  readonly renameHints: readonly RenameHint[];
}

export interface RenameHint {
  /** The entry to add, e.g. `renames: { groups: { "Platform Admins": "Platform Engineers" } }`. */
  readonly entry: string;
  readonly from: string;
  readonly to: string;
  /** Creations (and unused entries) besides the object itself that the entry would also turn into moves. */
  readonly dependents: number;
}

/** Which `renames:` section renames a type, and the argument that holds the name written there. */
const RENAME_SECTIONS: Readonly<Record<string, { readonly section: string; readonly name: string }>> = {
  aws_identitystore_group: { section: 'groups', name: 'display_name' },
  aws_identitystore_user: { section: 'users', name: 'user_name' },
  aws_iam_user: { section: 'iamUsers', name: 'name' },
  aws_iam_group: { section: 'iamGroups', name: 'name' },
  aws_organizations_policy: { section: 'serviceControlPolicies', name: 'name' },
  // Account keys: the address is the key made safe, which is what adoption writes.
  aws_organizations_account: { section: 'accounts', name: '' },
};

/** Every resource of a stack by Terraform address. */
export function resourcesOf(stack: TerraformStack): Map<string, TerraformResource> {
  const resources = new Map<string, TerraformResource>();
  for (const child of stack.node.findAll()) {
    if (child instanceof TerraformResource) resources.set(`${child.terraformResourceType}.${child.friendlyUniqueId}`, child);
  }
  return resources;
}

/** `moved` blocks for the config's renames. */
export function applyMoves(resources: ReadonlyMap<string, TerraformResource>, moves: readonly MovedAddress[]): void {
  for (const move of moves) resources.get(move.to)?.moveFromId(move.from);
}

/**
 * Import blocks (and detected renames) for one stack. `explicitMoves` are the config's renames,
 * already applied: an entry under a resource's old address serves the renamed resource.
 */
export function applyImports(
  stack: TerraformStack,
  resources: ReadonlyMap<string, TerraformResource>,
  entries: Readonly<Record<string, ImportEntry>>,
  explicitMoves: readonly MovedAddress[] = [],
  carriedNames: ReadonlyMap<string, string> = new Map(),
): StackImports {
  const blocks: ImportBlock[] = [];
  const importInto = (address: string, resource: TerraformResource, id: string) =>
    blocks.push({ ...(resource.provider ? { provider: resource.provider.fqn } : {}), id, to: address });
  const movedFrom = new Map(explicitMoves.map((move) => [move.to, move.from]));
  const usedEntries = new Set<string>();
  const imported: string[] = [];
  const withoutEntry: string[] = [];
  for (const [address, resource] of resources) {
    const entryAddress = entries[address] ? address : movedFrom.get(address);
    const entry = entryAddress === undefined ? undefined : entries[entryAddress];
    if (entry) {
      usedEntries.add(entryAddress!);
      importInto(address, resource, entry.id);
      imported.push(address);
    } else {
      withoutEntry.push(address);
    }
  }
  const moved: Array<{ from: string; to: string }> = [];
  const unusedEntries: string[] = [];
  for (const [address, entry] of Object.entries(entries)) {
    if (usedEntries.has(address)) continue;
    const target = renameTarget(address, entry, withoutEntry, resources);
    if (target === undefined) {
      unusedEntries.push(address);
      continue;
    }
    const resource = resources.get(target)!;
    resource.moveFromId(address);
    // Imported too: a no-op once the moved object is in state, an adoption if it never was.
    importInto(target, resource, entry.id);
    withoutEntry.splice(withoutEntry.indexOf(target), 1);
    imported.push(target);
    moved.push({ from: address, to: target });
  }
  // A detected rename carries its dependents, whose addresses hold the renamed name as one part
  // (`group_platform_admins__admin__prod`): each moves where the renamed address exists in the
  // config, so the object does not move while its memberships and assignments are created anew.
  const renamedNames = new Map(carriedNames);
  for (const move of [...moved, ...explicitMoves]) renamedNames.set(move.from.split('.')[1], move.to.split('.')[1]);
  for (const address of [...unusedEntries]) {
    const target = renamedAddress(address, renamedNames);
    // A target the config's renames already move (from an address the map does not have) keeps that move.
    if (target === undefined || !withoutEntry.includes(target) || movedFrom.has(target)) continue;
    const resource = resources.get(target)!;
    resource.moveFromId(address);
    importInto(target, resource, entries[address].id);
    withoutEntry.splice(withoutEntry.indexOf(target), 1);
    unusedEntries.splice(unusedEntries.indexOf(address), 1);
    imported.push(target);
    moved.push({ from: address, to: target });
  }
  for (const move of explicitMoves) if (usedEntries.has(move.from)) moved.push(move);
  if (blocks.length > 0) stack.addOverride('import', blocks);
  return {
    stack: stack.node.id,
    imported: imported.sort(),
    withoutEntry: withoutEntry.sort(),
    unusedEntries: unusedEntries.sort(),
    moved,
    renamedNames,
    renameHints: renameHints(entries, unusedEntries, withoutEntry, resources, renamedNames),
  };
}

/** `aws_ssoadmin_account_assignment.group_old__admin__prod` with old → new: the same address with the new name, or undefined. */
function renamedAddress(address: string, names: ReadonlyMap<string, string>): string | undefined {
  if (names.size === 0) return undefined;
  const [type, name] = address.split('.');
  let changed = false;
  const parts = name.split('__').map((part) => {
    const principal = /^(group|user)_(.+)$/.exec(part);
    const renamed = names.get(part) ?? (principal && names.has(principal[2]) ? `${principal[1]}_${names.get(principal[2])}` : undefined);
    if (renamed === undefined) return part;
    changed = true;
    return renamed;
  });
  return changed ? `${type}.${parts.join('__')}` : undefined;
}

/**
 * One unused entry and one creation of a renamable type, nothing else of that type unmatched: most
 * likely one object renamed without a `renames:` entry. Says which entry would move it, and how many
 * creations of its dependents would turn into moves with it.
 */
function renameHints(
  entries: Readonly<Record<string, ImportEntry>>,
  unused: readonly string[],
  created: readonly string[],
  resources: ReadonlyMap<string, TerraformResource>,
  renamed: ReadonlyMap<string, string>,
): RenameHint[] {
  const hints: RenameHint[] = [];
  for (const [type, { section, name }] of Object.entries(RENAME_SECTIONS)) {
    const gone = unused.filter((address) => address.startsWith(`${type}.`));
    const added = created.filter((address) => address.startsWith(`${type}.`));
    if (gone.length !== 1 || added.length !== 1) continue;
    const [from, to] = [gone[0], added[0]];
    const oldName = name ? entries[from].observed[name] : from.split('.')[1];
    const newName = name ? literalArguments(resources.get(to)!)[name] : to.split('.')[1];
    if (typeof oldName !== 'string' || typeof newName !== 'string') continue;
    const names = new Map([...renamed, [from.split('.')[1], to.split('.')[1]]]);
    const dependents = unused.filter((address) => address !== from && created.includes(renamedAddress(address, names) ?? '')).length;
    hints.push({ entry: `renames: { ${section}: { ${JSON.stringify(oldName)}: ${JSON.stringify(newName)} } }`, from, to, dependents });
  }
  return hints;
}

function renameTarget(address: string, entry: ImportEntry, candidates: readonly string[], resources: ReadonlyMap<string, TerraformResource>): string | undefined {
  const type = address.split('.')[0];
  const identity = IDENTITY_ARGUMENTS[type];
  if (!identity || identity.some((argument) => entry.observed[argument] === undefined)) return undefined;
  const matches = candidates.filter((candidate) => {
    if (!candidate.startsWith(`${type}.`)) return false;
    const args = literalArguments(resources.get(candidate)!);
    return identity.every((argument) => args[argument] === entry.observed[argument]);
  });
  return matches.length === 1 ? matches[0] : undefined;
}

function literalArguments(resource: TerraformResource): Record<string, unknown> {
  const rendered = resource.toTerraform() as { resource: Record<string, Record<string, Record<string, unknown>>> };
  return Object.values(Object.values(rendered.resource)[0])[0];
}

/**
 * Likely renames nobody declared: an object the map has that the config no longer uses, and an
 * object of the same type the config creates, with the same content — the same members, the same
 * assignments, the same policies, the same accounts and child OUs. Each pair that is unambiguous (each
 * is the other's only best match) gets the YAML that turns the creations into moves, the file and the
 * line to put it; an object with several equally good matches is named with all of them, so a
 * person decides. Pure: addresses, entries and arguments in, hints out.
 */
import { stringify } from 'yaml';
import type { ConfigDefinitions } from '../config/definitions';
import { addressName } from '../model/address';
import { nameOf, renamedAddress, typeOf, type PlanStack, type RenameKind, type StackPlan } from './rename-plan';
import { lookupTable } from '../lib/lookup-table';

export interface RenameHint {
  readonly stack: string;
  readonly from: string;
  readonly to: string;
  /** The entry on one line, e.g. `renames: { groups: { "Platform Admins": "Platform Engineers" } }`. */
  readonly entry: string;
  /** The YAML to add to the file, as a block. */
  readonly yaml: string;
  readonly file: string;
  /** The line of the new object's definition (where `renames:` goes: `renamesLine`, when the file has one). */
  readonly line?: number;
  readonly renamesLine?: number;
  /** What the two have in common: `same members, same assignments`. */
  readonly because: string;
  /** Creations (and unused entries) besides the object itself that the entry would also turn into moves. */
  readonly dependents: number;
}

/** Objects gone and new with more than one equally good pairing: no hint can pick one. */
export interface AmbiguousRename {
  readonly stack: string;
  /** Objects the map has that the config no longer uses. */
  readonly gone: readonly string[];
  /** New objects of the config, each an equally good match. */
  readonly added: readonly string[];
  readonly because: string;
}

export interface HintContext {
  readonly file: string;
  readonly definitions?: ConfigDefinitions;
  /** The OU address each account of the config is in (accounts under the root are absent). */
  readonly accountOus?: ReadonlyMap<string, string>;
}

/** Which `renames:` section renames a type, the argument that holds its AWS name, and what kind of name its dependents carry. */
const SECTIONS: Readonly<Record<string, { readonly section: string; readonly name?: string; readonly kind?: RenameKind }>> = lookupTable({
  aws_organizations_account: { section: 'accounts', kind: 'account' },
  aws_organizations_organizational_unit: { section: 'organizationalUnits', kind: 'organizationalUnit' },
  aws_organizations_policy: { section: 'serviceControlPolicies', name: 'name', kind: 'serviceControlPolicy' },
  // No renames: section: AWS cannot rename a permission set (name forces a new one,
  // internal/service/ssoadmin/permission_set.go); keeping its name moves it (detected by name).
  aws_ssoadmin_permission_set: { section: '', name: 'name', kind: 'permissionSet' },
  aws_identitystore_group: { section: 'groups', name: 'display_name', kind: 'group' },
  aws_identitystore_user: { section: 'users', name: 'user_name', kind: 'user' },
  aws_iam_user: { section: 'iamUsers', name: 'name' },
  aws_iam_group: { section: 'iamGroups', name: 'name' },
});

/** Dependent types, and the slot (by position) holding each kind's name: what "content" of an object is compared. */
const CONTENT_SLOTS: ReadonlyArray<{ readonly type: string; readonly kind: RenameKind; readonly position: number; readonly what: string }> = [
  { type: 'aws_identitystore_group_membership', kind: 'group', position: 0, what: 'members' },
  { type: 'aws_identitystore_group_membership', kind: 'user', position: 1, what: 'groups' },
  { type: 'aws_ssoadmin_account_assignment', kind: 'group', position: 0, what: 'assignments' },
  { type: 'aws_ssoadmin_account_assignment', kind: 'user', position: 0, what: 'assignments' },
  { type: 'aws_ssoadmin_account_assignment', kind: 'permissionSet', position: 1, what: 'assignments' },
  { type: 'aws_ssoadmin_account_assignment', kind: 'account', position: 2, what: 'assignments' },
  { type: 'aws_ssoadmin_managed_policy_attachment', kind: 'permissionSet', position: 0, what: 'policies' },
  { type: 'aws_ssoadmin_customer_managed_policy_attachment', kind: 'permissionSet', position: 0, what: 'policies' },
  { type: 'aws_ssoadmin_permission_set_inline_policy', kind: 'permissionSet', position: 0, what: 'inline policy' },
  { type: 'aws_ssoadmin_permissions_boundary_attachment', kind: 'permissionSet', position: 0, what: 'permissions boundary' },
  { type: 'aws_organizations_policy_attachment', kind: 'serviceControlPolicy', position: 0, what: 'targets' },
  { type: 'aws_organizations_policy_attachment', kind: 'organizationalUnit', position: 1, what: 'policies' },
  { type: 'aws_organizations_organizational_unit', kind: 'organizationalUnit', position: 0, what: 'child OUs' },
];

export function renameHints(stacks: readonly PlanStack[], plans: readonly StackPlan[], context: HintContext): { hints: RenameHint[]; ambiguous: AmbiguousRename[] } {
  const hints: RenameHint[] = [];
  const ambiguous: AmbiguousRename[] = [];
  const ouIds = new Map<string, string>();
  for (const stack of stacks) {
    for (const [address, entry] of Object.entries(stack.entries)) if (typeOf(address) === 'aws_organizations_organizational_unit') ouIds.set(entry.id, address);
  }
  // What the map has (every entry, by its address) and what the config has (every address), across stacks, by object.
  let mapIndex: ContentIndex | undefined;
  let configIndex: ContentIndex | undefined;
  stacks.forEach((stack, index) => {
    const plan = plans[index];
    for (const [type, section] of Object.entries(SECTIONS)) {
      const gone = plan.unusedEntries.filter((address) => typeOf(address) === type);
      const added = plan.withoutEntry.filter((address) => typeOf(address) === type);
      if (gone.length === 0 || added.length === 0) continue;
      mapIndex ??= contentIndex(stacks.flatMap((candidate) => Object.keys(candidate.entries)));
      configIndex ??= contentIndex(stacks.flatMap((candidate) => candidate.addresses));
      const goneContent = new Map(gone.map((address) => [address, withExtras(mapIndex!.get(objectKey(section.kind, address)), mapExtras(stack, address, stacks, ouIds))]));
      const addedContent = new Map(added.map((address) => [address, withExtras(configIndex!.get(objectKey(section.kind, address)), configExtras(stack, address, context.accountOus))]));
      const score = pairScores(goneContent, addedContent);
      const best = (scores: ReadonlyMap<string, number> | undefined) => {
        if (!scores || scores.size === 0) return [];
        const top = Math.max(...scores.values());
        return top <= 0 ? [] : [...scores].filter(([, value]) => value === top).map(([address]) => address).sort();
      };
      const reported = new Set<string>();
      for (const from of gone) {
        let matches = best(score.get(from));
        // One object gone and one new of a type, with nothing in common to compare: still most likely one renamed.
        const only = matches.length === 0 && gone.length === 1 && added.length === 1;
        if (only) matches = [added[0]];
        if (matches.length === 0) continue;
        const rivals = only ? [from] : best(new Map(gone.map((other) => [other, score.get(other)?.get(matches[0]) ?? 0] as const)));
        const shared = sharedKinds(goneContent.get(from)!, addedContent.get(matches[0])!);
        if (matches.length > 1 || rivals.length > 1) {
          const key = `${rivals.join(',')}>${matches.join(',')}`;
          if (!reported.has(key)) ambiguous.push({ stack: stack.name, gone: [...new Set([from, ...rivals])].sort(), added: matches, because: shared });
          reported.add(key);
          continue;
        }
        const hint = hintFor(stack, from, matches[0], section, context, plans, ouIds);
        if (hint) hints.push({ ...hint, because: shared || `the only ${noun(type)} gone and the only one new` });
      }
    }
  });
  // A child OU or an attachment that the hint for its parent would move needs no hint of its own.
  const covered = (hint: RenameHint) =>
    hints.some((other) => {
      if (other === hint || other.stack !== hint.stack) return false;
      const kind = SECTIONS[typeOf(other.from)]?.kind;
      if (kind === undefined) return false;
      return renamedAddress(hint.from, new Map([[kind, new Map([[nameOf(other.from), { to: nameOf(other.to), via: 0 }]])]]))?.target === hint.to;
    });
  return { hints: hints.filter((hint) => !covered(hint)), ambiguous };
}

type Content = ReadonlyMap<string, ReadonlySet<string>>;
/** `kind\nname` → what the dependents carrying that name say of it. */
type ContentIndex = ReadonlyMap<string, Content>;

const objectKey = (kind: RenameKind | undefined, address: string) => `${kind ?? ''}\n${nameOf(address)}`;

/**
 * Objects' content, read once from a list of addresses: per kind of dependent (`members`,
 * `assignments`, …), the dependents' addresses with the object's own name replaced by `*`, so the
 * same content under two names compares equal.
 */
function contentIndex(addresses: readonly string[]): ContentIndex {
  const index = new Map<string, Map<string, Set<string>>>();
  const add = (kind: RenameKind, name: string, what: string, value: string) => {
    const key = `${kind}\n${name}`;
    let content = index.get(key);
    if (!content) index.set(key, (content = new Map()));
    let set = content.get(what);
    if (!set) content.set(what, (set = new Set()));
    set.add(value);
  };
  for (const dependent of addresses) {
    const type = typeOf(dependent);
    const parts = nameOf(dependent).split('__');
    for (const slot of CONTENT_SLOTS) {
      if (slot.type !== type || parts.length <= slot.position) continue;
      if (slot.kind === 'organizationalUnit') {
        // An OU's path is several parts: every OU path its children and attachments start with.
        const last = type === 'aws_organizations_organizational_unit' ? parts.length - 1 : parts.length;
        for (let end = slot.position + 1; end <= last; end++) {
          add('organizationalUnit', parts.slice(slot.position, end).join('__'), slot.what, `${type}.${[...parts.slice(0, slot.position), '*', ...parts.slice(end)].join('__')}`);
        }
        continue;
      }
      const part = parts[slot.position];
      const principal = slot.type === 'aws_ssoadmin_account_assignment' && slot.position === 0 ? /^(group|user)_(.+)$/.exec(part) : null;
      if (principal && principal[1] !== slot.kind) continue;
      const replaced = [...parts];
      replaced[slot.position] = principal ? `${principal[1]}_*` : '*';
      add(slot.kind, principal ? principal[2] : part, slot.what, `${type}.${replaced.join('__')}`);
    }
  }
  return index;
}

function withExtras(content: Content | undefined, extras: ReadonlyMap<string, ReadonlySet<string>>): Content {
  return new Map([...(content ?? new Map()), ...extras]);
}

/**
 * Similarity of every pair that shares something, found through what they share (not every pair:
 * thousands of unmatched users would be millions of pairs). A value many objects share (every set
 * has `*__administratoraccess`) finds no candidates on its own, but counts in the score.
 */
function pairScores(gone: ReadonlyMap<string, Content>, added: ReadonlyMap<string, Content>): Map<string, Map<string, number>> {
  const holders = new Map<string, string[]>();
  for (const [address, content] of added) {
    for (const [what, values] of content) for (const value of values) {
      const key = `${what}\n${value}`;
      const list = holders.get(key) ?? [];
      list.push(address);
      holders.set(key, list);
    }
  }
  const scores = new Map<string, Map<string, number>>();
  for (const [from, content] of gone) {
    const candidates = new Set<string>();
    for (const [what, values] of content) for (const value of values) {
      const list = holders.get(`${what}\n${value}`) ?? [];
      if (list.length <= 20) for (const to of list) candidates.add(to);
    }
    scores.set(from, new Map([...candidates].map((to) => [to, similarity(content, added.get(to)!)])));
  }
  return scores;
}

/** What the map says of an object beyond addresses: an OU's accounts (by parent_id), a policy's content, an account's name. */
function mapExtras(stack: PlanStack, address: string, stacks: readonly PlanStack[], ouIds: ReadonlyMap<string, string>): Map<string, Set<string>> {
  const extras = new Map<string, Set<string>>();
  const entry = stack.entries[address];
  const type = typeOf(address);
  if (type === 'aws_organizations_organizational_unit') {
    const accounts = stacks.flatMap((candidate) => Object.entries(candidate.entries))
      .filter(([other, found]) => typeOf(other) === 'aws_organizations_account' && found.observed.parent_id === entry.id && ouIds.get(entry.id) === address)
      .map(([other]) => other);
    if (accounts.length > 0) extras.set('accounts', new Set(accounts));
  }
  if (type === 'aws_organizations_policy' && typeof entry.observed.content === 'string') extras.set('content', new Set([normalJson(entry.observed.content)]));
  if (type === 'aws_organizations_account' && typeof entry.observed.name === 'string') extras.set('name', new Set([entry.observed.name]));
  return extras;
}

/** The same facts from the config: accounts whose parent_id refers to the OU, a policy's content, an account's name. */
function configExtras(stack: PlanStack, address: string, accountOus: HintContext['accountOus']): Map<string, Set<string>> {
  const extras = new Map<string, Set<string>>();
  const type = typeOf(address);
  if (type === 'aws_organizations_organizational_unit') {
    const accounts = [...(accountOus ?? [])].filter(([, ou]) => ou === address).map(([account]) => account);
    if (accounts.length > 0) extras.set('accounts', new Set(accounts));
  }
  const args = stack.argumentsOf(address);
  if (type === 'aws_organizations_policy' && typeof args.content === 'string') extras.set('content', new Set([normalJson(args.content)]));
  if (type === 'aws_organizations_account' && typeof args.name === 'string') extras.set('name', new Set([args.name]));
  return extras;
}

/** Jaccard similarity per kind of content, summed: 0 when nothing is shared. */
function similarity(a: Content, b: Content): number {
  let sum = 0;
  for (const what of new Set([...a.keys(), ...b.keys()])) {
    const left = a.get(what) ?? new Set();
    const right = b.get(what) ?? new Set();
    const common = [...left].filter((value) => right.has(value)).length;
    const union = new Set([...left, ...right]).size;
    if (union > 0) sum += common / union;
  }
  return sum;
}

/** `same members, same assignments` — the kinds of content both share in full; `assignments partly the same (1 of 2)` where they overlap. */
function sharedKinds(a: Content, b: Content): string {
  const phrases: string[] = [];
  for (const what of new Set([...a.keys(), ...b.keys()])) {
    const left = a.get(what) ?? new Set();
    const right = b.get(what) ?? new Set();
    const common = [...left].filter((value) => right.has(value)).length;
    if (common === 0) continue;
    const union = new Set([...left, ...right]).size;
    phrases.push(common === left.size && common === right.size ? `same ${what}` : `${what} partly the same (${common} of ${union})`);
  }
  return phrases.sort().join(', ');
}

function hintFor(
  stack: PlanStack,
  from: string,
  to: string,
  section: (typeof SECTIONS)[string],
  context: HintContext,
  plans: readonly StackPlan[],
  ouIds: ReadonlyMap<string, string>,
): Omit<RenameHint, 'because'> | undefined {
  const definition = context.definitions?.byAddress.get(to);
  const oldName = oldNameOf(stack, from, section, ouIds);
  const newName = definition?.key ?? (section.name ? stack.argumentsOf(to)[section.name] : nameOf(to));
  if (typeof oldName !== 'string' || typeof newName !== 'string') return undefined;
  let yaml: string;
  let entry: string;
  if (section.section === '') {
    // A permission set keeps its AWS name under the new key: then it is found by name and moved.
    yaml = stringify({ identityCenter: { permissionSets: { [newName]: { name: oldName } } } });
    entry = `identityCenter.permissionSets.${newName}.name: ${JSON.stringify(oldName)}`;
  } else {
    yaml = stringify({ renames: { [section.section]: { [oldName]: newName } } });
    entry = `renames: { ${section.section}: { ${JSON.stringify(oldName)}: ${JSON.stringify(newName)} } }`;
  }
  let dependents = 0;
  if (section.kind) {
    const names = new Map([[section.kind, new Map([[nameOf(from), { to: nameOf(to), via: 0 }]])]]);
    plans.forEach((plan) => {
      const created = new Set(plan.withoutEntry);
      for (const address of plan.unusedEntries) {
        if (address === from) continue;
        const renamed = renamedAddress(address, names);
        if (renamed && created.has(renamed.target)) dependents++;
      }
    });
  }
  const line = definition ? context.definitions?.lineOf(definition.path) : undefined;
  return { stack: stack.name, from, to, entry, yaml, file: context.file, line, renamesLine: context.definitions?.lineOf(['renames']), dependents };
}

/** The name a `renames:` entry uses for the object the map has: its AWS name, its key (accounts), its path (OUs). */
function oldNameOf(stack: PlanStack, from: string, section: (typeof SECTIONS)[string], ouIds: ReadonlyMap<string, string>): unknown {
  const entry = stack.entries[from];
  if (typeOf(from) === 'aws_organizations_organizational_unit') {
    // The path from the map's own OUs: each parent_id that is an OU of the map adds its name in front.
    const names: string[] = [];
    let current: typeof entry | undefined = entry;
    for (let depth = 0; current && depth < 10; depth++) {
      names.unshift(String(current.observed.name));
      const parent = ouIds.get(String(current.observed.parent_id));
      current = parent === undefined ? undefined : stack.entries[parent];
    }
    return names.join('/');
  }
  if (section.section === '') return entry.observed.name;
  // renames: names an object by what its address is made from: its AWS name where that gives the address.
  const named = section.name ? entry.observed[section.name] : undefined;
  return typeof named === 'string' && addressName(named) === nameOf(from) ? named : nameOf(from);
}

function noun(type: string): string {
  return type.replace(/^aws_(identitystore_|ssoadmin_|organizations_|iam_)?/, '').replace(/_/g, ' ');
}

function normalJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

import { addressName } from '../model/address';
import { attribute, knownString, priorAttribute, type Attribute, type Side } from './plan/attribute';
import { asArray, asObject, asString, at, isObject, type JsonObject, type JsonValue } from '../rules/json';
import type { Plan, ResourceChange } from './plan/model';
import { configOf } from './plan/lookup';
import type { SynthStack } from './synth/read-synth';
import { lookupTable } from '../lib/lookup-table';

/**
 * Names for the IDs in a plan: who (user, group), which permission set, which account.
 *
 * A new assignment's principal_id, permission_set_arn and target_id are unknown until apply, and
 * existing ones are opaque IDs. In order of trust, a name comes from:
 *  1. the plan: a known ID whose object the plan or its prior_state describes (user_id → user_name,
 *     group_id → display_name, permission set ARN → name, account ID → name), or the resource the
 *     configuration references (`aws_identitystore_group.admins.group_id`) and that resource's values;
 *  2. the synthesized config (`--synth-dir`): the same references in cdk.tf.json;
 *  3. the Terraform address, which our stacks derive from config names (marked as such);
 *  4. the bare ID, marked as such.
 */

export type NameKind = 'user' | 'group' | 'permission-set' | 'account' | 'ou' | 'policy' | 'root';
export type NameSource = 'plan' | 'synth' | 'address' | 'id' | 'unknown';

export interface Name {
  /** What to show: a name, or the ID or "(unknown)" when no name is knowable. */
  readonly text: string;
  /** The AWS ID when known (account ID, group ID, ARN). */
  readonly id?: string;
  readonly source: NameSource;
}

/** Plain text for reasons: `Prod Workloads (111111111111)`, `dev-workloads (333333333333, name from the address)`. */
export function describeName(name: Name, kind: NameKind): string {
  if (name.source === 'id') return `${name.text} (ID; no name known)`;
  const id = kind === 'account' && name.id && name.id !== name.text ? name.id : undefined;
  const fromAddress = name.source === 'address';
  if (id !== undefined) return fromAddress ? `${name.text} (${id}, name from the address)` : `${name.text} (${id})`;
  return fromAddress ? `${name.text} (name from the address)` : name.text;
}

/** Resource types that name things, with the attribute holding the ID and the one holding the name. */
const NAMED_TYPES: Readonly<Record<string, { kind: NameKind; id: string; name: string }>> = lookupTable({
  aws_identitystore_user: { kind: 'user', id: 'user_id', name: 'user_name' },
  aws_identitystore_group: { kind: 'group', id: 'group_id', name: 'display_name' },
  aws_ssoadmin_permission_set: { kind: 'permission-set', id: 'arn', name: 'name' },
  aws_organizations_account: { kind: 'account', id: 'id', name: 'name' },
  aws_organizations_organizational_unit: { kind: 'ou', id: 'id', name: 'name' },
  aws_organizations_policy: { kind: 'policy', id: 'id', name: 'name' },
});

/** prior_state resource types the names need; the review keeps no others in memory. */
export const NAME_SOURCE_TYPES: ReadonlySet<string> = new Set([...Object.keys(NAMED_TYPES), 'aws_organizations_organization', 'terraform_remote_state']);

/** Higher wins when two sources name the same thing. */
const RANK: Record<NameSource, number> = { plan: 3, synth: 2, address: 1, id: 0, unknown: 0 };
const STACK_KINDS = /-(organization|identity-center|baseline|access-[a-z0-9][a-z0-9-]*)$/;
/** Stack → environment (environmentOf), asked three times a row of a large plan. */
const ENVIRONMENTS = new Map<string, string>();
const MAX_SHARED_NAMES = 1 << 16;
/** `data.terraform_remote_state.organization.outputs.account_ids["prod"]` → `prod`. */
const ACCOUNT_KEY_REFERENCE = /^data\.terraform_remote_state\.[\w-]+\.outputs\.account_ids\["([^"]+)"\]/;
/** What every ACCOUNT_KEY_REFERENCE starts with: most references are tested by this alone. */
const REMOTE_STATE = 'data.terraform_remote_state.';
/** A reference's object and its constant instance key, if any: `aws_ssoadmin_permission_set.this` and `["Admin"]` of `aws_ssoadmin_permission_set.this["Admin"].arn`. */
const REFERENCE_SUBJECT = /^((?:data\.)?[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*)(\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?/;
/** An instance address's block and its quoted for_each key: `module.sso.aws_ssoadmin_permission_set.this` and `"Admin"`. */
const INSTANCE_KEY = /^(.*)\[("(?:[^"\\]|\\.)*")\]$/;
/** Characters that join a set's key to the rest of an attachment's or assignment's key. */
const KEY_SEPARATORS: ReadonlySet<string | undefined> = new Set(['.', '/', ':', '-', '_', '|', ',', ' ', '#', '@', '+']);
const SENSITIVE: Name = Object.freeze({ text: '(sensitive)', source: 'unknown' });
const UNKNOWN: Name = Object.freeze({ text: '(unknown)', source: 'unknown' });

interface Entry {
  readonly text: string;
  readonly source: NameSource;
}

/**
 * Values by two keys (a kind or an environment, then an ID or a name). A plan of 60,000 assignments
 * looks names up three times a row: a key string made for each lookup cost more than the lookup.
 */
class TwoKeyMap<V> {
  private readonly outer = new Map<string, Map<string, V>>();
  get(first: string, second: string): V | undefined {
    return this.outer.get(first)?.get(second);
  }
  has(first: string, second: string): boolean {
    return this.outer.get(first)?.has(second) ?? false;
  }
  set(first: string, second: string, value: V): void {
    let inner = this.outer.get(first);
    if (!inner) this.outer.set(first, (inner = new Map()));
    inner.set(second, value);
  }
}

export class Names {
  /** Kind (`account`, `group`, …) → ID → name. */
  private readonly ids = new TwoKeyMap<Entry>();
  /** Stack → address → name. */
  private readonly addresses = new TwoKeyMap<Entry>();
  /** Environment → account address name → account name. */
  private readonly accountKeys = new TwoKeyMap<Entry>();
  /** OU ID → parent ID (an OU or the root), for OU paths. */
  private readonly ouParents = new Map<string, string>();
  /** Environment → account ID → account key, from the organization stack's `account_ids` output. */
  private readonly accountIdKeys = new TwoKeyMap<string>();
  /** Names handed out, one object per distinct name (see shared). */
  private readonly handedOut = new Map<string, Name>();
  /** `<stack> <block address>` → for_each key → the instance's address, for named objects of a for_each block. */
  private readonly instanceKeys = new Map<string, Map<string, string>>();

  constructor(plans: readonly Plan[], private readonly synth: ReadonlyMap<string, SynthStack> = new Map()) {
    for (const plan of plans) this.addPlan(plan);
    for (const stack of synth.values()) this.addSynth(stack);
  }

  /** The name the plans or --synth-dir give the object of this ID, if any. */
  known(kind: NameKind, id: string): string | undefined {
    return this.ids.get(kind, id)?.text;
  }

  /**
   * The name behind `attr` (principal_id, permission_set_arn, target_id, …) on one side of a change.
   * `fromAddress` is the name the Terraform address gives, used when nothing better is known.
   */
  of(plan: Plan, change: ResourceChange, side: Side, attr: string, kind: NameKind, fromAddress?: string): Name {
    const value = attribute(change, side, attr);
    if (value.state === 'sensitive') return SENSITIVE;
    const id = knownString(value);
    const env = environmentOf(plan.stack);
    const accountKey = kind === 'account' && id !== undefined ? this.accountIdKeys.get(env, id) : undefined;
    const known =
      (id === undefined ? undefined : this.ids.get(kind, id)) ??
      (accountKey === undefined ? undefined : this.accountKeys.get(env, addressName(accountKey))) ??
      (side === 'after' || id === undefined
        ? this.referenced(plan.stack, this.planReferences(plan, change, attr), change) ?? this.referenced(plan.stack, this.synthReferences(plan.stack, change, attr))
        : undefined);
    if (known) return this.shared(known.text, id, known.source);
    if (accountKey !== undefined) return this.shared(accountKey, id, 'address');
    if (fromAddress) return this.shared(fromAddress, id, 'address');
    if (id !== undefined) return this.shared(id, id, 'id');
    return UNKNOWN;
  }

  /**
   * One frozen object per distinct name: a plan of 50,000 assignments names the same few hundred
   * groups, sets and accounts on every row, and each row holding its own copies cost about 200 bytes
   * a row. Bounded, so a plan of unique names does not grow a second table of them.
   */
  private shared(text: string, id: string | undefined, source: NameSource): Name {
    // Keyed by the ID (or the text), strings the plan holds anyway: a key made for each name would cost
    // as much as the name. An ID named otherwise elsewhere (rare) gets objects of its own.
    const key = id ?? text;
    const known = this.handedOut.get(key);
    if (known && known.text === text && known.id === id && known.source === source) return known;
    const name: Name = Object.freeze(id === undefined ? { text, source } : { text, id, source });
    if (!known && this.handedOut.size < MAX_SHARED_NAMES) this.handedOut.set(key, name);
    return name;
  }

  /**
   * The config's key of the account behind an assignment's target_id: the key of the organization
   * stack's `account_ids` output that holds the ID, or that the configuration references
   * (`account_ids["prod"]`), from the plan or --synth-dir. Undefined when neither says it.
   */
  accountKey(plan: Plan, change: ResourceChange, side: Side): string | undefined {
    const id = knownString(attribute(change, side, 'target_id'));
    const byId = id === undefined ? undefined : this.accountIdKeys.get(environmentOf(plan.stack), id);
    if (byId !== undefined || side === 'before') return byId;
    for (const reference of [...this.planReferences(plan, change, 'target_id'), ...this.synthReferences(plan.stack, change, 'target_id')]) {
      const key = ACCOUNT_KEY_REFERENCE.exec(reference)?.[1];
      if (key !== undefined) return key;
    }
    return undefined;
  }

  /** An SCP attachment's target: an account, an OU or the root, whichever the ID names. */
  target(plan: Plan, change: ResourceChange, side: Side, attr: string): Name {
    const id = knownString(attribute(change, side, attr));
    for (const kind of ['account', 'ou', 'root'] as const) {
      const known = id === undefined ? undefined : this.ids.get(kind, id);
      if (known) return { ...known, text: kind === 'ou' ? this.ouPath(id!) : known.text, id };
    }
    return this.of(plan, change, side, attr, 'account');
  }

  /** `Workloads/Prod`: OU names from the root down, as far as the plans know them. */
  private ouPath(id: string): string {
    const parts: string[] = [];
    for (let current: string | undefined = id; current !== undefined && parts.length < 10; current = this.ouParents.get(current)) {
      const name = this.ids.get('ou', current);
      if (!name) break;
      parts.unshift(name.text);
    }
    return parts.join('/');
  }

  private addPlan(plan: Plan): void {
    const env = environmentOf(plan.stack);
    // The planned name first: a rename in this plan shows the new name.
    for (const change of plan.changes) this.addObject(plan.stack, env, change.address, change.type, (path) => attribute(change, 'after', path));
    for (const resource of plan.prior) this.addObject(plan.stack, env, resource.address, resource.type, (path) => priorAttribute(resource, path));
    for (const change of plan.changes) this.addObject(plan.stack, env, change.address, change.type, (path) => attribute(change, 'before', path));
    // A data source read only at apply (a dependency of it changes) has only what it looks up by, the name.
    for (const change of plan.changes) {
      const named = change.mode === 'data' ? NAMED_TYPES[change.type] : undefined;
      const name = named && literal(lookupValue(asObject(change.after) ?? {}));
      if (name === undefined) continue;
      this.set(this.addresses, plan.stack, change.address, name, 'plan');
      this.addInstance(plan.stack, change.address);
    }
    for (const resource of plan.config.values()) {
      const named = NAMED_TYPES[resource.type];
      const constant = named && asString(asObject(resource.expressions[named.name])?.constant_value);
      if (constant) this.set(this.addresses, plan.stack, resource.address, constant, 'plan');
    }
  }

  /** Records what one object (a state resource or one side of a change) says about names. */
  private addObject(stack: string, env: string, address: string, type: string, read: (path: string) => Attribute): void {
    const named = NAMED_TYPES[type];
    if (named) {
      const name = knownString(read(named.name));
      const id = knownString(read(named.id));
      if (name === undefined) return;
      this.set(this.addresses, stack, address, name, 'plan');
      this.addInstance(stack, address);
      if (id !== undefined) this.set(this.ids, named.kind, id, name, 'plan');
      if (type === 'aws_organizations_account') this.set(this.accountKeys, env, lastPart(address), name, 'plan');
      const parent = knownString(read('parent_id'));
      if (type === 'aws_organizations_organizational_unit' && id !== undefined && parent !== undefined && !this.ouParents.has(id)) this.ouParents.set(id, parent);
    } else if (type === 'aws_organizations_organization') {
      for (const root of asArray(knownValue(read('roots')))) {
        const id = asString(asObject(root)?.id);
        if (id) this.set(this.ids, 'root', id, 'Root', 'plan');
      }
      for (const account of asArray(knownValue(read('accounts')))) {
        const id = asString(asObject(account)?.id);
        const name = asString(asObject(account)?.name);
        if (id && name) this.set(this.ids, 'account', id, name, 'plan');
      }
    } else if (type === 'terraform_remote_state') {
      // The organization stack's output read by another stack: account key → account ID.
      const accountIds = asObject(at(knownValue(read('outputs')) ?? null, ['account_ids']));
      for (const [key, id] of Object.entries(accountIds ?? {})) {
        if (typeof id === 'string') this.accountIdKeys.set(env, id, key);
      }
    }
  }

  private addSynth(stack: SynthStack): void {
    const env = environmentOf(stack.stack);
    for (const resource of stack.resources.values()) {
      const named = NAMED_TYPES[resource.type];
      const name = named && literal(resource.block[named.name] ?? lookupValue(resource.block));
      if (!name) continue;
      this.set(this.addresses, stack.stack, resource.address, name, 'synth');
      if (resource.type === 'aws_organizations_account') this.set(this.accountKeys, env, resource.name, name, 'synth');
    }
    // Accounts the config references by ID appear only in the organization stack's output.
    const accountIds = asObject(asObject(stack.outputs.account_ids)?.value);
    for (const [key, value] of Object.entries(accountIds ?? {})) {
      const id = literal(value);
      if (id && !this.accountIdKeys.has(env, id)) this.accountIdKeys.set(env, id, key);
    }
  }

  private set(map: TwoKeyMap<Entry>, first: string, second: string, text: string, source: NameSource): void {
    const existing = map.get(first, second);
    if (!existing || RANK[source] > RANK[existing.source]) map.set(first, second, { text, source });
  }

  /**
   * The name of the first reference that resolves, e.g. `aws_identitystore_group.admins.group_id`.
   * A configuration reference is relative to the module of the change that has it (Terraform's
   * jsonconfig writes `aws_ssoadmin_permission_set.this["Admin"].arn` inside `module.sso`), and one
   * with a constant instance key names that instance. A reference whose key is an expression is
   * written as the block alone (`aws_ssoadmin_permission_set.this`, then `each.value.set`): with the
   * `change`, the instance is then the one whose for_each key the change's own key holds (instanceByKey).
   * https://github.com/hashicorp/terraform/blob/main/internal/command/jsonconfig/expression.go (marshalExpression)
   */
  private referenced(stack: string, references: readonly string[], change?: ResourceChange): Entry | undefined {
    const module = change?.moduleAddress ? `${change.moduleAddress}.` : '';
    const blocks: string[] = [];
    for (const reference of references) {
      const accountKey = reference.startsWith(REMOTE_STATE) ? ACCOUNT_KEY_REFERENCE.exec(reference)?.[1] : undefined;
      if (accountKey !== undefined) {
        return this.accountKeys.get(environmentOf(stack), addressName(accountKey)) ?? { text: accountKey, source: 'address' };
      }
      const subject = REFERENCE_SUBJECT.exec(reference);
      if (!subject) continue;
      const [, block, key] = subject;
      const named = (key === undefined ? undefined : this.addresses.get(stack, `${module}${block}${key}`)) ?? this.addresses.get(stack, `${module}${block}`);
      if (named) return named;
      if (key === undefined) blocks.push(`${module}${block}`);
    }
    const key = change?.index;
    if (typeof key !== 'string') return undefined;
    for (const block of blocks) {
      const named = this.instanceByKey(stack, block, key);
      if (named) return named;
    }
    return undefined;
  }

  /** Records the for_each key of a named object's address (`…pset["Admin"]` → `Admin`). */
  private addInstance(stack: string, address: string): void {
    if (!address.endsWith('"]')) return;
    const instance = INSTANCE_KEY.exec(address);
    if (!instance) return;
    let key: string;
    try {
      key = JSON.parse(instance[2]) as string;
    } catch {
      return;
    }
    const block = `${stack} ${instance[1]}`;
    let keys = this.instanceKeys.get(block);
    if (!keys) this.instanceKeys.set(block, (keys = new Map()));
    keys.set(key, address);
  }

  /**
   * The instance of `block` that the for_each key `key` of a change belongs to: the instance whose key
   * it is, or the longest key it starts with, or else ends with, at a separator. The key of an
   * attachment or assignment is most often built from its set's key (`"${set}.${policy_arn}"` in the
   * aws-ia terraform-aws-iam-identity-center module). Undefined when two keys match, one at each end
   * (which end is the set cannot be told), or none does. The name is marked as read from the address.
   */
  private instanceByKey(stack: string, block: string, key: string): Entry | undefined {
    const keys = this.instanceKeys.get(`${stack} ${block}`);
    if (!keys) return undefined;
    let address = keys.get(key);
    if (address === undefined) {
      let prefix: string | undefined;
      let suffix: string | undefined;
      for (const candidate of keys.keys()) {
        if (candidate.length >= key.length) continue;
        if (key.startsWith(candidate) && KEY_SEPARATORS.has(key[candidate.length]) && candidate.length > (prefix?.length ?? 0)) prefix = candidate;
        if (key.endsWith(candidate) && KEY_SEPARATORS.has(key[key.length - candidate.length - 1]) && candidate.length > (suffix?.length ?? 0)) suffix = candidate;
      }
      // The same key at both ends (`Admin.arn:aws:iam::aws:policy/Admin`) is one set, not two candidates; and
      // a key that goes on with an ARN after the prefix (aws-ia's `${set}.${policy_arn}`) ends with the policy's
      // name, not a set's.
      const policyAfter = prefix !== undefined && key.startsWith('arn:', prefix.length + 1);
      const found = prefix !== undefined && suffix !== undefined && prefix !== suffix && !policyAfter ? undefined : prefix ?? suffix;
      address = found === undefined ? undefined : keys.get(found);
    }
    const named = address === undefined ? undefined : this.addresses.get(stack, address);
    return named && { text: named.text, source: 'address' };
  }

  private planReferences(plan: Plan, change: ResourceChange, attr: string): readonly string[] {
    return referencesOf(configOf(plan, change)?.expressions[attr]);
  }

  private synthReferences(stack: string, change: ResourceChange, attr: string): readonly string[] {
    const expression = this.synth.get(stack)?.resources.get(`${change.mode === 'data' ? 'data.' : ''}${change.type}.${change.name}`)?.block[attr];
    if (typeof expression !== 'string') return [];
    return [...expression.matchAll(/\$\{([^}]*)\}/g)].map((match) => match[1].trim());
  }
}

/** `prod-identity-center` → `prod`: stacks of one environment share account names. */
export function environmentOf(stack: string): string {
  let environment = ENVIRONMENTS.get(stack);
  if (environment === undefined) {
    environment = stack.replace(STACK_KINDS, '');
    // A review has a few stacks; the bound keeps a caller of many from growing the table.
    if (ENVIRONMENTS.size < 1024) ENVIRONMENTS.set(stack, environment);
  }
  return environment;
}

/** Names our addresses encode: `group_platform_admins__admin__prod` → group, platform_admins, admin, prod. */
export function assignmentAddressParts(name: string): { principalType?: 'USER' | 'GROUP'; principal?: string; permissionSet?: string; account?: string } {
  // As name.split('__') taking the first three parts, without the array: this runs for every assignment row.
  const first = name.indexOf('__');
  const second = first < 0 ? -1 : name.indexOf('__', first + 2);
  if (second < 0) return {};
  const third = name.indexOf('__', second + 2);
  const principalType = name.startsWith('user_') ? 'USER' : name.startsWith('group_') ? 'GROUP' : undefined;
  const principal = principalType === undefined ? '' : name.slice(principalType === 'USER' ? 5 : 6, first);
  // The pattern this replaced, /^(user|group)_(.+)$/, took no line break in the principal.
  if (principal === '' || /[\n\r\u2028\u2029]/.test(principal)) return {};
  return { principalType, principal, permissionSet: name.slice(first + 2, second), account: name.slice(second + 2, third < 0 ? undefined : third) };
}

/**
 * What an address says of its object when its local name is not one of this project's: the for_each
 * key of another module's instance (`this["Admin.arn:…"]` → `Admin.arn:…`), `this[0]` for a count
 * index, else the local name. Never a for_each block's own name, which names no object.
 */
export function instanceLabel(change: ResourceChange): string {
  if (typeof change.index === 'string') return change.index;
  if (typeof change.index === 'number') return `${change.name}[${change.index}]`;
  return change.name;
}

/** `<first>__<second>`, as in memberships (`<group>__<user>`) and attachments (`<set>__<policy>`). */
export function pairAddressParts(name: string): { first?: string; second?: string } {
  const [first, second] = name.split('__');
  return second === undefined ? {} : { first, second };
}

function referencesOf(expression: JsonValue | undefined): readonly string[] {
  return asArray(asObject(expression)?.references).filter((reference): reference is string => typeof reference === 'string');
}

function knownValue(attr: Attribute): JsonValue | undefined {
  return attr.state === 'known' ? attr.value : undefined;
}

/**
 * A data source's lookup value: `alternate_identifier.unique_attribute.attribute_value` or
 * `filter.attribute_value`; a block is an object in the synth's JSON and a list of one in a plan's values.
 */
function lookupValue(block: JsonObject): JsonValue | undefined {
  const unique = at(block, ['alternate_identifier', 'unique_attribute', 'attribute_value']) ?? at(block, ['alternate_identifier', 0, 'unique_attribute', 0, 'attribute_value']);
  if (unique !== undefined) return unique;
  const filter = block.filter;
  return isObject(filter) ? filter.attribute_value : Array.isArray(filter) ? at(filter, [0, 'attribute_value']) : undefined;
}

/** A synthesized value that is a plain string, not an expression. */
function literal(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' && !value.includes('${') ? value : undefined;
}

function lastPart(address: string): string {
  return address.slice(address.lastIndexOf('.') + 1);
}

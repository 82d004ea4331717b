import { asObject, asString, type JsonValue } from '../../rules/json';
import type { ConfigResource, PriorResource, ResourceChange } from './model';

/**
 * Conversions from the raw JSON of one plan element to the typed model. They pick the fields the
 * review reads and drop the rest (provider names, generated config, …) so it can be collected.
 */

/** JSON that is well formed but does not have the shape of a plan element. */
export class PlanShapeError extends Error {}

/** `where` names the element for an error message; it is only called when there is one. */
export function toResourceChange(raw: JsonValue, where: () => string): ResourceChange {
  const element = asObject(raw);
  const change = asObject(element?.change);
  const address = asString(element?.address);
  const type = asString(element?.type);
  const name = asString(element?.name);
  const actions = change?.actions;
  if (!element || !address || !type || name === undefined || !change || !Array.isArray(actions) || !actions.every((a) => typeof a === 'string')) {
    throw new PlanShapeError(`${where()} is not a resource change: it needs "address", "type", "name" and "change.actions"`);
  }
  const importing = asObject(change.importing);
  const index = element.index;
  // A no-op that imports nothing changes nothing: its values are dropped (prior_state has them).
  const keepValues = !(actions.length === 1 && actions[0] === 'no-op' && !importing);
  const typeName = intern(type);
  const optional = {
    previousAddress: asString(element.previous_address),
    moduleAddress: asString(element.module_address),
    index: typeof index === 'string' || typeof index === 'number' ? index : undefined,
    deposed: asString(element.deposed),
    actionReason: asString(element.action_reason),
    importing: importing
      ? { id: asString(importing.id), byIdentity: importing.identity !== undefined ? true : undefined, unknown: importing.unknown === true ? true : undefined }
      : undefined,
  };
  const required: ResourceChange = {
    address,
    mode: element.mode === 'data' ? 'data' : 'managed',
    type: typeName,
    // The name is the end of a root module address (`<type>.<name>`): a slice of it costs less than its own copy.
    name: address === `${typeName}.${name}` ? address.slice(typeName.length + 1) : name,
    actions: internActions(actions as string[]),
    before: keepValues ? keptValues(typeName, change.before ?? null) : null,
    after: keepValues ? keptValues(typeName, change.after ?? null) : null,
    afterUnknown: keepValues ? mask(change.after_unknown) : null,
    beforeSensitive: keepValues ? mask(change.before_sensitive) : null,
    afterSensitive: keepValues ? mask(change.after_sensitive) : null,
    replacePaths: replacePaths(change.replace_paths),
  };
  // Most changes have none of the optional fields: an object without them is six fields smaller, per change.
  return hasAny(optional) ? withDefined(required, optional) : required;
}

function hasAny(fields: Record<string, unknown>): boolean {
  for (const key in fields) if (fields[key] !== undefined) return true;
  return false;
}

function withDefined<T extends object>(base: T, fields: Record<string, unknown>): T {
  const result = { ...base } as Record<string, unknown>;
  for (const key in fields) if (fields[key] !== undefined) result[key] = fields[key];
  return result as T;
}

export function toPriorResource(raw: JsonValue, where: () => string): PriorResource {
  const element = asObject(raw);
  const address = asString(element?.address);
  const type = asString(element?.type);
  const name = asString(element?.name);
  if (!element || !address || !type || name === undefined) {
    throw new PlanShapeError(`${where()} is not a state resource: it needs "address", "type" and "name"`);
  }
  return {
    address,
    mode: element.mode === 'data' ? 'data' : 'managed',
    type,
    name,
    values: asObject(element.values) ?? {},
    sensitiveValues: element.sensitive_values ?? null,
  };
}

/** `modulePrefix` is `module.<call>.` per enclosing module call; configuration addresses omit it. */
export function toConfigResource(raw: JsonValue, modulePrefix: string, where: () => string): ConfigResource {
  const element = asObject(raw);
  const address = asString(element?.address);
  const type = asString(element?.type);
  const name = asString(element?.name);
  if (!element || !address || !type || name === undefined) {
    throw new PlanShapeError(`${where()} is not a configuration resource: it needs "address", "type" and "name"`);
  }
  return {
    address: `${modulePrefix}${address}`,
    mode: element.mode === 'data' ? 'data' : 'managed',
    type,
    name,
    expressions: asObject(element.expressions) ?? {},
    ...(element.for_each_expression !== undefined || element.count_expression !== undefined ? { repeated: true as const } : {}),
  };
}

/** A sensitivity or unknown mirror; the empty ones most changes have are one shared object. */
const NO_MARKS: JsonValue = Object.freeze({}) as JsonValue;

function mask(value: JsonValue | undefined): JsonValue {
  if (value === undefined || value === null || value === false) return null;
  return typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0 ? NO_MARKS : value;
}

/**
 * Short strings seen in changes' values, each kept once: tens of thousands of assignments repeat the
 * same instance ARN, permission set ARNs, principal IDs and types, and each JSON.parse makes its own
 * copy. Bounded, so a plan of unique values does not grow a second table of them.
 */
const VALUES = new Map<string, string>();
const MAX_INTERNED = 1 << 16;
const MAX_INTERNED_LENGTH = 128;

/**
 * An account assignment's `id` is its six arguments joined by commas ("principal_id, principal_type,
 * target_id, target_type, permission_set_arn, instance_arn separated by commas", terraform-provider-aws
 * website/docs/r/ssoadmin_account_assignment.html.markdown): about 200 characters that say nothing the
 * arguments do not, and unique per assignment. No rule or report reads it, and a plan of 50,000
 * assignments held 10 MB of them: dropped when it is exactly that join, kept otherwise.
 */
const ASSIGNMENT_ID_PARTS = ['principal_id', 'principal_type', 'target_id', 'target_type', 'permission_set_arn', 'instance_arn'];

/**
 * A change's before or after as kept: its top-level short strings interned (see VALUES), and an
 * assignment's derived `id` dropped (ASSIGNMENT_ID_PARTS). One pass over the arguments; other values as they are.
 */
function keptValues(type: string, value: JsonValue): JsonValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  if (type === 'aws_ssoadmin_account_assignment' && typeof value.id === 'string' && isJoinOf(value.id, value)) {
    // A copy without it, not `delete`: deleting a property turns the object into a slower, larger dictionary.
    const kept: { [key: string]: JsonValue } = {};
    let position = 0;
    for (const key in value) if (key !== 'id') kept[key] = interned(position++, key, value[key]);
    return kept;
  }
  let position = 0;
  for (const key in value) value[key] = interned(position++, key, value[key]);
  return value;
}

/** Whether `id` is the ASSIGNMENT_ID_PARTS of `value` joined by commas, compared in place rather than joined. */
function isJoinOf(id: string, value: { readonly [key: string]: JsonValue }): boolean {
  let at = 0;
  for (let index = 0; index < ASSIGNMENT_ID_PARTS.length; index++) {
    const part = value[ASSIGNMENT_ID_PARTS[index]];
    if (typeof part !== 'string') return false;
    if (index > 0 && id.charCodeAt(at++) !== 0x2c) return false;
    if (!id.startsWith(part, at)) return false;
    at += part.length;
  }
  return at === id.length;
}

/**
 * The argument `key`, the `position`-th of its object, interned when it is a short string.
 * Consecutive changes mostly repeat an argument's value (the instance, a set, a principal) at the
 * same position: a comparison with the last value there costs less than hashing the new string
 * for the table (and than looking the last one up by name, as this did before).
 */
function interned(position: number, key: string, item: JsonValue): JsonValue {
  if (typeof item !== 'string' || item.length > MAX_INTERNED_LENGTH) return item;
  const remembered = position < LAST_POSITIONS;
  if (remembered && LAST_KEYS[position] === key && LAST_VALUES[position] === item) return LAST_VALUES[position];
  let value = VALUES.get(item);
  if (value === undefined) {
    value = item;
    if (VALUES.size < MAX_INTERNED) VALUES.set(item, item);
  }
  if (remembered) {
    LAST_KEYS[position] = key;
    LAST_VALUES[position] = value;
  }
  return value;
}

/** The last interned value at each of an object's first LAST_POSITIONS arguments, and that argument's name. */
const LAST_POSITIONS = 64;
const LAST_KEYS: string[] = new Array<string>(LAST_POSITIONS).fill('');
const LAST_VALUES: string[] = new Array<string>(LAST_POSITIONS).fill('');

const TYPES = new Map<string, string>();

/** Resource types repeat in every change: one string each. */
function intern(type: string): string {
  const known = TYPES.get(type);
  if (known !== undefined) return known;
  TYPES.set(type, type);
  return type;
}

const NO_PATHS: Array<Array<string | number>> = [];

function replacePaths(value: JsonValue | undefined): Array<Array<string | number>> {
  if (!Array.isArray(value) || value.length === 0) return NO_PATHS;
  return value
    .filter((path): path is JsonValue[] => Array.isArray(path))
    .map((path) => path.filter((step): step is string | number => typeof step === 'string' || typeof step === 'number'));
}

/** One shared array per distinct action list: tens of thousands of changes have a handful of them. */
const ACTION_LISTS = new Map<string, readonly string[]>();

function internActions(actions: string[]): readonly string[] {
  const key = actions.join('\u0000');
  let shared = ACTION_LISTS.get(key);
  if (!shared) {
    shared = Object.freeze([...actions]);
    ACTION_LISTS.set(key, shared);
  }
  return shared;
}

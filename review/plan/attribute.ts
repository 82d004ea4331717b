import { at, isObject, member, type JsonValue } from '../../rules/json';
import type { PriorResource, ResourceChange } from './model';

/**
 * One attribute of a planned object, as much as may be shown. Terraform writes sensitive values in
 * clear text and marks them only in `before_sensitive`/`after_sensitive`, so every value the review
 * prints goes through here and a sensitive one is never returned.
 */
export type Attribute =
  | { readonly state: 'known'; readonly value: JsonValue }
  /** Known only after apply (`after_unknown`). */
  | { readonly state: 'unknown' }
  /** Marked sensitive: not shown. */
  | { readonly state: 'sensitive' }
  /** No object on this side (create/delete), or the attribute is null or not set. */
  | { readonly state: 'absent' };

export type Side = 'before' | 'after';
type Path = readonly (string | number)[];

export function attribute(change: ResourceChange, side: Side, path: string | Path): Attribute {
  const object = side === 'before' ? change.before : change.after;
  const sensitive = side === 'before' ? change.beforeSensitive : change.afterSensitive;
  if (object === null) return ABSENT;
  // One argument, the common case (three for each of 60,000 assignments): no path array.
  if (typeof path === 'string') {
    if (markedAt(sensitive, path)) return SENSITIVE;
    if (side === 'after' && markedAt(change.afterUnknown, path)) return UNKNOWN;
    return known(isObject(object) ? member(object, path) : undefined);
  }
  if (marked(sensitive, path)) return SENSITIVE;
  if (side === 'after' && marked(change.afterUnknown, path)) return UNKNOWN;
  return known(at(object, path));
}

const ABSENT: Attribute = Object.freeze({ state: 'absent' });
const SENSITIVE: Attribute = Object.freeze({ state: 'sensitive' });
const UNKNOWN: Attribute = Object.freeze({ state: 'unknown' });

function known(value: JsonValue | undefined): Attribute {
  return value === undefined || value === null ? ABSENT : { state: 'known', value };
}

/** `marked` for a path of one key. */
function markedAt(mask: JsonValue | undefined, key: string): boolean {
  return mask === true || (isObject(mask) && mask[key] === true);
}

export function priorAttribute(resource: PriorResource, path: string | Path): Attribute {
  const steps = typeof path === 'string' ? [path] : path;
  if (marked(resource.sensitiveValues, steps)) return SENSITIVE;
  return known(at(resource.values, steps));
}

/** The attribute's value if it is a known string. */
export function knownString(attr: Attribute): string | undefined {
  return attr.state === 'known' && typeof attr.value === 'string' ? attr.value : undefined;
}

/** The after value when known, otherwise the before value: what names an object best. */
export function currentString(change: ResourceChange, path: string | Path): string | undefined {
  return knownString(attribute(change, 'after', path)) ?? knownString(attribute(change, 'before', path));
}

/** True when `mask` (a sensitivity or unknown mirror) is `true` at `path` or at any step above it. */
function marked(mask: JsonValue | undefined, path: Path): boolean {
  let current = mask;
  if (current === true) return true;
  for (const step of path) {
    if (Array.isArray(current) && typeof step === 'number') current = current[step];
    else if (isObject(current) && typeof step === 'string') current = current[step];
    else return false;
    if (current === true) return true;
  }
  return false;
}

import { at, isObject, type JsonValue } from '../../rules/json';
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
  const steps = typeof path === 'string' ? [path] : path;
  const object = side === 'before' ? change.before : change.after;
  const sensitive = side === 'before' ? change.beforeSensitive : change.afterSensitive;
  if (object === null) return { state: 'absent' };
  if (marked(sensitive, steps)) return { state: 'sensitive' };
  if (side === 'after' && marked(change.afterUnknown, steps)) return { state: 'unknown' };
  const value = at(object, steps);
  return value === undefined || value === null ? { state: 'absent' } : { state: 'known', value };
}

export function priorAttribute(resource: PriorResource, path: string | Path): Attribute {
  const steps = typeof path === 'string' ? [path] : path;
  if (marked(resource.sensitiveValues, steps)) return { state: 'sensitive' };
  const value = at(resource.values, steps);
  return value === undefined || value === null ? { state: 'absent' } : { state: 'known', value };
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

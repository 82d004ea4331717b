import { at, isObject, type JsonValue } from '../../../rules/json';
import type { ResourceChange } from '../../plan/model';

/**
 * True when a sensitivity or unknown mirror (`after_unknown`, `before_sensitive`, …) marks a value
 * somewhere inside the attribute, not the attribute as a whole (plan/attribute.ts reads that): one
 * element of a list known only after apply is written `[false, true]`, and the attribute then reads
 * as known, with null for that element (Terraform's jsonplan unknownAsBool).
 */
export function partlyMarked(mask: JsonValue | undefined, attr: string): boolean {
  const inner = isObject(mask) ? at(mask, [attr]) : undefined;
  return inner !== true && containsTrue(inner);
}

function containsTrue(value: JsonValue | undefined): boolean {
  if (value === true) return true;
  if (Array.isArray(value)) return value.some(containsTrue);
  if (isObject(value)) return Object.values(value).some(containsTrue);
  return false;
}

/** The attribute on the new side is fully readable: known or not set, and nothing inside it unknown or sensitive. */
export function fullyReadable(change: ResourceChange, attr: string, state: string): boolean {
  return (state === 'known' || state === 'absent') && !partlyMarked(change.afterUnknown, attr) && !partlyMarked(change.afterSensitive, attr);
}

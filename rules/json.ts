/** JSON values as they come out of `JSON.parse`, and the few accessors the rules and the review need. */

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: JsonValue | undefined): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

export function asString(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A nested block's first object: nested blocks are lists of one object in plan JSON, and objects in cdk.tf.json. */
export function firstBlock(value: JsonValue | undefined): JsonValue | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function asArray(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : [];
}

/**
 * The member `key` of a parsed object when it has it as its own. `object[key]` alone answers a key the
 * object lacks from Object.prototype: `valueOf` or `constructor` as a function, `__proto__` as an
 * object, and a plan whose one side has an argument named so crashed the review on the other side.
 */
export function member(object: JsonObject, key: string): JsonValue | undefined {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/** The value at `path` inside `value`, or undefined when any step is missing. */
export function at(value: JsonValue | undefined, path: readonly (string | number)[]): JsonValue | undefined {
  let current = value;
  for (const step of path) {
    if (Array.isArray(current) && typeof step === 'number') current = current[step];
    else if (isObject(current) && typeof step === 'string') current = member(current, step);
    else return undefined;
  }
  return current;
}

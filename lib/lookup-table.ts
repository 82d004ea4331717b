/**
 * A lookup table keyed by strings that come from a plan or a policy (resource types, attribute names,
 * AWS managed policy names). A plain object literal answers `constructor`, `toString` or `__proto__`
 * from Object.prototype: a plan with a resource of type "toString" stopped the review with an
 * internal error. This table has no prototype, so only its own entries are found.
 */
export function lookupTable<V>(entries: Readonly<Record<string, V>>): Readonly<Record<string, V>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, V>, entries));
}

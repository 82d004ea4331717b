/**
 * The string as one piece. V8 keeps a string built with `+` or a template literal as a tree of its
 * parts (a "cons string", 32 bytes a node) until something reads it whole, and a reason or title of
 * a dozen parts stays a tree as long as the review holds it: for a plan of 50,000 deletions that is
 * tens of megabytes. Converting the string to a number reads it whole, which makes V8 store it flat
 * and drop the tree (the technique of the flatstr package). Returns `text` itself.
 */
export function flat(text: string): string {
  void ((text as unknown as number) | 0);
  return text;
}

/** The same for the string fields of an object kept per change (a finding, a change line). */
export function flatFields<T extends object>(value: T): T {
  for (const key in value) {
    const item = value[key];
    if (typeof item === 'string') flat(item);
  }
  return value;
}

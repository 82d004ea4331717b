/** Console names made safe for keys and file names: `Log Archive` → `log-archive`; empty when nothing is left. */
export function kebabName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** A value quoted for a message: JSON-escaped and, past `max` characters, cut with its length told. */
export function quote(value: unknown, max = 80): string {
  if (typeof value !== 'string') return JSON.stringify(value) ?? String(value);
  return value.length > max ? `${JSON.stringify(value.slice(0, max))}… (${value.length} characters)` : JSON.stringify(value);
}
